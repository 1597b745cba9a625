/**
 * `busmark run --all [--tag T ...] [--quick]`: every scenario of a directory (filtered by tag), one after another,
 * each writing its own report; one line per scenario as it finishes, a table at the end, and the worst exit code.
 * An invalid scenario in the directory is reported and makes the whole run exit 2, whatever its tags (a broken
 * catalogue must not pass CI); the valid ones still run.
 * @module
 */
import { InfrastructureError, ScenarioError, UsageError } from "../errors.ts";
import { maskSecrets } from "../nats/mask.ts";
import type { NatsAuth, ParsedNatsFlags } from "../nats/options.ts";
import type { RunListener } from "../run/events.ts";
import { type RunOptions, runScenario } from "../run/runner.ts";
import type { RunResult } from "../result/types.ts";
import { getEnv, onTerminate, stdoutIsTTY, writeOut } from "../runtime/host.ts";
import { listScenarios, type ScenarioSummary } from "../scenario/list.ts";
import { loadScenarioFile } from "../scenario/check.ts";
import { defaultScenariosDir } from "../scenario/resolve.ts";
import { intFlag, type ParsedArgs } from "./args.ts";
import { ExitCode, exitCodeForVerdict } from "../exit-codes.ts";
import { textTable } from "../format/table.ts";
import { CHECK_LINE_UNITS, formatInUnit } from "../format/units.ts";
import { formatProblems } from "./problems.ts";
import { createProgress } from "./progress.ts";
import { finishRuns, parseRunExtras, type RunExtras } from "./run-extras.ts";

/** Lines `run --all` adds to `busmark run --help`. */
export const RUN_ALL_USAGE =
  `  --all                    run every scenario of the scenarios directory, one after another, each writing
                           its report; prints a line per scenario and a table, exits with the worst code
                           (130 interrupted, 2 an invalid scenario, 3 infrastructure, 1 a threshold failed)
  --tag TAG                with --all: only the scenarios tagged TAG (repeatable: tagged with every TAG)
  --dir DIR                with --all: the scenarios directory (default: scenarios/, else busmark's own)
`;

