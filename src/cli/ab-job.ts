/**
 * A scenario with an `ab:` block as a job of `busmark run`: its rounds A B A B … (see `ab-rounds.ts`), each side's
 * rounds combined and judged against the scenario's thresholds like a `--repeat`, the budgets judged on B's change
 * against A (see `compare/ab-budgets.ts`), and one result for the experiment: B's combined view carrying every
 * check (`[A] …`, `[B] …`, `[B vs A] …`), written with `ab.txt` and `ab.html` to
 * `<out>/<scenario>/ab-<first run id>/`, the rounds below it in `a/` and `b/`.
 * @module
 */
import { type AbAnalysis, analyzeAb, renderAbText } from "../compare/ab.ts";
import { aggregateRepeats } from "../aggregate/combine.ts";
import { verdictOf } from "../aggregate/judge.ts";
import { judgeAbBudgets } from "../compare/ab-budgets.ts";
import { saveBaseline } from "../compare/baseline.ts";
import { UsageError } from "../errors.ts";
import { appendStepSummary, writeReportFiles } from "../report/write.ts";
import type { AbSummary, RunResult, RunStatus, ThresholdCheck } from "../result/types.ts";
import { type AbSideName, sideTag } from "../result/side.ts";
import { writeFileAtomic } from "../runtime/fs.ts";
import { resolvePath } from "../runtime/paths.ts";
import type { AbSpec, Scenario } from "../scenario/types.ts";
import { AB_HTML, renderAbHtml, roundLinks } from "./ab-html.ts";
import { planSide, runRounds } from "./ab-rounds.ts";
import type { RunOptions } from "../run/runner.ts";
import { healthFor, type RunIO, type RunRequest } from "./run-request.ts";

/** How an experiment runs besides its request (the job's IO: progress, interruption, the interpreter). */
export interface AbJobIO extends RunIO {
  announce?: (line: string) => void;
  run?: (opts: RunOptions) => Promise<RunResult>;
}

/** What an experiment wrote: its directory, its one result, and where the baseline went. */
export interface AbJobOutcome {
  dir: string;
  result: RunResult;
  baselineDirs: string[];
}

/** Refuses the run flags an experiment has no use for: its sides and rounds are its own. */
function checkRequest(request: RunRequest, scenario: Scenario): void {
  const why = `\`${scenario.name}\` is an A/B experiment (\`ab:\`), which runs its own rounds and sides`;
  if (request.extras.repeat > 1) throw new UsageError(`\`--repeat\` does not apply: ${why} (\`ab.rounds\`)`);
  if (request.serviceCommand) throw new UsageError(`\`--service-command\` does not apply: ${why} (\`ab.a\`, \`ab.b\`)`);
}

/** One side's rounds judged as a whole: the run itself, or the judged combination of several. */
function judgedSide(runs: readonly RunResult[], id: string, request: RunRequest): RunResult | undefined {
  return runs.length <= 1 ? runs[0] : aggregateRepeats(runs, healthFor(request), id);
}

function sideChecks(side: RunResult | undefined, name: AbSideName): ThresholdCheck[] {
  const tag = sideTag(name);
  return (side?.checks ?? []).map((c) => ({ ...c, key: `${tag}${c.key}`, side: name }));
}

function worstStatus(sides: readonly (RunResult | undefined)[], interrupted: boolean): RunStatus {
  const statuses = sides.flatMap((s) => (s ? [s.status] : []));
  if (interrupted || statuses.includes("interrupted")) return "interrupted";
  if (statuses.includes("invalid")) return "invalid";
  return statuses.includes("aborted") ? "aborted" : "completed";
}

