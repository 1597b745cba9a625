/**
 * Latency histograms in microseconds over hdr-histogram-js (its pure-JS implementation, which runs on Node and
 * Deno alike; never the WebAssembly one). Range 1 µs .. 1 hour at 3 significant digits: values below 1 µs are
 * recorded as 1 µs, values above an hour as an hour, so every observation is counted and none is thrown away.
 *
 * The underlying counts array (~94 KB) is allocated on the first record or merge, so a run may create one
 * histogram per metric, phase and event type without paying for the empty ones.
 * @module
 */
import * as hdr from "hdr-histogram-js";

/** Lowest recordable value, µs. */
export const HISTOGRAM_MIN_US = 1;
/** Highest recordable value, µs (one hour). Larger values are clamped to it. */
export const HISTOGRAM_MAX_US = 3_600_000_000;
/** Significant decimal digits kept (relative error ≤ 0.1 %). */
export const HISTOGRAM_DIGITS = 3;

/** Summary statistics of a histogram, in µs; every field is 0 when `count` is 0. */
export interface LatencySummary {
  count: number;
  min: number;
  max: number;
  avg: number;
  stddev: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
}

/** An empty summary (all zeros). */
export function emptySummary(): LatencySummary {
  return { count: 0, min: 0, max: 0, avg: 0, stddev: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0 };
}

function newHdr(): hdr.JsHistogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: HISTOGRAM_MIN_US,
    highestTrackableValue: HISTOGRAM_MAX_US,
    numberOfSignificantValueDigits: HISTOGRAM_DIGITS,
    useWebAssembly: false,
  }) as hdr.JsHistogram;
}

/** Clamps a raw µs value into the recordable integer range; NaN counts as the minimum. */
function clampUs(us: number): number {
  if (!(us > HISTOGRAM_MIN_US)) return HISTOGRAM_MIN_US;
  if (us >= HISTOGRAM_MAX_US) return HISTOGRAM_MAX_US;
  return Math.round(us);
}

/** An HDR latency histogram in microseconds. */
export class Histogram {
  #h: hdr.JsHistogram | null = null;

  /** Records one value in µs (clamped into 1 µs .. 1 h). */
  record(us: number): void {
    (this.#h ??= newHdr()).recordValue(clampUs(us));
  }

  /** Records the same value `n` times (n a positive integer). */
  recordMany(us: number, n: number): void {
    if (n > 0) (this.#h ??= newHdr()).recordValueWithCount(clampUs(us), Math.floor(n));
  }

  /** Number of recorded values. */
  get count(): number {
    return this.#h?.totalCount ?? 0;
  }

  /**
   * Largest recorded value, µs, as the highest value of its bucket (so a decoded or merged histogram reports the
   * same maximum as the original); 0 when empty.
   */
  get max(): number {
    const h = this.#h;
    return h === null || h.totalCount === 0 ? 0 : h.highestEquivalentValue(h.maxValue);
  }

  /** Smallest recorded value, µs, as the lowest value of its bucket; 0 when empty. */
  get min(): number {
    const h = this.#h;
    return h === null || h.totalCount === 0 ? 0 : h.lowestEquivalentValue(h.minNonZeroValue);
  }

  /**
   * The value at percentile `p` (0..100], µs: the highest value equivalent (within the histogram's precision) to
   * the one that `p` percent of the values are less than or equal to, never above the maximum. 0 when empty.
   */
  percentile(p: number): number {
    const h = this.#h;
    if (h === null || h.totalCount === 0) return 0;
    return Math.min(h.getValueAtPercentile(Math.min(100, Math.max(0, p))), this.max);
  }

  /**
   * Number of recorded values beyond `us`: those whose bucket lies wholly above the bucket of `us` (values within
   * the histogram's precision of `us` count as equal to it).
   */
  countAbove(us: number): number {
    const h = this.#h;
    if (h === null || h.totalCount === 0) return 0;
    const limit = h.highestEquivalentValue(clampUs(us));
    const it = h.recordedValuesIterator;
    it.reset();
    let above = 0;
    while (it.hasNext()) {
      const v = it.next();
      if (v.valueIteratedTo > limit) above += v.countAtValueIteratedTo;
    }
    return above;
  }

  /** Count, min, max, mean, standard deviation and the usual percentiles, µs. */
  summary(): LatencySummary {
    const h = this.#h;
    if (h === null || h.totalCount === 0) return emptySummary();
    return {
      count: h.totalCount,
      min: this.min,
      max: this.max,
      avg: h.mean,
      stddev: h.stdDeviation,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p95: this.percentile(95),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
    };
  }

  /** Adds every value of `other` to this histogram (exact: counts add bucket by bucket). */
  merge(other: Histogram): void {
    const o = other.#h;
    if (o === null || o.totalCount === 0) return;
    (this.#h ??= newHdr()).add(o);
  }

  /** Forgets every recorded value. */
  reset(): void {
    this.#h?.reset();
  }

  /** The histogram in the standard HdrHistogram V2 compressed base64 form (as `encodeIntoCompressedBase64`). */
  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.#h ?? newHdr());
  }

  /**
   * Decodes a histogram produced by {@link Histogram.encode} (or any HdrHistogram V2 compressed base64 string).
   * Values beyond this class's range are clamped into it. Throws `HistogramDecodeError` on malformed input.
   */
  static decode(s: string): Histogram {
    let decoded: hdr.JsHistogram;
    try {
      decoded = hdr.decodeFromCompressedBase64(s, 32, false) as hdr.JsHistogram;
    } catch (cause) {
      throw new HistogramDecodeError(cause instanceof Error ? cause.message : String(cause), { cause });
    }
    const out = new Histogram();
    if (decoded.totalCount === 0) return out;
    if (decoded.maxValue > HISTOGRAM_MAX_US) {
      throw new HistogramDecodeError(`its maximum ${decoded.maxValue} µs exceeds the range (1 hour)`);
    }
    const same = decoded.highestTrackableValue === HISTOGRAM_MAX_US &&
      decoded.numberOfSignificantValueDigits === HISTOGRAM_DIGITS &&
      decoded.lowestDiscernibleValue === HISTOGRAM_MIN_US;
    if (same) {
      decoded.autoResize = false;
      out.#h = decoded;
    } else {
      const h = newHdr();
      h.add(decoded);
      out.#h = h;
    }
    return out;
  }
}

/** A string that is not a valid encoded histogram. */
export class HistogramDecodeError extends Error {
  /** Creates the error; `reason` is the decoder's complaint. */
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Cannot decode histogram: ${reason}`, options);
    this.name = "HistogramDecodeError";
  }
}
