/**
 * Memory growth as an ordinary-least-squares slope of resident memory over time, with its fit quality and a 95 %
 * confidence interval, so a leak is judged on every sample rather than on the first and last; and when a window of
 * samples is too short to tell a leak from garbage not collected yet.
 * @module
 */
import { linearRegression } from "../stats/regression.ts";
import { tQuantile975 } from "../stats/student-t.ts";

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
  /**
   * The slope's 95 % confidence interval, bytes per hour (Student's t on the slope's standard error). It assumes
   * independent residuals; the saw-tooth of garbage collection is not, which is why a short window is not
   * resolvable whatever its interval ({@link MIN_GROWTH_WINDOW_S}). Absent in results written before it was fitted.
   */
  low?: number;
  high?: number;
  /** Seconds between the first and the last sample fitted. Absent in results written before it was recorded. */
  seconds?: number;
}

/**
 * The shortest window of measured samples, in seconds, whose memory slope busmark reports as a growth rate: 5 min.
 * Resident memory does not follow a leak but the garbage collector's saw-tooth: on the reference machine at 1000
 * events/s the service's RSS climbs 0.4-0.5 MB/s while V8 defers its major collections, which come about a minute
 * apart and give back tens of MB at once (scenarios/memory-stability.yaml), and nats-server's Go heap doubles before
 * each collection the same way. Within one cycle the slope is that climb, 1.3-1.8 GB/h with r² up to 0.99 — exactly
 * the line a leak draws — and a 12 s window reads 9.9 GB/h for busmark itself. Five minutes hold about five major
 * cycles at that cadence, so their teeth average out in the fit instead of being the fit: a 25 MB tooth then moves
 * the slope by a few hundred MB/h at most, which the confidence interval shows. A shorter window prints
 * "not resolvable in a 12 s run" with the interval, never a rate per hour, and a threshold on it is flagged.
 */
export const MIN_GROWTH_WINDOW_S = 300;

/**
 * Fits `rss = a + b·t` by least squares ({@link linearRegression}) and returns `b` in bytes per hour with its r²,
 * its 95 % interval and the seconds the samples span. Undefined when there are fewer than 3 samples or they all
 * share one time.
 */
export function memoryGrowth(samples: readonly MemoryPoint[]): MemoryGrowth | undefined {
  if (samples.length < 3 || samples.every((s) => s.t === samples[0]!.t)) return undefined;
  const fit = linearRegression(samples.map((s) => s.t), samples.map((s) => s.rss));
  const half = tQuantile975(fit.n - 2) * fit.slopeStdError * 3600;
  const ts = samples.map((s) => s.t);
  const out: MemoryGrowth = {
    bytesPerHour: fit.slope * 3600,
    r2: fit.r2,
    n: fit.n,
    seconds: Math.max(...ts) - Math.min(...ts),
  };
  if (Number.isFinite(half)) {
    out.low = out.bytesPerHour - half;
    out.high = out.bytesPerHour + half;
  }
  return out;
}

/** Whether a window of `seconds` of samples resolves a memory growth rate (at least {@link MIN_GROWTH_WINDOW_S}). */
export function growthResolvable(seconds: number): boolean {
  return seconds >= MIN_GROWTH_WINDOW_S;
}
