/**
 * Threshold checks: the observed value of each condition of each threshold on a result. Pure: the same result
 * always gives the same checks. A check that finds no data fails (observed null, reason `no data…`): a budget
 * nobody measured is not met. A percentile check records how many samples lie beyond the observed value, and is
 * marked `resolution: insufficient` when the samples are too few to resolve that percentile.
 * @module
 */
import { canonicalUnit, findMetric as findMetricDef, statDimension, type StatName } from "../metrics/catalog.ts";
import { Histogram, type LatencySummary } from "../metrics/histogram.ts";
import { findCounts, findMetric } from "../result/find.ts";
import type { CountEntry, MetricEntry, RunResult, ThresholdCheck } from "../result/types.ts";
import type { Condition, Op, Selector, Stat, Threshold } from "../scenario/types.ts";
import { insufficientReason } from "../thresholds/resolution.ts";
import { growthResolvable, MIN_GROWTH_WINDOW_S } from "../resources/growth.ts";
import { windowText } from "../format/growth.ts";

/** Count metrics and the `CountEntry` field each reads. */
export const COUNT_FIELDS: Readonly<Record<string, keyof Omit<CountEntry, "event" | "phase">>> = {
  "events.published": "published",
  "events.delivered": "delivered",
  "events.persisted": "persisted",
  "events.lost": "lost",
  "events.duplicated": "duplicated",
  "events.invalid": "invalid",
  "requests.errors": "requestErrors",
  "requests.timeouts": "requestTimeouts",
  "publish.errors": "publishErrors",
  "checks.failed": "checksFailed",
};

/** The summary field holding a percentile, for the percentiles a summary keeps. */
const SUMMARY_PERCENTILES: ReadonlyMap<number, keyof LatencySummary> = new Map([
  [50, "p50"],
  [90, "p90"],
  [95, "p95"],
  [99, "p99"],
  [99.9, "p999"],
]);

/** Applies a comparison operator. */
export function compare(observed: number, op: Op, bound: number): boolean {
  switch (op) {
    case "<":
      return observed < bound;
    case "<=":
      return observed <= bound;
    case ">":
      return observed > bound;
    case ">=":
      return observed >= bound;
    case "==":
      return observed === bound;
    case "!=":
      return observed !== bound;
  }
}

/** A stat's display name (`p99.9`, `avg`, ...). */
function statLabel(stat: Stat): string {
  return stat.kind === "percentile" ? `p${stat.p}` : stat.kind;
}

/** Seconds the selector's slice lasted: its phase, or every non-warmup phase. 0 when unknown. */
function measuredSeconds(result: RunResult, selector: Selector): number {
  const phases = selector.phase !== undefined
    ? result.phases.filter((p) => p.name === selector.phase)
    : result.phases.filter((p) => p.kind !== "warmup");
  return phases.reduce((s, p) => s + p.durationMs, 0) / 1000;
}

/** A value from a metric entry, or why there is none. */
function fromEntry(entry: MetricEntry, stat: Stat, result: RunResult, selector: Selector): number | string {
  const s = entry.summary;
  const hasSamples = s !== undefined && s.count > 0;
  switch (stat.kind) {
    case "value":
      return entry.value ?? "no data: the metric has no single value";
    case "count":
      return s?.count ?? "no data: the metric has no sample count";
    case "avg":
    case "min":
    case "max":
      if (hasSamples) return s[stat.kind];
      return entry.value ?? "no data: no samples";
    case "stddev":
      return hasSamples ? s.stddev : "no data: no samples";
    case "rate": {
      if (entry.value !== undefined && s === undefined) return entry.value;
      const seconds = measuredSeconds(result, selector);
      if (s === undefined || !(seconds > 0)) return "no data: no samples or no measured duration";
      return s.count / seconds;
    }
    case "percentile": {
      if (!hasSamples) return "no data: no samples";
      const field = SUMMARY_PERCENTILES.get(stat.p);
      if (field !== undefined) return s[field];
      if (entry.histogram === undefined) return `no data: p${stat.p} needs the encoded histogram`;
      try {
        return Histogram.decode(entry.histogram).percentile(stat.p);
      } catch (e) {
        return `no data: ${(e as Error).message}`;
      }
    }
  }
}

/** A value from the counts, or why there is none. */
function fromCounts(result: RunResult, metric: string, selector: Selector, stat: Stat): number | string {
  const field = COUNT_FIELDS[metric];
  if (field === undefined) return "no data";
  const entry = findCounts(result, selector);
  if (entry === undefined) return "no data";
  const n = entry[field] ?? 0;
  if (stat.kind === "value" || stat.kind === "count") return n;
  if (stat.kind === "rate") {
    const seconds = measuredSeconds(result, selector);
    return seconds > 0 ? n / seconds : "no data: no measured duration";
  }
  return `no data: ${statLabel(stat)} does not apply to a count`;
}

