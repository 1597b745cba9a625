/**
 * The quantities a comparison looks at, and their value in each run: latency statistics (mean and percentiles),
 * single-valued metrics (throughput, ratios, cost, growth, recovery), and the mean CPU and memory of each process.
 * By default only the overall aggregates and the slices a threshold names; `all` adds every event and phase
 * slice. Warmup slices never count; memory growth only when a threshold names it.
 * @module
 */
import type { LatencySummary } from "../metrics/histogram.ts";
import { canonicalUnit, findMetric as findMetricDef } from "../metrics/catalog.ts";
import { type ComparedStat, comparedStatLabel, DISTRIBUTION_STATS, isDistribution } from "../metrics/compared-stats.ts";
import { matchesSelector } from "../result/find.ts";
import type { MetricEntry, RunResult } from "../result/types.ts";
import type { Selector } from "../scenario/types.ts";
import { type Direction, directionOf } from "./direction.ts";

/** A statistic compared: a summary field, or the entry's single value. */
export type CompareStat = ComparedStat;

/** One quantity across the runs of one side. */
export interface Quantity {
  /** Stable key: `metric{event=…,phase=…,bench=…} stat`. */
  key: string;
  metric: string;
  selector: Selector;
  stat: CompareStat;
  /** Canonical unit (`us`, `/s`, `%`, `B`, `B/h`, or empty). */
  unit: string;
  direction: Direction;
  /** One value per run that has it, in run order. */
  values: number[];
}

/** A statistic's label: `mean`, `p99.9`, … (empty for a single value). */
export const statLabel: (stat: CompareStat) => string = comparedStatLabel;

/** The selector in threshold-key syntax (`{event: chat}`), empty for the aggregate. */
export function selectorLabel(s: Selector): string {
  const parts = (["event", "phase", "bench"] as const).filter((k) => s[k] !== undefined).map((k) => `${k}: ${s[k]}`);
  return parts.length === 0 ? "" : `{${parts.join(", ")}}`;
}

/** A quantity's display name: `latency.persisted{event: chat} p99`. */
export function quantityLabel(q: Pick<Quantity, "metric" | "selector" | "stat">): string {
  const stat = statLabel(q.stat);
  return `${q.metric}${selectorLabel(q.selector)}${stat ? ` ${stat}` : ""}`;
}

function unitOf(metric: string): string {
  const def = findMetricDef(metric);
  return def ? canonicalUnit(def.dimension) : "";
}

function statsOf(entry: MetricEntry): CompareStat[] {
  if (entry.value !== undefined && entry.summary === undefined) return ["value"];
  if (entry.summary === undefined || entry.summary.count === 0) return [];
  // Resource samples (no histogram): the mean tells; their percentiles over a few samples are noise.
  return entry.histogram !== undefined || isDistribution(entry.metric) ? [...DISTRIBUTION_STATS] : ["avg"];
}

function read(entry: MetricEntry, stat: CompareStat): number | undefined {
  if (stat === "value") return entry.value;
  const s: LatencySummary | undefined = entry.summary;
  if (!s || s.count === 0) return undefined;
  return s[stat];
}

/** Options of {@link collectQuantities}. */
export interface CollectOptions {
  /** Include every event and phase slice, not only the aggregates and the slices thresholds name. */
  all?: boolean;
}

/** True when a threshold of the run's scenario names the entry's metric and slice. */
function named(entry: MetricEntry, run: RunResult): boolean {
  return run.scenario.normalized.thresholds.some((t) =>
    t.metric === entry.metric && matchesSelector(entry, t.selector)
  );
}

/**
 * True when an entry is compared: aggregates, threshold slices, or any non-warmup slice with `all`. Memory growth
 * slopes of short runs are noise, so they are compared only when a threshold names them (a soak) or with `all`.
 */
function inScope(entry: MetricEntry, run: RunResult, opts: CollectOptions): boolean {
  if (entry.phase !== undefined && run.phases.some((p) => p.name === entry.phase && p.kind === "warmup")) return false;
  if (opts.all) return true;
  if (entry.metric.endsWith(".memory.growth")) return named(entry, run);
  if (entry.event === undefined && entry.phase === undefined && entry.bench === undefined) return true;
  if (entry.metric === "micro.op") return true;
  return named(entry, run);
}

/** The quantities of a side's runs, keyed by {@link Quantity.key}, in first-seen order. */
export function collectQuantities(runs: readonly RunResult[], opts: CollectOptions = {}): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const run of runs) {
    for (const entry of run.metrics) {
      const direction = directionOf(entry.metric);
      if (direction === "none" || !inScope(entry, run, opts)) continue;
      for (const stat of statsOf(entry)) {
        const value = read(entry, stat);
        if (value === undefined || !Number.isFinite(value)) continue;
        const selector: Selector = {};
        if (entry.event !== undefined) selector.event = entry.event;
        if (entry.phase !== undefined) selector.phase = entry.phase;
        if (entry.bench !== undefined) selector.bench = entry.bench;
        const q = { metric: entry.metric, selector, stat };
        const key = quantityLabel(q);
        let existing = out.get(key);
        if (!existing) {
          existing = { key, ...q, unit: unitOf(entry.metric), direction, values: [] };
          out.set(key, existing);
        }
        existing.values.push(value);
      }
    }
  }
  return out;
}
