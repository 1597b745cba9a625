/**
 * Runs the CLI in-process with standard output and error captured.
 */
import { redirectOutput } from "../../src/runtime/host.ts";
import { main } from "../../src/cli/main.ts";

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `main(argv)` with busmark's output captured (the real streams, used by the test runner, are untouched). */
export async function runCli(argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const restore = redirectOutput((t) => out.push(t), (t) => err.push(t));
  try {
    const code = await main(argv);
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    restore();
  }
}
