/**
 * Looking up entries of a result by metric and selector.
 * @module
 */
import type { Selector } from "../scenario/types.ts";
import type { CountEntry, MetricEntry, RunResult } from "./types.ts";

/** True when an entry's event/phase/bench are exactly the selector's (absent matches absent only). */
export function matchesSelector(entry: Selector, selector: Selector): boolean {
  return entry.event === selector.event && entry.phase === selector.phase && entry.bench === selector.bench;
}

/**
 * The metric entry for `metric` whose selector equals `selector` exactly: `{}` finds the overall aggregate,
 * `{event: "chat"}` the all-phases entry of event `chat`, and so on. Undefined when there is none.
 */
export function findMetric(
  result: Pick<RunResult, "metrics">,
  metric: string,
  selector: Selector = {},
): MetricEntry | undefined {
  return result.metrics.find((m) => m.metric === metric && matchesSelector(m, selector));
}

/** The counts entry for a selector (`{}` = overall totals); `bench` never matches. Undefined when there is none. */
export function findCounts(result: Pick<RunResult, "counts">, selector: Selector = {}): CountEntry | undefined {
  if (selector.bench !== undefined) return undefined;
  return result.counts.find((c) => c.event === selector.event && c.phase === selector.phase);
}