/** Exit codes from least to most severe; the worst of a catalogue run is its exit code. */
const SEVERITY: readonly number[] = [
  ExitCode.Ok,
  ExitCode.ThresholdsFailed,
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

/** Scenarios of `dir` to run: every valid one carrying all `tags`, and every invalid one. */
export function selectScenarios(
  dir: string,
  tags: readonly string[],
  env: Record<string, string | undefined>,
): ScenarioSummary[] {
  return listScenarios(dir, { env }).filter((s) => s.problems.length > 0 || tags.every((t) => s.tags.includes(t)));
}

/** Options of {@link runAll}. */
export interface RunAllOptions {
  dir: string;
  tags: readonly string[];
  quick: boolean;
  out: string;
  extras: RunExtras;
  auth: NatsAuth;
  env: Record<string, string | undefined>;
  seed?: number;
  natsUrl?: string;
  serviceCommand?: { command: string; db?: string };
  signal: AbortSignal;
  /** The command line, for each report's "reproduce" note. */
  args: readonly string[];
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
      c.observed === null ? c.reason ?? "no data" : `observed ${formatInUnit(c.observed, c.unit, CHECK_LINE_UNITS)}`
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

/** The arguments of a catalogue run that also apply to one of its scenarios run alone (no selection flags). */
export function singleRunArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--all" || arg === "--quick" || /^--(tag|dir)=/.test(arg)) continue;
    if (arg === "--tag" || arg === "--dir") {
      i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

async function runOne(summary: ScenarioSummary, opts: RunAllOptions): Promise<ScenarioOutcome> {
  const base = { name: summary.name, file: summary.file, elapsedMs: 0, details: [] as string[] };
  const now = opts.now ?? (() => performance.now());
  let scenario;
  try {
    scenario = loadScenarioFile(summary.file, { quick: opts.quick, env: opts.env });
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return {
      ...base,
      status: "invalid scenario",
      exitCode: ExitCode.Invalid,
      details: [formatProblems(error.problems)],
    };
  }
  const run = opts.run ?? runScenario;
  const started = now();
  const command = ["busmark run", scenario.name, ...(opts.quick ? ["--quick"] : []), ...singleRunArgs(opts.args)]
    .map((a) => maskSecrets(a, opts.auth)).join(" ");
  try {
    const results: RunResult[] = [];
    for (let i = 0; i < opts.extras.repeat && !opts.signal.aborted; i++) {
      results.push(
        await run({
          scenario,
          auth: opts.auth,
          env: opts.env,
          signal: opts.signal,
          command,
          ...(opts.listener ? { listener: opts.listener } : {}),
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          ...(opts.natsUrl ? { natsUrl: opts.natsUrl } : {}),
          ...(opts.serviceCommand ? { serviceCommand: opts.serviceCommand } : {}),
        }),
      );
    }
    const { dir, result } = await finishRuns(results, opts.out, opts.extras);
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
    const message = error instanceof Error ? error.message : String(error);
    const infrastructure = error instanceof InfrastructureError;
    return {
      ...base,
      status: "error",
      exitCode: ExitCode.Infrastructure,
      elapsedMs: now() - started,
      details: [maskSecrets(infrastructure ? message : `Cannot run the scenario: ${message}`, opts.auth)],
    };
  }
}

/**
 * Runs the selected scenarios one after another (see {@link selectScenarios}); after an interrupt the rest are
 * listed as not run. Resolves to every outcome and the worst exit code.
 */
export async function runAll(opts: RunAllOptions): Promise<{ outcomes: ScenarioOutcome[]; exitCode: number }> {
  const selected = selectScenarios(opts.dir, opts.tags, opts.env);
  const filter = opts.tags.length > 0 ? ` tagged ${opts.tags.join(" and ")}` : "";
  if (selected.length === 0) {
    opts.write(`No scenarios${filter} in ${opts.dir}\n`);
    return { outcomes: [], exitCode: ExitCode.Invalid };
  }
  opts.write(`Running ${selected.length} scenario${selected.length === 1 ? "" : "s"}${filter} from ${opts.dir}\n`);
  const outcomes: ScenarioOutcome[] = [];
  for (const [i, summary] of selected.entries()) {
    const outcome = opts.signal.aborted
      ? {
        name: summary.name,
        file: summary.file,
        status: "not run",
        exitCode: ExitCode.Interrupted,
        elapsedMs: 0,
        details: [],
      }
      : await runOne(summary, opts);
    outcomes.push(outcome);
    opts.write(`${outcomeLine(outcome, i, selected.length, opts.quick)}\n`);
  }
  const exitCode = worstExitCode(outcomes.map((o) => o.exitCode));
  const passed = outcomes.filter((o) => o.exitCode === ExitCode.Ok).length;
  opts.write(`\n${formatOutcomes(outcomes)}\n${passed} of ${outcomes.length} passed; exit ${exitCode}\n`);
  return { outcomes, exitCode };
}

/** Value flags `run --all` adds to `busmark run` (`tag` repeats). */
export const RUN_ALL_FLAGS = ["tag", "dir"] as const;

/**
 * For `busmark run`: the catalogue run when `--all` was given (see {@link runAllFromArgs}), else undefined after
 * checking that no `--all`-only flag was.
 */
export function runAllIfAsked(
  parsed: ParsedArgs,
  nats: ParsedNatsFlags,
  env: Record<string, string | undefined>,
  args: readonly string[],
): Promise<number> | undefined {
  if (parsed.booleans.has("all")) return runAllFromArgs(parsed, nats, env, args);
  const stray = parsed.lists.tag ? "--tag" : parsed.flags.dir !== undefined ? "--dir" : undefined;
  if (stray) throw new UsageError(`\`${stray}\` selects scenarios for \`--all\`; add \`--all\` or name one scenario`);
  return undefined;
}

/**
 * `busmark run --all ...` from `run`'s parsed arguments: checks that no scenario is named, runs the catalogue and
 * resolves to the worst exit code. `NATS_URL` is left to each scenario's own `target` (so a scenario that needs
 * its own embedded server, to restart it, gets one); `--nats` overrides every scenario's target.
 */
export async function runAllFromArgs(
  parsed: ParsedArgs,
  nats: ParsedNatsFlags,
  env: Record<string, string | undefined>,
  args: readonly string[],
): Promise<number> {
  if (parsed.positionals.length > 0) {
    throw new UsageError(`\`--all\` runs every scenario; remove \`${parsed.positionals[0]}\``);
  }
  const interrupt = new AbortController();
  const removeHandler = onTerminate(() => interrupt.abort());
  // On a terminal, the live status line of the run in progress; its phase lines would drown the catalogue's.
  const live = !parsed.booleans.has("quiet") && stdoutIsTTY() && !getEnv("CI");
  const progress = live ? createProgress("tty", writeOut) : undefined;
  const listener: RunListener | undefined = progress && ((event) => event.type === "progress" && progress(event));
  const seed = intFlag(parsed.flags.seed, "seed");
  const serviceCommand = parsed.flags["service-command"];
  const serviceDb = parsed.flags["service-db"];
  try {
    const { exitCode } = await runAll({
      dir: parsed.flags.dir ?? defaultScenariosDir(),
      tags: parsed.lists.tag ?? [],
      quick: parsed.booleans.has("quick"),
      out: parsed.flags.out ?? "reports",
      extras: parseRunExtras(parsed.flags),
      auth: nats.auth,
      env,
      signal: interrupt.signal,
      args,
      write: (text) => {
        progress?.end();
        writeOut(text);
      },
      ...(listener ? { listener } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(nats.url && nats.urlSource === "flag" ? { natsUrl: nats.url } : {}),
      ...(serviceCommand
        ? { serviceCommand: { command: serviceCommand, ...(serviceDb ? { db: serviceDb } : {}) } }
        : {}),
    });
    return exitCode;
  } finally {
    progress?.end();
    removeHandler();
  }
}
