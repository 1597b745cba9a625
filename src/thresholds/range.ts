/**
 * The values a statistic of a metric can take, and conditions that cannot tell one run from another: always true
 * (`events.lost <= 1e400`, `events.lost.ratio < 200%`, `throughput.achieved.ratio >= -5%`) or never satisfiable
 * (`p95 < -1ms`). Such a budget cannot fail, or cannot pass, whatever the service does: both are rejected.
 * @module
 */
import { type MetricDef, statDimension, type StatName } from "../metrics/catalog.ts";
import type { Op } from "../scenario/types.ts";

/** The closed range of a statistic's values; `integer` when only whole numbers occur. */
export interface ValueRange {
  min: number;
  max: number;
  integer: boolean;
}

/** Metrics whose values may be negative (differences, slopes) and how low they go. */
const LOWER: Readonly<Record<string, number>> = {
  "overhead.cpu": -100,
  "overhead.memory": -100,
  "service.memory.growth": -Infinity,
  "nats.memory.growth": -Infinity,
  "busmark.memory.growth": -Infinity,
};

/** Metrics bounded above: shares of the events sent (or replies checked), in percent. */
const UPPER: Readonly<Record<string, number>> = {
  "events.persisted.ratio": 100,
  "events.lost.ratio": 100,
  "checks.passed.ratio": 100,
};

/** The range of `stat` of `metric`, in the metric's canonical unit. */
export function valueRange(metric: MetricDef, stat: StatName): ValueRange {
  const dimension = statDimension(metric, stat);
  if (stat === "count") return { min: 0, max: Infinity, integer: true };
  if (stat === "rate") return { min: 0, max: Infinity, integer: false };
  if (stat === "stddev") return { min: 0, max: Infinity, integer: false };
  return {
    min: LOWER[metric.name] ?? 0,
    max: UPPER[metric.name] ?? Infinity,
    integer: dimension === "count" && (stat === "value" || stat === "min" || stat === "max"),
  };
}

/** True when `observed op bound` holds for some value of the range. */
function satisfiable(op: Op, bound: number, r: ValueRange): boolean {
  switch (op) {
    case "<":
      return r.min < bound;
    case "<=":
      return r.min <= bound;
    case ">":
      return r.max > bound;
    case ">=":
      return r.max >= bound;
    case "==":
      return bound >= r.min && bound <= r.max && (!r.integer || Number.isInteger(bound));
    case "!=":
      return !(r.min === r.max && r.min === bound);
  }
}

/** The negation of an operator (a condition is always true when its negation can never hold). */
const NEGATION: Readonly<Record<Op, Op>> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "==" };

/** Text of a range for messages, e.g. `0 to 100` or `0 or more`. */
function rangeText(r: ValueRange, unit: string): string {
  const u = unit === "us" ? " µs" : unit;
  const whole = r.integer ? "whole numbers " : "";
  if (r.min === -Infinity && r.max === Infinity) return "any number";
  if (r.max === Infinity) return `${whole}${r.min}${u} or more`;
  return `${whole}from ${r.min}${u} to ${r.max}${u}`;
}

/**
 * Why `stat op bound` on `metric` cannot distinguish runs, or undefined when it can: a bound that is not a finite
 * number, a condition no value of the metric's range satisfies, or one every value satisfies.
 */
export function vacuousCondition(
  metric: MetricDef,
  stat: StatName,
  op: Op,
  bound: number,
  canonicalUnit: string,
): string | undefined {
  if (!Number.isFinite(bound)) return "the bound is not a finite number";
  const r = valueRange(metric, stat);
  const range = rangeText(r, canonicalUnit);
  if (!satisfiable(op, bound, r)) {
    return `it can never pass: \`${metric.name}\` takes ${range}, so no run can satisfy it`;
  }
  if (!satisfiable(NEGATION[op], bound, r)) {
    return `it can never fail: \`${metric.name}\` takes ${range}, so every run satisfies it, even one that loses ` +
      "every event";
  }
  return undefined;
}
