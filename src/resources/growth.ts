/**
 * Memory growth as an ordinary-least-squares slope of resident memory over time, with its fit quality, so a leak
 * is judged on every sample rather than on the first and last.
 * @module
 */
import { linearRegression } from "../stats/regression.ts";

/** One memory observation: `t` seconds since the run started, `rss` bytes. */
export interface MemoryPoint {
  /** Seconds since the run started. */
  t: number;
  /** Resident set size, bytes. */
  rss: number;
}

/** A fitted memory trend. */
export interface MemoryGrowth {
  /** Least-squares slope of RSS over time, in bytes per hour (negative when memory shrinks). */
  bytesPerHour: number;
  /**
   * Coefficient of determination of the fit, 0..1: near 1 when memory follows a straight line, near 0 when it only
   * wanders. 1 when every sample lies on the line (a perfectly flat series included).
   */
  r2: number;
  /** Number of samples fitted. */
  n: number;
}

/**
 * Fits `rss = a + b·t` by least squares ({@link linearRegression}) and returns `b` in bytes per hour with its r².
 * Undefined when there are fewer than 3 samples or they all share one time.
 */
export function memoryGrowth(samples: readonly MemoryPoint[]): MemoryGrowth | undefined {
  if (samples.length < 3 || samples.every((s) => s.t === samples[0]!.t)) return undefined;
  const fit = linearRegression(samples.map((s) => s.t), samples.map((s) => s.rss));
  return { bytesPerHour: fit.slope * 3600, r2: fit.r2, n: fit.n };
}
