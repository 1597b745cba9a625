/**
 * One scenario's job under a run request: run it (`--repeat` times), aggregate (one run, or the judged combined
 * view of the repeats), write its reports and save the baseline when asked. `busmark run <scenario>` and every
 * scenario of `busmark run --all` go through {@link runJob}.
 * @module
 */
import { aggregateRepeats } from "../aggregate/combine.ts";
import type { HealthBounds } from "../aggregate/health.ts";
import { saveBaseline } from "../compare/baseline.ts";
import { InputPathError } from "../errors.ts";
import { repeatIdOf } from "../result/repeat.ts";
import type { RunResult } from "../result/types.ts";
import { writeRepeatReport, writeRunReport } from "../report/write.ts";
import { type RunOptions, runScenario } from "../run/runner.ts";
import { resolvePath } from "../runtime/paths.ts";
import { checkWritableDir, FsError, makeTempDir, moveDirContents, removePath } from "../runtime/fs.ts";
import type { Scenario } from "../scenario/types.ts";
import { runAbJob } from "./ab-job.ts";
import { type RunExtras, type RunIO, runOptionsFor, type RunRequest } from "./run-request.ts";

/**
 * Checks, before any run starts, that the report root `out` can be created and written (a probe file is written
 * and removed); throws {@link InputPathError} (exit 2) with the reason.
 */
export function checkOutputDir(out: string): void {
  try {
    checkWritableDir(out);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    throw new InputPathError(error.path, error.code, `Cannot write reports to ${error.message}`, { cause: error });
  }
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
 * Writes the report(s) of finished runs: one run's directory, or with several runs the repeat directory with the
 * combined view, judged with the same self-health bounds as the runs; then saves the baseline when asked.
 * Interrupted runs are reported but never saved as a baseline.
 */
export async function finishRuns(
  results: readonly RunResult[],
  outDir: string,
  extras: RunExtras,
  health?: HealthBounds,
): Promise<FinishedRuns> {
  if (results.length === 0) throw new RangeError("Cannot write a report: no run finished");
  // Each result records where its reports (and baselines) went, so `compare LABEL` finds them from it.
  const reportRoot = resolvePath(outDir);
  results = results.map((r) => ({ ...r, reportRoot }));
  const write = { benchmarkAction: extras.benchmarkAction };
  let dir: string;
  let result: RunResult;
  if (results.length === 1) {
    result = results[0]!;
    dir = await writeRunReport(result, outDir, write);
  } else {
    result = { ...aggregateRepeats(results, health, repeatIdOf(results)), reportRoot };
    dir = await writeRepeatReport(results, result, outDir, write);
  }
  const baselineDirs = extras.saveBaseline && results.every((r) => r.status !== "interrupted")
    ? saveBaseline(outDir, extras.saveBaseline, results)
    : [];
  return { dir, result, baselineDirs };
}

/** How a job runs besides its request: progress, interruption, and (for tests) the interpreter itself. */
export interface JobIO extends RunIO {
  /** Called before each run when there are several (`run 2 of 3`). */
  announce?: (line: string) => void;
  /** Runs one scenario (default {@link runScenario}). */
  run?: (opts: RunOptions) => Promise<RunResult>;
}

/**
 * Runs `scenario` as `request` asks (`--repeat` times, stopping early when interrupted), then finishes the runs
 * (see {@link finishRuns}); a scenario with an `ab:` block runs as its A/B experiment (see `ab-job.ts`).
 * Infrastructure failures throw; the caller chooses the exit code.
 */
export async function runJob(request: RunRequest, scenario: Scenario, io: JobIO): Promise<FinishedRuns> {
  if (scenario.ab) return await runAbJob(request, scenario, io);
  const run = io.run ?? runScenario;
  const opts = runOptionsFor(request, scenario, io);
  // The service's files wait here until the report directory exists, then move into it.
  const staging = makeTempDir("busmark-kept-");
  opts.keepServiceFiles = {
    database: request.extras.keepServiceFiles === true,
    dirFor: (runId) => `${staging}/${runId}`,
  };
  try {
    const results: RunResult[] = [];
    const repeat = request.extras.repeat;
    for (let i = 0; i < repeat && !io.signal.aborted; i++) {
      if (repeat > 1) io.announce?.(`run ${i + 1} of ${repeat}\n`);
      results.push(await run(opts));
    }
    const finished = await finishRuns(results, request.out, request.extras, opts.health);
    for (const r of results) {
      const dir = results.length === 1 ? finished.dir : `${finished.dir}/runs/${r.runId}`;
      moveDirContents(`${staging}/${r.runId}`, dir);
    }
    return finished;
  } finally {
    removePath(staging);
  }
}
