/**
 * A child's output captured to a log file, keeping the last few KB in memory for error messages.
 * @module
 */
import { closeSync, openSync, writeSync } from "node:fs";

/** An append-only log with an in-memory tail. */
export interface LogSink {
  write(chunk: Uint8Array): void;
  tail(): string;
  close(): void;
}

const TAIL_BYTES = 4096;

/** Opens (truncating) a log file at `path`. */
export function openLog(path: string): LogSink {
  let fd: number | undefined = openSync(path, "w");
  let tail = "";
  const decoder = new TextDecoder();
  return {
    write(chunk) {
      if (fd !== undefined) writeSync(fd, chunk);
      tail = (tail + decoder.decode(chunk, { stream: true })).slice(-TAIL_BYTES);
    },
    tail: () => tail.trimEnd(),
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
