/**
 * The `busmark run` options that concern reports and baselines: `--repeat N` (run N times, keep every run and a
 * combined view), `--save-baseline LABEL` (store the runs as a baseline for `busmark compare`) and
 * `--format github-action-benchmark` (also write `benchmark.json`). `run.ts` parses them with these helpers and
 * hands its results to {@link finishRuns}.
 * @module
 */
import { saveBaseline } from "../compare/baseline.ts";
import { checkLabel } from "../compare/baseline.ts";
import { UsageError } from "../errors.ts";
import type { RunResult } from "../result/types.ts";
import { writeRepeatReport, writeRunReport } from "../report/write.ts";
import { intFlag } from "./args.ts";

/** Value flags these options add to `busmark run`. */
export const RUN_EXTRA_FLAGS = ["repeat", "save-baseline", "format"] as const;

/** Their lines of `busmark run --help`. */
export const RUN_EXTRA_USAGE =
  `  --repeat N               run the scenario N times (default 1); each run's report goes to
                           reports/<scenario>/<id>-xN/runs/<run-id>/, the combined view (merged histograms,
                           thresholds judged on it) and repeat.json to reports/<scenario>/<id>-xN/
  --save-baseline LABEL    also store the run(s) as baseline LABEL (reports/baselines/LABEL/<scenario>/)
                           for \`busmark compare LABEL <candidate>\`
  --format FORMAT          also write another format: github-action-benchmark (benchmark.json,
                           customSmallerIsBetter)
`;

/** Largest `--repeat`. */
export const MAX_REPEAT = 100;

/** The parsed options. */
export interface RunExtras {
  repeat: number;
  saveBaseline?: string;
  benchmarkAction: boolean;
}

/** Parses the options from `run`'s flag values; throws UsageError on bad values. */
export function parseRunExtras(flags: Record<string, string | undefined>): RunExtras {
  const repeat = intFlag(flags.repeat, "repeat") ?? 1;
  if (repeat < 1 || repeat > MAX_REPEAT) throw new UsageError(`\`--repeat\` expects 1 to ${MAX_REPEAT}, got ${repeat}`);
  const format = flags.format;
  if (format !== undefined && format !== "github-action-benchmark") {
    throw new UsageError(`unknown \`--format ${format}\` (known: github-action-benchmark)`);
  }
  const out: RunExtras = { repeat, benchmarkAction: format === "github-action-benchmark" };
  if (flags["save-baseline"] !== undefined) out.saveBaseline = checkLabel(flags["save-baseline"]);
  return out;
}

/** What {@link finishRuns} wrote, and the result whose verdict decides the exit code. */
export interface FinishedRuns {
  /** The report directory (of the run, or of the repeat). */
  dir: string;
  /** The single run's result, or the combined view of the repeats. */
  result: RunResult;
  /** Where the baseline went, when one was saved. */
  baselineDirs: string[];
}

/**
 * Writes the report(s) of finished runs: one run's directory, or with several runs the repeat directory (see
 * `writeRepeatReport`); then saves the baseline when asked. Interrupted runs are reported but never saved as a
 * baseline.
 */
export async function finishRuns(
  results: readonly RunResult[],
  outDir: string,
  extras: RunExtras,
): Promise<FinishedRuns> {
  if (results.length === 0) throw new RangeError("Cannot write a report: no run finished");
  const write = { benchmarkAction: extras.benchmarkAction };
  let dir: string;
  let result: RunResult;
  if (results.length === 1) {
    result = results[0]!;
    dir = await writeRunReport(result, outDir, write);
  } else {
    const repeat = await writeRepeatReport(results, outDir, write);
    dir = repeat.dir;
    result = repeat.combined;
  }
  const baselineDirs = extras.saveBaseline && results.every((r) => r.status !== "interrupted")
    ? saveBaseline(outDir, extras.saveBaseline, results)
    : [];
  return { dir, result, baselineDirs };
}
