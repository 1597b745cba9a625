/**
 * An interleaved A/B experiment: the rounds of two builds run A B A B … on the same runner with the same seed and
 * scenario, judged per metric by the comparison of `compare.ts` (change of means with a bootstrap interval, a
 * one-sided Mann-Whitney U test over the rounds), plus an A/A check: A's first rounds against its last ones, whose
 * spread says what change this runner can resolve at all. Only the headline latency (p50 and p99 of
 * publish→persisted, else of delivery or request) gates: a regression there must be beyond tolerance and
 * significant at α divided by the number of gated quantities (Bonferroni), so testing many metrics does not turn
 * noise into a regression. The other metrics are shown for information. Pure.
 * @module
 */
import { UsageError } from "../errors.ts";
import type { RunResult, ThresholdCheck } from "../result/types.ts";
import type { AbBudget } from "../scenario/types.ts";
import { AB_BUDGET_PREFIX, judgeAbBudgets } from "./ab-budgets.ts";
import { formatChange, formatInUnit, formatNumber } from "../format/units.ts";
import { textTable } from "../format/table.ts";
import {
  compareScenario,
  DEFAULT_ALPHA,
  DEFAULT_TOLERANCE,
  type QuantityComparison,
  type ScenarioComparison,
} from "./compare.ts";

/** The outcome of an A/B experiment: `regression` exits 1; `inconclusive` is its own outcome, not a pass. */
export type AbVerdict = "regression" | "no regression" | "inconclusive";

/** One metric of an A/B experiment. */
export interface AbRow {
  /** The comparison of B against A over the rounds. */
  row: QuantityComparison;
  /** True when this metric decides the verdict. */
  gated: boolean;
  /** A/A: the relative change between the first and the second half of A's rounds (undefined with < 2 rounds). */
  aa?: number;
}

/** An analysed A/B experiment. */
export interface AbAnalysis {
  scenario: string;
  rounds: number;
  rows: AbRow[];
  verdict: AbVerdict;
  /** Why the verdict is what it is, in one sentence. */
  reason: string;
  alpha: number;
  /** α per gated quantity (Bonferroni). */
  gatedAlpha: number;
  tolerance: number;
  /** The largest A/A spread of a gated quantity: changes smaller than this cannot be told from this runner's noise. */
  resolvable?: number;
  /** With budgets (a scenario's `ab:` block): each judged; they gate instead of the tolerance. */
  budgets?: ThresholdCheck[];
}

/** Options of {@link analyzeAb}. */
export interface AbOptions {
  /**
   * The quantities that gate (keys as printed, e.g. `cost.cpu`, `latency.persisted p95`, `latency.persisted{phase:
   * steady} p99`), instead of the headline latency's p50 and p99. Every one must be measured on both sides.
   */
  gate?: readonly string[];
  tolerance?: number;
  alpha?: number;
  /**
   * Budgets on B's change (a scenario's `ab:` block): they gate instead of `gate` and the tolerance, each judged on
   * its 95 % interval (see `ab-budgets.ts`); one not measured fails as no data rather than throwing.
   */
  budgets?: readonly AbBudget[];
}

