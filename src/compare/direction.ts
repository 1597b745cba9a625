/**
 * Which way is better for each metric: latencies, CPU, memory, losses and errors are better smaller; throughput
 * and the persisted share are better bigger. `throughput.offered` is the load asked for, not a result, so it has
 * no direction and is never judged.
 * @module
 */

/** Which way a metric improves. */
export type Direction = "smaller" | "bigger" | "none";

const BIGGER: ReadonlySet<string> = new Set([
  "throughput.achieved",
  "throughput.delivered",
  "throughput.persisted",
  "throughput.achieved.ratio",
  "events.persisted",
  "events.persisted.ratio",
  "events.delivered",
  "checks.passed.ratio",
]);

const NONE: ReadonlySet<string> = new Set(["throughput.offered", "events.published"]);

/** The direction in which `metric` improves. */
export function directionOf(metric: string): Direction {
  if (NONE.has(metric)) return "none";
  if (BIGGER.has(metric)) return "bigger";
  return "smaller";
}

/**
 * How much worse `candidate` is than `baseline`, as a fraction of the baseline: positive = worse, negative =
 * better. A zero baseline gives ±Infinity when the candidate differs (0 when both are 0).
 */
export function worsening(baseline: number, candidate: number, direction: Direction): number {
  if (direction === "none") return 0;
  const sign = direction === "smaller" ? 1 : -1;
  if (baseline === 0) return candidate === 0 ? 0 : sign * (candidate > 0 ? Infinity : -Infinity);
  return (sign * (candidate - baseline)) / Math.abs(baseline);
}
