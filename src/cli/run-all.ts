/**
 * `busmark run --all [--tag T ...] [--quick]`: every scenario of a directory (filtered by tag), one after another,
 * each writing its own report; one line per scenario as it finishes, a table at the end, and the worst exit code.
 * An invalid scenario in the directory is reported and makes the whole run exit 2, whatever its tags (a broken
 * catalogue must not pass CI); the valid ones still run.
 * @module
 */
import { InfrastructureError, ScenarioError, UsageError } from "../errors.ts";
import { maskSecrets } from "../nats/mask.ts";
import type { RunListener } from "../run/events.ts";
import type { RunOptions } from "../run/runner.ts";
import type { RunResult } from "../result/types.ts";
import { realPath } from "../runtime/fs.ts";
import { currentDir, getEnv, onTerminate, stdoutIsTTY, writeOut } from "../runtime/host.ts";
import { isAbsolutePath, relativePath } from "../runtime/paths.ts";
import { type LoadedScenario, loadScenarios } from "../scenario/list.ts";
import { defaultScenariosDir, PACKAGE_SCENARIOS_DIR } from "../scenario/resolve.ts";
import { ExitCode, exitCodeForVerdict } from "../exit-codes.ts";
import { textTable } from "../format/table.ts";
import { CHECK_LINE_UNITS } from "../format/units.ts";
import { formatObserved } from "../format/growth.ts";
import { formatProblems } from "./problems.ts";
import { createProgress } from "./progress.ts";
import { checkOutputDir, runJob } from "./run-job.ts";
import { progressOptions, type RunRequest, scenarioForRequest } from "./run-request.ts";

/** Lines `run --all` adds to `busmark run --help`. */
export const RUN_ALL_USAGE =
  `  --all                    run every scenario of the scenarios directory, one after another, each writing
                           its report; prints a line per scenario and a table, exits with the worst code
                           (ranked 130 interrupted > 2 an invalid scenario > 3 infrastructure > 4 an invalid
                           run > 1 a threshold failed > 0)
  --tag TAG                with --all: only the scenarios tagged TAG (repeatable: tagged with every TAG)
  --dir DIR                with --all: the scenarios directory (default: scenarios/, else busmark's own)
  --allow-commands         with --all: run scenarios that run shell commands (a \`command\` service) from a
                           directory outside the working directory; a scenario is trusted code, like a Makefile
`;

/** Exit codes from least to most severe; the worst of a catalogue run is its exit code. */
const SEVERITY: readonly number[] = [
  ExitCode.Ok,
  ExitCode.ThresholdsFailed,
  ExitCode.InvalidRun,
  ExitCode.Infrastructure,
  ExitCode.Invalid,
  ExitCode.Interrupted,
];

/** The most severe of some exit codes (0 for none); an unknown code counts as infrastructure. */
export function worstExitCode(codes: readonly number[]): number {
  const rank = (code: number) => {
    const i = SEVERITY.indexOf(code);
    return i < 0 ? SEVERITY.indexOf(ExitCode.Infrastructure) : i;
  };
  return codes.reduce((worst, code) => (rank(code) > rank(worst) ? code : worst), ExitCode.Ok as number);
}

export { exitCodeForVerdict };

/** What became of one scenario of a catalogue run. */
export interface ScenarioOutcome {
  name: string;
  file: string;
  /** `pass`, `fail`, `invalid` (the run: busmark could not offer the load), `interrupted`, `not run`
   * (interrupted before it started), `invalid scenario`, or `error` (infrastructure). */
  status: string;
  exitCode: number;
  /** Wall time of the scenario, ms (0 when it did not run). */
  elapsedMs: number;
  /** Checks passed and in total. */
  checks?: { passed: number; total: number };
  /** One line per failed check (`key condition: observed`), or the reason it could not run. */
  details: string[];
  reportDir?: string;
}

/**
 * Scenarios of `dir` to run, each read and validated once: every valid one carrying all `tags`, and every invalid
 * one.
 */
export function selectScenarios(
  dir: string,
  tags: readonly string[],
  env: Record<string, string | undefined>,
): LoadedScenario[] {
  return loadScenarios(dir, { env }).filter(({ summary: s }) =>
    s.problems.length > 0 || tags.every((t) => s.tags.includes(t))
  );
}