/** A `--metric` to gate on that the rounds did not measure on both sides. */
export class AbGateError extends UsageError {
  readonly absent: string[];
  readonly measured: string[];
  constructor(absent: string[], measured: string[]) {
    super(
      `Cannot gate on ${absent.map((k) => `\`${k}\``).join(", ")}: not measured on both sides (measured: ${
        measured.slice(0, 40).join(", ")
      }${measured.length > 40 ? ", …" : ""})`,
    );
    this.name = "AbGateError";
    this.absent = absent;
    this.measured = measured;
  }
}

/** The headline latency metric of some runs: publish→persisted, else delivered, else request. */
function headline(runs: readonly RunResult[]): string | undefined {
  for (const m of ["latency.persisted", "latency.delivered", "latency.request"]) {
    if (runs.some((r) => r.metrics.some((e) => e.metric === m && (e.summary?.count ?? 0) > 0))) return m;
  }
  return undefined;
}

/** The gated quantity keys: p50 and p99 of the headline latency, over every event and measured phase. */
export function gatedKeys(runs: readonly RunResult[]): string[] {
  const m = headline(runs);
  return m ? [`${m} p50`, `${m} p99`] : [];
}

/** Analyses A's and B's rounds (in round order). */
export function analyzeAb(
  scenario: string,
  a: readonly RunResult[],
  b: readonly RunResult[],
  opts: AbOptions = {},
): AbAnalysis {
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
  const budgets = opts.budgets?.length ? opts.budgets : undefined;
  const gateKeys = budgets ? budgets.map((x) => x.key) : opts.gate?.length ? opts.gate : gatedKeys([...a, ...b]);
  const gated = new Set(gateKeys);
  const gatedAlpha = alpha / Math.max(1, gated.size);
  // A gate on a slice (`{phase: …}`) needs the slices collected, not only the aggregates.
  const all = gateKeys.some((k) => k.includes("{"));
  const ab: ScenarioComparison = compareScenario(scenario, a, b, { tolerance, alpha: gatedAlpha, all });
  const measured = new Set(ab.rows.filter((r) => r.verdict !== "missing").map((r) => r.quantity.key));
  const absent = [...gated].filter((k) => !measured.has(k));
  if (!budgets && opts.gate?.length && absent.length > 0) {
    throw new AbGateError(absent, [...measured]);
  }
  const half = Math.floor(a.length / 2);
  const aa = half >= 1 ? compareScenario(scenario, a.slice(0, half), a.slice(half), { tolerance, alpha }) : undefined;
  const rows: AbRow[] = ab.rows.filter((r) => r.verdict !== "missing").map((row) => {
    const spread = aa?.rows.find((x) => x.quantity.key === row.quantity.key)?.change;
    return {
      row,
      gated: gated.has(row.quantity.key),
      ...(spread !== undefined && Number.isFinite(spread) ? { aa: spread } : {}),
    };
  });
  const gatedRows = rows.filter((r) => r.gated);
  const spreads = gatedRows.flatMap((r) => (r.aa !== undefined ? [Math.abs(r.aa)] : []));
  const resolvable = spreads.length > 0 ? Math.max(...spreads) : undefined;
  const regressed = gatedRows.filter((r) => r.row.verdict === "regression");
  const unsure = gatedRows.filter((r) => r.row.verdict === "noise" || r.row.verdict === "inconclusive");
  const rounds = Math.min(a.length, b.length);
  const base = {
    scenario,
    rounds,
    rows,
    alpha,
    gatedAlpha,
    tolerance,
    ...(resolvable !== undefined ? { resolvable } : {}),
  };
  if (budgets) {
    const checks = judgeAbBudgets(ab.rows, rounds, budgets);
    return { ...base, ...budgetVerdict(checks), budgets: checks };
  }
  let verdict: AbVerdict;
  let reason: string;
  if (gatedRows.length === 0) {
    verdict = "inconclusive";
    reason = "no latency was measured on both sides, so nothing gates";
  } else if (regressed.length > 0) {
    verdict = "regression";
    reason = `${regressed.map((r) => r.row.quantity.key).join(", ")} got worse beyond the tolerance, significantly`;
  } else if (gatedRows.some((r) => r.row.method === "tolerance-only")) {
    verdict = "inconclusive";
    reason = `${a.length} and ${b.length} rounds are too few for the significance test (it needs at least 3 a side)`;
  } else if (unsure.length > 0) {
    verdict = "inconclusive";
    reason = `${unsure.map((r) => r.row.quantity.key).join(", ")} changed beyond the tolerance, but not significantly`;
  } else {
    verdict = "no regression";
    reason = opts.gate?.length
      ? `${opts.gate.join(", ")} stayed within the tolerance, or got better`
      : "the headline latency stayed within the tolerance, or got better";
  }
  return { ...base, verdict, reason };
}

function budgetText(c: ThresholdCheck): string {
  const key = c.key.slice(AB_BUDGET_PREFIX.length);
  if (c.observed === null) return `${key}: ${c.reason ?? "no data"}`;
  const interval = c.interval ? ` [${formatChange(c.interval.low / 100)}, ${formatChange(c.interval.high / 100)}]` : "";
  return `${key} ${formatChange(c.observed / 100)}${interval} against \`${c.condition}\``.replaceAll("\u00a0", " ");
}

