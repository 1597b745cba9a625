/**
 * Which statistics of a metric a comparison tabulates (`compare` and `ab`): the mean and the percentiles p50 to
 * p99.9 of a distribution with a histogram (latencies, micro benchmarks), the mean of a sampled resource (CPU,
 * memory: its percentiles over a few samples are noise), the one value of a single-valued metric. A budget on an
 * A/B change can name only these, so `validate` refuses the others at their line.
 * @module
 */
import type { MetricDef } from "./catalog.ts";

/** A statistic compared: a summary field, or the entry's single value. */
export type ComparedStat = "avg" | "p50" | "p95" | "p99" | "p999" | "value";

/** Statistics compared for distributions with encoded histograms (latencies, micro benchmarks). */
export const DISTRIBUTION_STATS: readonly ComparedStat[] = ["avg", "p50", "p95", "p99", "p999"];

/** True when a metric's samples form a latency-like distribution (a histogram), not a few resource samples. */
export function isDistribution(metric: string): boolean {
  return metric.startsWith("latency.") || metric === "micro.op";
}

/** The statistics a comparison tabulates for a metric of the catalogue. */
export function comparedStats(def: Pick<MetricDef, "name" | "stats">): readonly ComparedStat[] {
  if (def.stats.includes("percentile")) return isDistribution(def.name) ? DISTRIBUTION_STATS : ["avg"];
  return def.stats.includes("value") ? ["value"] : [];
}

/** A statistic's label: `mean`, `p99.9`, … (empty for a single value). */
export function comparedStatLabel(stat: ComparedStat): string {
  return stat === "value" ? "" : stat === "avg" ? "mean" : stat === "p999" ? "p99.9" : stat;
}