/** True when `dir` is inside the working directory tree, or is busmark's own scenarios directory. */
export function isProjectDir(dir: string): boolean {
  const real = realPath(dir);
  if (real === realPath(PACKAGE_SCENARIOS_DIR)) return true;
  const rel = relativePath(realPath(currentDir()), real);
  return rel === "" || (!rel.startsWith("..") && !isAbsolutePath(rel));
}

/**
 * Refuses (UsageError, exit 2) to run scenarios that run shell commands from a directory outside the project
 * unless the request allows it (`--allow-commands`): a scenario is trusted code, and a directory from elsewhere
 * must not run commands just by being named.
 */
export function checkCommandsAllowed(dir: string, selected: readonly LoadedScenario[], request: RunRequest): void {
  if (request.all?.allowCommands || isProjectDir(dir)) return;
  const running = selected.filter((s) => s.summary.commands.length > 0);
  if (running.length === 0) return;
  const first = running[0]!.summary;
  const others = running.length > 1 ? ` (and ${running.length - 1} more)` : "";
  throw new UsageError(
    `Cannot run the scenarios of ${dir}: it is outside the working directory and \`${first.name}\`${others} ` +
      `runs a shell command (\`${first.commands[0]}\`); a scenario is trusted code, so read them and pass ` +
      "`--allow-commands` to run them",
  );
}

/** Options of {@link runAll}. */
export interface RunAllOptions {
  /** The request (its `all` says which scenarios; every other setting applies to each of them). */
  request: RunRequest;
  signal: AbortSignal;
  /** Live progress of each run (none when absent). */
  listener?: RunListener;
  write: (text: string) => void;
  /** Runs one scenario (default {@link runScenario}; tests substitute it). */
  run?: (opts: RunOptions) => Promise<RunResult>;
  /** Monotonic ms (default `performance.now`). */
  now?: () => number;
}

/** The failed checks of a result, one line each. */
export function failedChecks(result: RunResult): string[] {
  return result.checks.filter((c) => !c.pass).map((c) =>
    `${c.key} ${c.condition}: ${
      c.observed === null ? c.reason ?? "no data" : `observed ${formatObserved(c, CHECK_LINE_UNITS)}`
    }`
  );
}

/** The line printed when a scenario finishes. */
export function outcomeLine(o: ScenarioOutcome, index: number, count: number, quick: boolean): string {
  const label = `[${index + 1}/${count}] ${o.name}${quick ? " (quick)" : ""}`;
  const time = o.elapsedMs > 0 ? ` in ${(o.elapsedMs / 1000).toFixed(1)}s` : "";
  const where = o.reportDir ? `  ${o.reportDir}` : "";
  return [`${label}: ${o.status.toUpperCase()}${time}${where}`, ...o.details.map((d) => `      ${d}`)].join("\n");
}

/** The final table of a catalogue run. */
export function formatOutcomes(outcomes: readonly ScenarioOutcome[]): string {
  const rows = [["SCENARIO", "RESULT", "EXIT", "TIME", "CHECKS", "REPORT"]];
  for (const o of outcomes) {
    rows.push([
      o.name,
      o.status,
      String(o.exitCode),
      o.elapsedMs > 0 ? `${(o.elapsedMs / 1000).toFixed(1)}s` : "-",
      o.checks ? `${o.checks.passed}/${o.checks.total}` : "-",
      o.reportDir ?? "",
    ]);
  }
  return textTable(rows) + "\n";
}

