/**
 * Writing a run's report directory `<out>/<scenario>/<run-id>/`: every file goes to a temporary name first and is
 * renamed into place, so no reader ever sees a half-written report.
 * @module
 */
import type { RunResult } from "../result/types.ts";
import { makeDir, writeFileAtomic } from "../runtime/fs.ts";

/** The directory a run's report goes to. */
export function reportDir(outDir: string, result: RunResult): string {
  return `${outDir}/${result.scenario.name}/${result.runId}`;
}

/** Writes `result.json` (and whatever other renderings exist) and returns the directory. */
export function writeRunReport(result: RunResult, outDir: string): string {
  const dir = reportDir(outDir, result);
  makeDir(dir);
  writeFileAtomic(`${dir}/result.json`, `${JSON.stringify(result, null, 2)}\n`);
  return dir;
}
