/**
 * Bootstrap confidence intervals for the relative change between two small samples of per-run values: both
 * samples are resampled with replacement, and the interval is read from the percentiles of the resampled change
 * of means. Seeded, so the same inputs always give the same interval.
 * @module
 */
import { createRng } from "../load/rng.ts";

/** A confidence interval of a relative change (fractions: 0.1 = +10 %). */
export interface ChangeInterval {
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

/** Arithmetic mean (NaN for an empty sample). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function stddev(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

/** The value at fraction `q` of sorted values, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Percentile-bootstrap interval of `mean(ys) / mean(xs) - 1`. Undefined when either sample has fewer than two
 * values or a resampled baseline mean is 0 (a relative change is then meaningless).
 */
export function bootstrapChange(
  xs: readonly number[],
  ys: readonly number[],
  opts: { iterations?: number; level?: number; seed?: number } = {},
): ChangeInterval | undefined {
  if (xs.length < 2 || ys.length < 2) return undefined;
  const iterations = opts.iterations ?? 2000;
  const level = opts.level ?? 0.95;
  const rng = createRng(opts.seed ?? 1);
  const resampledMean = (v: readonly number[]) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[Math.floor(rng() * v.length)]!;
    return s / v.length;
  };
  const changes: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const mx = resampledMean(xs);
    const my = resampledMean(ys);
    if (mx === 0) return undefined;
    changes.push(my / mx - 1);
  }
  changes.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: quantile(changes, tail), high: quantile(changes, 1 - tail), level };
}
