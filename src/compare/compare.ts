/**
 * Comparing a candidate against a baseline, quantity by quantity. A regression is flagged only when the change
 * in the bad direction exceeds the tolerance (default 10 %, per-metric `tolerance` in the scenario's thresholds)
 * AND a one-sided Mann-Whitney U test on the per-run values finds it significant. When the runs are too few for
 * the test to ever reach the significance level (one run per side; two against two), a change beyond the tolerance
 * is `inconclusive`, never a regression: noise cannot be told from a change. Only a change beyond a separate, large
 * hard limit the user sets (`hardLimit`) is a regression then. Comparisons of runs whose scenario hash, variant,
 * runtime, nats-server version or CPU differ carry those differences as `mismatches`, for the CLI to refuse.
 * @module
 */
import type { RunResult } from "../result/types.ts";
import { matchesSelector } from "../result/find.ts";
import { bootstrapChange, type ChangeInterval, mean } from "./bootstrap.ts";
import { worsening } from "./direction.ts";
import { mannWhitneyGreater, minimumP } from "./mann-whitney.ts";
import { type CollectOptions, collectQuantities, type Quantity } from "./quantities.ts";

/** Default relative tolerance (10 %). */
export const DEFAULT_TOLERANCE = 0.1;
/** Default significance level of the one-sided test. */
export const DEFAULT_ALPHA = 0.05;

/** How a quantity was judged: a significance test, or (too few runs for one) the tolerance and the hard limit. */
export type Method = "mann-whitney" | "tolerance-only";

/**
 * A quantity's verdict: `regression` (worse beyond tolerance, and significant when judged), `noise` (worse beyond
 * tolerance but not significant), `improvement` (better beyond tolerance, and significant when judged),
 * `unchanged` (within tolerance), `inconclusive` (beyond tolerance, but too few runs to tell it from noise, and
 * within the hard limit), `missing` (on one side only).
 */
export type QuantityVerdict = "regression" | "noise" | "inconclusive" | "improvement" | "unchanged" | "missing";

/** One row of a comparison. */
export interface QuantityComparison {
  quantity: Omit<Quantity, "values">;
  baseline: number[];
  candidate: number[];
  baselineMean: number;
  candidateMean: number;
  /** Relative change of the means (candidate / baseline - 1); ±Infinity from a zero baseline. */
  change: number;
  /** Change in the bad direction (positive = worse). */
  worse: number;
  tolerance: number;
  method: Method;
  /** Why significance was not judged (tolerance-only). */
  methodNote?: string;
  /** One-sided p-value that the candidate is worse (mann-whitney only). */
  pWorse?: number;
  /** One-sided p-value that the candidate is better (mann-whitney only). */
  pBetter?: number;
  /** Bootstrap interval of `change` (two or more runs per side). */
  interval?: ChangeInterval;
  /** The hard limit (fraction) that makes a change a regression without a significance test, when set. */
  hardLimit?: number;
  /** True when the tolerance-only verdict came from the change exceeding the hard limit. */
  beyondHardLimit?: boolean;
  verdict: QuantityVerdict;
}

/** The comparison of one scenario. */
export interface ScenarioComparison {
  scenario: string;
  baselineRuns: string[];
  candidateRuns: string[];
  rows: QuantityComparison[];
  /** Things that make the comparison less meaningful (runs that did not complete normally). */
  warnings: string[];
  /**
   * What differs between the sides and makes the comparison unfair, one line per field (scenario hash, quick/full,
   * runtime, nats-server version, CPU): the CLI refuses these unless forced.
   */
  mismatches: string[];
  regression: boolean;
  /** True when some row is inconclusive (beyond tolerance with too few runs to judge). */
  inconclusive: boolean;
  /** True when at least one row fell back to the tolerance alone. */
  toleranceOnly: boolean;
}

/** Options of a comparison. */
export interface CompareOptions extends CollectOptions {
  /** Default tolerance when the scenario sets none for a metric (fraction). */
  tolerance?: number;
  /** Significance level of the one-sided test. */
  alpha?: number;
  /** A change worse than this (fraction) is a regression even when the runs are too few to judge significance. */
  hardLimit?: number;
}