async function runOne(loaded: LoadedScenario, opts: RunAllOptions): Promise<ScenarioOutcome> {
  const { summary } = loaded;
  const base = { name: summary.name, file: summary.file, elapsedMs: 0, details: [] as string[] };
  const now = opts.now ?? (() => performance.now());
  const { request } = opts;
  if (!loaded.variants) {
    return {
      ...base,
      status: "invalid scenario",
      exitCode: ExitCode.Invalid,
      details: [formatProblems(summary.problems)],
    };
  }
  let scenario;
  try {
    scenario = scenarioForRequest(request, request.quick ? loaded.variants.quick : loaded.variants.full);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return {
      ...base,
      status: "invalid scenario",
      exitCode: ExitCode.Invalid,
      details: [formatProblems(error.problems)],
    };
  }
  const started = now();
  try {
    const { dir, result } = await runJob(request, scenario, {
      signal: opts.signal,
      listener: opts.listener,
      ...(opts.run ? { run: opts.run } : {}),
    });
    const passed = result.checks.filter((c) => c.pass).length;
    return {
      ...base,
      status: result.verdict,
      exitCode: exitCodeForVerdict(result.verdict),
      elapsedMs: now() - started,
      checks: { passed, total: result.checks.length },
      details: [...failedChecks(result), ...result.invalidReasons],
      reportDir: dir,
    };
  } catch (error) {
    if (error instanceof ScenarioError) {
      const details = [formatProblems(error.problems)];
      return { ...base, status: "invalid scenario", exitCode: ExitCode.Invalid, elapsedMs: now() - started, details };
    }
    const message = error instanceof Error ? error.message : String(error);
    const infrastructure = error instanceof InfrastructureError;
    return {
      ...base,
      status: "error",
      exitCode: ExitCode.Infrastructure,
      elapsedMs: now() - started,
      details: [maskSecrets(infrastructure ? message : `Cannot run the scenario: ${message}`, request.auth)],
    };
  }
}

/**
 * Runs the selected scenarios one after another (see {@link selectScenarios}); after an interrupt the rest are
 * listed as not run. Resolves to every outcome and the worst exit code.
 */
export async function runAll(opts: RunAllOptions): Promise<{ outcomes: ScenarioOutcome[]; exitCode: number }> {
  const { request } = opts;
  const dir = request.all?.dir ?? defaultScenariosDir();
  const tags = request.all?.tags ?? [];
  const selected = selectScenarios(dir, tags, request.env);
  const filter = tags.length > 0 ? ` tagged ${tags.join(" and ")}` : "";
  if (selected.length === 0) {
    opts.write(`No scenarios${filter} in ${dir}\n`);
    return { outcomes: [], exitCode: ExitCode.Invalid };
  }
  checkCommandsAllowed(dir, selected, request);
  checkOutputDir(request.out);
  opts.write(`Running ${selected.length} scenario${selected.length === 1 ? "" : "s"}${filter} from ${dir}\n`);
  const outcomes: ScenarioOutcome[] = [];
  for (const [i, loaded] of selected.entries()) {
    const outcome = opts.signal.aborted
      ? {
        name: loaded.summary.name,
        file: loaded.summary.file,
        status: "not run",
        exitCode: ExitCode.Interrupted,
        elapsedMs: 0,
        details: [],
      }
      : await runOne(loaded, opts);
    outcomes.push(outcome);
    opts.write(`${outcomeLine(outcome, i, selected.length, request.quick)}\n`);
  }
  const exitCode = worstExitCode(outcomes.map((o) => o.exitCode));
  const passed = outcomes.filter((o) => o.exitCode === ExitCode.Ok).length;
  opts.write(`\n${formatOutcomes(outcomes)}\n${passed} of ${outcomes.length} passed; exit ${exitCode}\n`);
  return { outcomes, exitCode };
}

/**
 * `busmark run --all ...`: runs the catalogue a request selects, with the live status line of the run in progress
 * on a terminal, and resolves to the worst exit code.
 */
export async function runAllFromRequest(request: RunRequest): Promise<number> {
  const interrupt = new AbortController();
  const removeHandler = onTerminate(() => interrupt.abort(), { watchWrapper: true });
  // On a terminal, the live status line of the run in progress; in a log, its periodic progress lines only (its
  // phase lines would drown the catalogue's).
  const live = stdoutIsTTY() && !getEnv("CI");
  const progress = request.quiet
    ? undefined
    : live
    ? createProgress("tty", writeOut)
    : createProgress("plain", writeOut, { ...progressOptions(request), progressOnly: true });
  const listener: RunListener | undefined = progress && ((event) => event.type === "progress" && progress(event));
  try {
    const { exitCode } = await runAll({
      request,
      signal: interrupt.signal,
      write: (text) => {
        progress?.end();
        writeOut(text);
      },
      ...(listener ? { listener } : {}),
    });
    return exitCode;
  } finally {
    progress?.end();
    removeHandler();
  }
}
