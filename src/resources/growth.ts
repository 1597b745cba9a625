/**
 * Memory growth as an ordinary-least-squares slope of resident memory over time, with its fit quality, so a leak
 * is judged on every sample rather than on the first and last.
 * @module
 */

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
 * Fits `rss = a + b·t` by least squares and returns `b` in bytes per hour with its r². Undefined when there are
 * fewer than 3 samples or they all share one time.
 */
export function memoryGrowth(samples: readonly MemoryPoint[]): MemoryGrowth | undefined {
  const n = samples.length;
  if (n < 3) return undefined;
  let meanT = 0;
  let meanR = 0;
  for (const s of samples) {
    meanT += s.t;
    meanR += s.rss;
  }
  meanT /= n;
  meanR /= n;
  let stt = 0;
  let str = 0;
  let srr = 0;
  for (const s of samples) {
    const dt = s.t - meanT;
    const dr = s.rss - meanR;
    stt += dt * dt;
    str += dt * dr;
    srr += dr * dr;
  }
  if (stt === 0) return undefined;
  const slope = str / stt;
  const residual = Math.max(0, srr - slope * str);
  const r2 = srr === 0 ? 1 : Math.min(1, Math.max(0, 1 - residual / srr));
  return { bytesPerHour: slope * 3600, r2, n };
}