/** The verdict of budget checks: a failed one is a regression, one the rounds cannot resolve is inconclusive. */
function budgetVerdict(checks: readonly ThresholdCheck[]): { verdict: AbVerdict; reason: string } {
  const failed = checks.filter((c) => !c.pass);
  if (failed.length > 0) {
    return { verdict: "regression", reason: `beyond its budget: ${failed.map(budgetText).join("; ")}` };
  }
  const unsure = checks.filter((c) => c.resolution === "insufficient");
  if (unsure.length > 0) {
    return {
      verdict: "inconclusive",
      reason: `the interval straddles the budget, more rounds would decide it: ${unsure.map(budgetText).join("; ")}`,
    };
  }
  return { verdict: "no regression", reason: `every budget held: ${checks.map(budgetText).join("; ")}` };
}

function budgetCell(c: ThresholdCheck): string {
  if (!c.pass) return `BEYOND ${c.condition}`;
  return c.resolution === "insufficient" ? `straddles ${c.condition}` : `within ${c.condition}`;
}

function verdictCell(r: AbRow, budgets?: readonly ThresholdCheck[]): string {
  const mine = budgets?.filter((c) => c.key === `${AB_BUDGET_PREFIX}${r.row.quantity.key}`) ?? [];
  if (mine.length > 0) return mine.map(budgetCell).join("; ");
  const v = r.row.verdict;
  const p = r.row.pWorse !== undefined
    ? ` (p=${formatNumber(v === "improvement" ? r.row.pBetter ?? 1 : r.row.pWorse, 3)})`
    : "";
  // A row for information is never worded as a regression: only what gates can be one.
  const text = v === "regression" ? (r.gated ? "REGRESSION" : "worse") : v === "noise" ? "not significant" : v;
  return `${r.gated ? text : `(${text})`}${p}`;
}

/** The plain-text report of an A/B experiment. */
export function renderAbText(x: AbAnalysis, labels: { a: string; b: string } = { a: "A", b: "B" }): string {
  const out: string[] = [];
  out.push(`${x.scenario}: ${labels.b} against ${labels.a}, ${x.rounds} interleaved round(s) each`);
  const rows = [["metric", labels.a, labels.b, "change [95% CI]", "A/A spread", "verdict"]];
  for (const r of [...x.rows].sort((p, q) => Number(q.gated) - Number(p.gated))) {
    const q = r.row;
    rows.push([
      `${q.quantity.key}${r.gated ? " *" : ""}`,
      formatInUnit(q.baselineMean, q.quantity.unit),
      formatInUnit(q.candidateMean, q.quantity.unit),
      `${formatChange(q.change)}${
        q.interval ? ` [${formatChange(q.interval.low)}, ${formatChange(q.interval.high)}]` : ""
      }`,
      r.aa !== undefined ? formatChange(r.aa) : "-",
      verdictCell(r, x.budgets),
    ]);
  }
  out.push(textTable(rows).replaceAll("\u00a0", " "));
  out.push(
    x.budgets
      ? "* gates: the scenario's budgets on B's change, each failing only when the change's whole 95 % interval " +
        "lies beyond it; the other rows are for information."
      : `* gates: beyond the tolerance (${formatNumber(x.tolerance * 100)} %) and significant in a one-sided ` +
        `Mann-Whitney U test over the rounds at α = ${formatNumber(x.gatedAlpha, 4)} (${x.alpha} over ` +
        `${x.rows.filter((r) => r.gated).length} gated metrics); the other rows are for information.`,
  );
  out.push(
    x.resolvable !== undefined
      ? `A/A check: ${labels.a}'s first rounds against its last moved the gated metrics by up to ` +
        `${formatNumber(x.resolvable * 100, 1)} %; this runner cannot resolve a smaller change.`
      : "A/A check: needs at least 2 rounds of A.",
  );
  out.push(`verdict: ${x.verdict.toUpperCase()}: ${x.reason}`, "");
  return out.join("\n");
}