/** The tolerance for a quantity: the scenario's threshold `tolerance` for that metric and slice, else the default. */
export function toleranceFor(
  q: Pick<Quantity, "metric" | "selector">,
  runs: readonly RunResult[],
  fallback: number,
): number {
  for (const run of runs) {
    const t = run.scenario.normalized.thresholds.find((x) =>
      x.metric === q.metric && x.tolerance !== undefined && matchesSelector(q.selector, x.selector)
    );
    if (t?.tolerance !== undefined) return t.tolerance;
  }
  return fallback;
}

/** Judges one quantity present on both sides. */
export function judge(
  quantity: Omit<Quantity, "values">,
  baseline: readonly number[],
  candidate: readonly number[],
  tolerance: number,
  alpha = DEFAULT_ALPHA,
  hardLimit?: number,
): QuantityComparison {
  const baselineMean = mean(baseline);
  const candidateMean = mean(candidate);
  const change = baselineMean === 0
    ? (candidateMean === 0 ? 0 : candidateMean > 0 ? Infinity : -Infinity)
    : candidateMean / baselineMean - 1;
  const worse = worsening(baselineMean, candidateMean, quantity.direction);
  const row: QuantityComparison = {
    quantity,
    baseline: [...baseline],
    candidate: [...candidate],
    baselineMean,
    candidateMean,
    change,
    worse,
    tolerance,
    method: "tolerance-only",
    verdict: "unchanged",
  };
  const interval = bootstrapChange(baseline, candidate);
  if (interval) row.interval = interval;
  const beyondWorse = worse > tolerance;
  const beyondBetter = -worse > tolerance;
  const floorP = minimumP(baseline.length, candidate.length);
  if (floorP > alpha) {
    row.methodNote = baseline.length < 2 || candidate.length < 2
      ? "one run on a side: significance cannot be judged"
      : `too few runs for significance (the test cannot go below p = ${floorP.toFixed(3)})`;
    if (hardLimit !== undefined) {
      row.hardLimit = hardLimit;
      row.beyondHardLimit = worse > hardLimit;
    }
    row.verdict = row.beyondHardLimit ? "regression" : beyondWorse || beyondBetter ? "inconclusive" : "unchanged";
    return row;
  }
  row.method = "mann-whitney";
  // Orient the test so "greater" means worse.
  const [bad, good] = quantity.direction === "bigger"
    ? [baseline.map((v) => -v), candidate.map((v) => -v)]
    : [[...baseline], [...candidate]];
  row.pWorse = mannWhitneyGreater(bad, good).p;
  row.pBetter = mannWhitneyGreater(good, bad).p;
  if (beyondWorse) row.verdict = row.pWorse <= alpha ? "regression" : "noise";
  else if (beyondBetter) row.verdict = row.pBetter <= alpha ? "improvement" : "noise";
  return row;
}

/**
 * The fields that differ between two sides and make comparing them unfair, one line each: scenario hash, quick or
 * full variant, runtime, nats-server version (when both sides know it) and CPU model and count.
 */
export function environmentMismatches(base: readonly RunResult[], cand: readonly RunResult[]): string[] {
  const out: string[] = [];
  const distinct = (runs: readonly RunResult[], f: (r: RunResult) => string) =>
    [...new Set(runs.map(f))].sort().join(", ");
  const check = (what: string, f: (r: RunResult) => string, known = (_: string) => true) => {
    const a = distinct(base, f);
    const b = distinct(cand, f);
    if (a !== b && known(a) && known(b)) out.push(`${what} differs: baseline ${a || "–"}, candidate ${b || "–"}`);
  };
  check("scenario hash", (r) => r.scenario.hash);
  check("mode", (r) => (r.scenario.quick ? "quick" : "full"));
  check("runtime", (r) => r.environment.runtime);
  check("nats-server version", (r) => r.environment.natsServerVersion, (v) => v !== "" && !v.split(", ").includes(""));
  check("CPU", (r) => `${r.environment.cpuModel} × ${r.environment.cpus}`);
  return out;
}

