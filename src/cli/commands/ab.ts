/**
 * `busmark ab <scenario> --a CMD --b CMD --rounds N`: two builds of a service compared on the same runner,
 * interleaved A B A B … with the same seed and scenario and a fresh service each round (each command applied as
 * `--service-command`), judged by {@link analyzeAb}; exit 1 only for a significant regression beyond tolerance.
 * @module
 */
import { type AbAnalysis, analyzeAb, renderAbText } from "../../compare/ab.ts";
import { DEFAULT_ALPHA, DEFAULT_TOLERANCE } from "../../compare/compare.ts";
import { UsageError } from "../../errors.ts";
import { ExitCode } from "../../exit-codes.ts";
import { NATS_FLAG_USAGE } from "../../nats/options.ts";
import type { RunResult } from "../../result/types.ts";
import type { RunOptions } from "../../run/runner.ts";
import { allEnv, onTerminate, writeOut } from "../../runtime/host.ts";
import { writeFileAtomic } from "../../runtime/fs.ts";
import { loadScenarioFile, resolveScenarioRef } from "../../scenario/mod.ts";
import { abSide, DEFAULT_AB_ROUNDS } from "../../scenario/normalize-ab.ts";
import type { PathKind } from "../../scenario/types.ts";
import { planSide, runRounds } from "../ab-rounds.ts";
import type { Command } from "../command.ts";
import { findMetric, METRICS } from "../../metrics/catalog.ts";
import { didYouMean } from "../../text/suggest.ts";
import { intFlag } from "../args.ts";
import { AB_HTML, renderAbHtml } from "../ab-html.ts";
import { reportRunError } from "../run-errors.ts";
import { checkOutputDir } from "../run-job.ts";
import { parseRunRequest, type RunRequest } from "../run-request.ts";
import { parseTolerance } from "./compare.ts";

const USAGE = `Usage: busmark ab <scenario> --a "<command of build A>" --b "<command of build B>" [--rounds N] [options]

Compares two builds of a service on this runner, the way to beat runner noise: runs the scenario A B A B ...
(N rounds each, default 5) with the same seed, a fresh service each round (each command is used like
--service-command: {nats}, {db}, {prefix} and {tmp} expand; \`path:nats\` or \`path:direct\` instead runs the
scenario's own service with every phase on that path), then reports per metric B's change against A with a
95 % bootstrap interval and a one-sided Mann-Whitney U test over the rounds, plus an A/A check (A's first rounds
against its last) that says what change this runner can resolve at all. p50 and p99 of the headline latency gate.
A scenario with an \`ab:\` block names its sides, rounds and budgets itself: without --a and --b they apply, and
without --metric its budgets gate (each on the change's 95 % interval), as \`busmark run\` judges them.

Options:
  --a CMD, --b CMD         the two service commands, or path:nats / path:direct (default: the scenario's ab:)
  --rounds N               rounds per side (default: the scenario's ab.rounds, else 5; at least 3 for the test
                           to reach α = 0.05)
  --metric KEY             gate on this quantity instead (repeatable), as the table prints it: e.g.
                           cost.cpu, "latency.persisted p95", "latency.persisted{phase: steady} p99"
  --tolerance P            a gated change within P is no regression (default 10%)
  --alpha A                significance level, shared by the gated metrics (default 0.05)
  --quick, --seed N, --out DIR, --max-lag MS, --progress-interval S, --quiet: as for \`busmark run\`
${NATS_FLAG_USAGE}
Exit codes: 0 no regression or inconclusive (printed as such), 1 a gated metric regressed beyond the tolerance
and significantly, 2 usage or invalid scenario, 3 infrastructure unavailable, 4 a round busmark could not drive,
130 interrupted.
`;

/** The ab-only flags, taken off before the rest is parsed as a run request. */
const AB_VALUES = ["a", "b", "rounds", "tolerance", "alpha", "metric"];

/** Largest `--rounds`. */
const MAX_ROUNDS = 50;

/** Splits the ab-only flags (`--a CMD`, `--a=CMD`) from the run flags. */
export function splitAbArgs(
  args: readonly string[],
): { ab: Record<string, string>; metrics: string[]; rest: string[] } {
  const ab: Record<string, string> = {};
  const metrics: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    if (m && AB_VALUES.includes(m[1]!)) {
      const value = m[2] ?? args[++i];
      if (value === undefined) throw new UsageError(`\`--${m[1]}\` needs a value`);
      if (m[1] === "metric") metrics.push(value.trim());
      else ab[m[1]!] = value;
    } else rest.push(arg);
  }
  return { ab, metrics, rest };
}

/** The path a side names (`path:nats`, `path:direct`), or undefined for a service command. */
export function pathSide(side: string): PathKind | undefined {
  const parsed = abSide(side);
  return "path" in parsed ? parsed.path : undefined;
}

/** What `busmark ab` was asked for. */
export interface AbRequest {
  run: RunRequest;
  /** The sides (absent: the scenario's `ab:` block names them). */
  a?: string;
  b?: string;
  /** Rounds per side (absent: the scenario's `ab.rounds`, else 5). */
  rounds?: number;
  tolerance: number;
  alpha: number;
  /** `--metric`: the quantities that gate (default: the headline latency's p50 and p99). */
  gate?: string[];
}