/**
 * The observed value of `stat` of `metric` for exactly `selector` in `result`, or a reason starting with
 * `no data` when there is none. Metric entries come first; count metrics (`events.*`, `requests.*`) without an
 * entry read the matching counts entry.
 */
export function observe(result: RunResult, metric: string, selector: Selector, stat: Stat): number | string {
  const entry = findMetric(result, metric, selector);
  const observed = entry !== undefined
    ? fromEntry(entry, stat, result, selector)
    : fromCounts(result, metric, selector, stat);
  if (typeof observed === "number" && !Number.isFinite(observed)) return "no data: not a finite number";
  return observed;
}

/** The canonical unit of a condition's observed value (from the metric catalogue; empty when unknown). */
export function unitOf(metric: string, stat: Stat): string {
  const def = findMetricDef(metric);
  if (def === undefined) return "";
  const name: StatName = stat.kind;
  return canonicalUnit(statDimension(def, name));
}

function checkOne(threshold: Threshold, condition: Condition, result: RunResult): ThresholdCheck {
  const observed = observe(result, threshold.metric, threshold.selector, condition.stat);
  const check: ThresholdCheck = {
    key: threshold.key,
    metric: threshold.metric,
    selector: { ...threshold.selector },
    condition: condition.text,
    observed: typeof observed === "number" ? observed : null,
    unit: unitOf(threshold.metric, condition.stat),
    pass: typeof observed === "number" && compare(observed, condition.op, condition.value),
    abortOnFail: threshold.abortOnFail,
  };
  if (typeof observed === "string") check.reason = observed;
  if (condition.stat.kind === "percentile" && typeof observed === "number") {
    const entry = findMetric(result, threshold.metric, threshold.selector);
    const samples = entry && percentileSamples(entry, condition.stat.p, observed);
    if (samples) {
      check.samples = samples;
      const reason = insufficientReason(condition.stat.p, samples.total);
      check.resolution = reason ? "insufficient" : "sufficient";
      if (reason) check.resolutionReason = reason;
    }
  }
  if (threshold.metric.endsWith(".memory.growth") && typeof observed === "number") judgeGrowthWindow(check, result);
  return check;
}

/**
 * Marks a memory-growth check with the window it was fitted on and its interval, and `resolution: insufficient`
 * when the window is shorter than {@link MIN_GROWTH_WINDOW_S}: the comparison is still made (a gross leak still
 * fails), but the check says it rests on too short a run, and reports print the interval instead of the rate. The
 * window is the fitted samples' span, or (a combined repeat keeps no samples) the measured phases' duration.
 */
function judgeGrowthWindow(check: ThresholdCheck, result: RunResult): void {
  const process = check.metric.slice(0, -".memory.growth".length) as keyof RunResult["resources"];
  const growth = result.resources[process]?.growth;
  const windowS = growth?.seconds ?? measuredSeconds(result, {});
  check.windowS = windowS;
  if (growth?.low !== undefined && growth.high !== undefined) check.interval = { low: growth.low, high: growth.high };
  if (growthResolvable(windowS)) {
    check.resolution = "sufficient";
    return;
  }
  check.resolution = "insufficient";
  check.resolutionReason = `memory growth from ${windowText(windowS)} of samples: ` +
    `a trend needs at least ${MIN_GROWTH_WINDOW_S / 60} min (several garbage-collection cycles) to be told from ` +
    "garbage not collected yet";
}

/**
 * How many samples of an entry lie beyond `observed`, of how many: counted in the encoded histogram, else
 * estimated from the sample count as n·(1 − p/100). Undefined without samples.
 */
export function percentileSamples(
  entry: MetricEntry,
  p: number,
  observed: number,
): { beyond: number; total: number } | undefined {
  const total = entry.summary?.count ?? 0;
  if (total === 0) return undefined;
  if (entry.histogram !== undefined) {
    try {
      return { beyond: Histogram.decode(entry.histogram).countAbove(observed), total };
    } catch {
      // An undecodable histogram: estimate below.
    }
  }
  return { beyond: Math.floor(total * (1 - p / 100)), total };
}

/**
 * Evaluates every condition of every threshold on a result, in order: one check per condition, with the observed
 * value in the metric's canonical unit. A condition whose metric and selector match no data fails with observed
 * null and a `no data…` reason.
 */
export function evaluateThresholds(thresholds: readonly Threshold[], result: RunResult): ThresholdCheck[] {
  const out: ThresholdCheck[] = [];
  for (const t of thresholds) {
    for (const c of t.conditions) out.push(checkOne(t, c, result));
  }
  return out;
}
