/**
 * Appending to a file (CI job summaries), beside the write-whole-file helpers of `fs.ts`.
 * @module
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** Appends UTF-8 text to a file, creating it (and its directory) when missing. */
export function appendText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, text);
}