/** Parses `busmark ab`'s arguments; throws UsageError on a missing command or a flag that makes no sense here. */
export function parseAbRequest(args: readonly string[], env: Record<string, string | undefined>): AbRequest {
  const { ab, metrics, rest } = splitAbArgs(args);
  const run = parseRunRequest(rest, env);
  if (run.all) throw new UsageError("`busmark ab` compares on one scenario; remove `--all`");
  for (const flag of ["--service-command", "--service-db", "--repeat", "--save-baseline", "--format"]) {
    if (rest.some((x) => x === flag || x.startsWith(`${flag}=`))) {
      throw new UsageError(`\`${flag}\` does not apply to \`busmark ab\` (use --a, --b and --rounds)`);
    }
  }
  if ((ab.a === undefined) !== (ab.b === undefined) || ab.a === "" || ab.b === "") {
    throw new UsageError("name both builds' commands: `--a CMD --b CMD`");
  }
  for (const key of metrics) {
    const name = /^[a-z0-9_.]+/i.exec(key)?.[0] ?? "";
    if (!findMetric(name)) {
      throw new UsageError(
        `\`--metric ${key}\`: unknown metric \`${name}\`${didYouMean(name, METRICS.map((m) => m.name))}`,
      );
    }
  }
  const rounds = intFlag(ab.rounds, "rounds");
  if (rounds !== undefined && (rounds < 1 || rounds > MAX_ROUNDS)) {
    throw new UsageError(`\`--rounds\` expects 1 to ${MAX_ROUNDS}, got ${rounds}`);
  }
  const alpha = ab.alpha === undefined ? DEFAULT_ALPHA : Number(ab.alpha);
  if (!(alpha > 0 && alpha < 0.5)) {
    throw new UsageError(`\`--alpha\` expects a number in (0, 0.5), got \`${ab.alpha}\``);
  }
  return {
    run,
    ...(ab.a !== undefined && ab.b !== undefined ? { a: ab.a, b: ab.b } : {}),
    ...(rounds !== undefined ? { rounds } : {}),
    tolerance: ab.tolerance === undefined ? DEFAULT_TOLERANCE : parseTolerance(ab.tolerance),
    alpha,
    ...(metrics.length > 0 ? { gate: metrics } : {}),
  };
}

/** How {@link runAb} runs a round (tests may substitute it). */
export interface AbIO {
  signal: AbortSignal;
  write: (text: string) => void;
  run?: (opts: RunOptions) => Promise<RunResult>;
}

/** What the rounds of an experiment gave: every result per side, the analysis, and where they were written. */
export interface AbOutcome {
  results: Record<"a" | "b", RunResult[]>;
  /** Absent when no round finished on both sides. */
  analysis?: AbAnalysis;
  dir: string;
}

/**
 * Runs the experiment: A B A B …, each round's report written under `<out>/<scenario>/ab-<first run id>/`, then
 * analyses the rounds both sides finished and writes the analysis to `ab.txt` there and the rounds side by side to `ab.html`.
 */
export async function runAbRounds(request: AbRequest, io: AbIO): Promise<AbOutcome> {
  const loaded = loadScenarioFile(resolveScenarioRef(request.run.ref!), {
    quick: request.run.quick,
    env: request.run.env,
  });
  const a = request.a ?? loaded.ab?.a;
  const b = request.b ?? loaded.ab?.b;
  if (a === undefined || b === undefined) {
    throw new UsageError(
      `name both builds' commands: \`--a CMD --b CMD\` (\`${loaded.name}\` has no \`ab:\` block that names them)`,
    );
  }
  const sides = { a: planSide(request.run, loaded, a), b: planSide(request.run, loaded, b) };
  checkOutputDir(request.run.out);
  const seed = request.run.seed ?? loaded.seed;
  const rounds = request.rounds ?? loaded.ab?.rounds ?? DEFAULT_AB_ROUNDS;
  const { results, dir } = await runRounds(request.run, sides, rounds, seed, {
    signal: io.signal,
    announce: io.write,
    ...(io.run ? { run: io.run } : {}),
  });
  const done = Math.min(results.a.length, results.b.length);
  if (done === 0) return { results, dir };
  // Without `--metric`, the scenario's own budgets (if it has an `ab:` block with some) gate.
  const budgets = !request.gate && loaded.ab?.budgets.length ? { budgets: loaded.ab.budgets } : {};
  const analysis = analyzeAb(loaded.name, results.a.slice(0, done), results.b.slice(0, done), {
    ...request,
    ...budgets,
  });
  writeFileAtomic(`${dir}/ab.txt`, renderAbText(analysis));
  writeFileAtomic(`${dir}/${AB_HTML}`, renderAbHtml(analysis, results.a.slice(0, done), results.b.slice(0, done)));
  return { results, analysis, dir };
}

/** Runs the experiment (see {@link runAbRounds}), prints the analysis and resolves to the exit code. */
export async function runAb(request: AbRequest, io: AbIO): Promise<number> {
  const { results, analysis, dir } = await runAbRounds(request, io);
  if (!analysis) return ExitCode.Interrupted;
  io.write(`${renderAbText(analysis)}rounds and analysis written to ${dir}\n`);
  if (io.signal.aborted) return ExitCode.Interrupted;
  const bad = [...results.a, ...results.b].find((r) => r.verdict === "invalid");
  if (bad) {
    io.write(`invalid run (exit ${ExitCode.InvalidRun}): ${bad.runId}: ${bad.invalidReasons[0] ?? "invalid"}\n`);
    return ExitCode.InvalidRun;
  }
  return analysis.verdict === "regression" ? ExitCode.ThresholdsFailed : ExitCode.Ok;
}

/** The `ab` command. */
export const abCommand: Command = {
  name: "ab",
  usage: USAGE,
  async run(args) {
    const request = parseAbRequest(args, allEnv());
    const interrupt = new AbortController();
    const removeHandler = onTerminate(() => interrupt.abort(), { watchWrapper: true });
    try {
      return await runAb(request, { signal: interrupt.signal, write: writeOut });
    } catch (error) {
      const code = reportRunError(error, "ab", request.run.auth);
      if (code === undefined) throw error;
      return code;
    } finally {
      removeHandler();
    }
  },
};