/** The experiment's one result: B's combined view (else A's) with both sides' checks and the budgets. */
export function experimentResult(
  ab: AbSpec,
  runs: Record<"a" | "b", readonly RunResult[]>,
  sides: Record<"a" | "b", RunResult | undefined>,
  analysis: AbAnalysis | undefined,
  opts: { id: string; interrupted: boolean; reportRoot: string },
): RunResult {
  const base = sides.b ?? sides.a;
  if (!base) throw new RangeError("Cannot write a report: no round finished");
  const budgets = analysis?.budgets ??
    judgeAbBudgets([], 0, ab.budgets).map((c) => ({ ...c, reason: "no data: no round finished on both sides" }));
  const checks = [...sideChecks(sides.a, "a"), ...sideChecks(sides.b, "b"), ...budgets];
  const invalidReasons = (["a", "b"] as const).flatMap((n) =>
    (sides[n]?.invalidReasons ?? []).map((r) => `${n.toUpperCase()}: ${r}`)
  );
  const summary: AbSummary = {
    a: ab.a,
    b: ab.b,
    rounds: analysis?.rounds ?? 0,
    runs: { a: runs.a.map((r) => r.runId), b: runs.b.map((r) => r.runId) },
    verdict: analysis?.verdict ?? "inconclusive",
    reason: analysis?.reason ?? "no round finished on both sides",
    ...(analysis?.resolvable !== undefined ? { resolvable: analysis.resolvable } : {}),
  };
  const note = `A/B experiment: B (${ab.b}) against A (${ab.a}), ${summary.rounds} interleaved round(s) each; ` +
    `${summary.verdict}: ${summary.reason}. Figures above are B's rounds combined; each round's report is in ` +
    "a/ and b/, the analysis in ab.txt and ab.html.";
  const result: RunResult = {
    ...base,
    runId: opts.id,
    status: worstStatus([sides.a, sides.b], opts.interrupted),
    invalidReasons,
    checks,
    notes: [note, ...base.notes],
    reportRoot: opts.reportRoot,
    durationMs: [...runs.a, ...runs.b].reduce((s, r) => s + r.durationMs, 0),
    ab: summary,
  };
  return { ...result, verdict: verdictOf(result) };
}

/**
 * Runs a scenario's A/B experiment under `request`: the rounds, the judged sides, the budgets, and the one
 * result written to the experiment's directory (baseline saved when asked and not interrupted).
 */
export async function runAbJob(request: RunRequest, scenario: Scenario, io: AbJobIO): Promise<AbJobOutcome> {
  const ab = scenario.ab!;
  checkRequest(request, scenario);
  const sides = { a: planSide(request, scenario, ab.a), b: planSide(request, scenario, ab.b) };
  const seed = request.seed ?? scenario.seed;
  const { results, dir } = await runRounds(request, sides, ab.rounds, seed, {
    signal: io.signal,
    announce: (line) => io.announce?.(line),
    ...(io.run ? { run: io.run } : {}),
    ...(io.listener ? { listener: io.listener } : {}),
  });
  const id = dir.slice(dir.lastIndexOf("/") + 1);
  const done = Math.min(results.a.length, results.b.length);
  const a = results.a.slice(0, done);
  const b = results.b.slice(0, done);
  const analysis = done > 0 ? analyzeAb(scenario.name, a, b, { budgets: ab.budgets }) : undefined;
  const judged = { a: judgedSide(results.a, `${id}-a`, request), b: judgedSide(results.b, `${id}-b`, request) };
  const result = experimentResult(ab, results, judged, analysis, {
    id,
    interrupted: io.signal.aborted,
    reportRoot: resolvePath(request.out),
  });
  await writeReportFiles(result, dir, {
    stepSummary: null,
    benchmarkAction: request.extras.benchmarkAction,
    runs: roundLinks(results.a, results.b),
  });
  if (analysis) {
    writeFileAtomic(`${dir}/ab.txt`, renderAbText(analysis));
    writeFileAtomic(`${dir}/${AB_HTML}`, renderAbHtml(analysis, a, b));
  }
  appendStepSummary(result, dir);
  const baselineDirs = request.extras.saveBaseline && result.status !== "interrupted"
    ? saveBaseline(request.out, request.extras.saveBaseline, [result])
    : [];
  return { dir, result, baselineDirs };
}