function environmentWarnings(base: readonly RunResult[], cand: readonly RunResult[]): string[] {
  const out: string[] = [];
  const invalid = [...base, ...cand].filter((r) => r.status !== "completed");
  if (invalid.length > 0) {
    out.push(
      `${invalid.length} run(s) did not complete normally: ${invalid.map((r) => `${r.runId} ${r.status}`).join(", ")}`,
    );
  }
  return out;
}

/** Compares the runs of one scenario. */
export function compareScenario(
  scenario: string,
  base: readonly RunResult[],
  cand: readonly RunResult[],
  opts: CompareOptions = {},
): ScenarioComparison {
  const qb = collectQuantities(base, opts);
  const qc = collectQuantities(cand, opts);
  const rows: QuantityComparison[] = [];
  const fallback = opts.tolerance ?? DEFAULT_TOLERANCE;
  for (const [key, b] of qb) {
    const { values: bv, ...quantity } = b;
    const c = qc.get(key);
    const tolerance = toleranceFor(quantity, [...cand, ...base], fallback);
    if (!c) {
      rows.push({
        quantity,
        baseline: bv,
        candidate: [],
        baselineMean: mean(bv),
        candidateMean: Number.NaN,
        change: Number.NaN,
        worse: Number.NaN,
        tolerance,
        method: "tolerance-only",
        verdict: "missing",
      });
      continue;
    }
    rows.push(judge(quantity, bv, c.values, tolerance, opts.alpha, opts.hardLimit));
  }
  for (const [key, c] of qc) {
    if (qb.has(key)) continue;
    const { values: cv, ...quantity } = c;
    rows.push({
      quantity,
      baseline: [],
      candidate: cv,
      baselineMean: Number.NaN,
      candidateMean: mean(cv),
      change: Number.NaN,
      worse: Number.NaN,
      tolerance: toleranceFor(quantity, [...cand, ...base], fallback),
      method: "tolerance-only",
      verdict: "missing",
    });
  }
  return {
    scenario,
    baselineRuns: base.map((r) => r.runId),
    candidateRuns: cand.map((r) => r.runId),
    rows,
    warnings: environmentWarnings(base, cand),
    mismatches: environmentMismatches(base, cand),
    regression: rows.some((r) => r.verdict === "regression"),
    inconclusive: rows.some((r) => r.verdict === "inconclusive"),
    toleranceOnly: rows.some((r) => r.verdict !== "missing" && r.method === "tolerance-only"),
  };
}

/** Runs grouped by scenario name. */
export type RunSet = Map<string, RunResult[]>;

/** A whole comparison: every scenario present on both sides. */
export interface Comparison {
  baselineLabel: string;
  candidateLabel: string;
  scenarios: ScenarioComparison[];
  onlyBaseline: string[];
  onlyCandidate: string[];
  regression: boolean;
  /** No regression, but some change could not be told from noise (too few runs). */
  inconclusive: boolean;
  alpha: number;
  defaultTolerance: number;
  /** The hard limit, when set. */
  hardLimit?: number;
}

/** Compares two run sets scenario by scenario. */
export function compareRunSets(
  baseline: RunSet,
  candidate: RunSet,
  labels: { baseline: string; candidate: string },
  opts: CompareOptions = {},
): Comparison {
  const scenarios: ScenarioComparison[] = [];
  for (const [name, base] of baseline) {
    const cand = candidate.get(name);
    if (cand) scenarios.push(compareScenario(name, base, cand, opts));
  }
  return {
    baselineLabel: labels.baseline,
    candidateLabel: labels.candidate,
    scenarios,
    onlyBaseline: [...baseline.keys()].filter((n) => !candidate.has(n)),
    onlyCandidate: [...candidate.keys()].filter((n) => !baseline.has(n)),
    regression: scenarios.some((s) => s.regression),
    inconclusive: !scenarios.some((s) => s.regression) && scenarios.some((s) => s.inconclusive),
    alpha: opts.alpha ?? DEFAULT_ALPHA,
    defaultTolerance: opts.tolerance ?? DEFAULT_TOLERANCE,
    ...(opts.hardLimit !== undefined ? { hardLimit: opts.hardLimit } : {}),
  };
}
