/**
 * A per-second time series relative to a run's start: offered, sent, delivered and persisted counts, errors, and
 * latency percentiles of the events completed in each second. Recording is an array index and an add; latency goes
 * into a histogram of its second.
 *
 * Memory stays bounded on long soaks: only the latest {@link SERIES_LIVE_SECONDS} seconds keep a live histogram;
 * an older second is folded into its three figures (p50, p99, max) and its histogram reused. A latency arriving for
 * a second already folded is counted in `lateLatencies` and otherwise ignored (the run's main histograms still hold
 * it; the series is for plotting).
 * @module
 */
import { Histogram } from "./histogram.ts";

/** How many recent seconds keep a live latency histogram. */
export const SERIES_LIVE_SECONDS = 8;

/** A count the series keeps per second. */
export type SeriesField = "offered" | "sent" | "delivered" | "persisted" | "errors" | "replied";

/** One second of a run. Counts are events in that second; latencies are µs (0 when none). */
export interface TimePoint {
  /** Start of the second, in whole seconds since the run start (the row covers [t, t+1)). */
  t: number;
  offered: number;
  sent: number;
  delivered: number;
  persisted: number;
  errors: number;
  /**
   * Requests answered with a reply in that second: requests are never persisted, so they are counted here, apart.
   * Present only in runs that sent requests (and recorded it).
   */
  replied?: number;
  p50: number;
  p99: number;
  max: number;
  /**
   * Seconds of this row the run covered, when less than one: the run's last second is usually partial (a run of
   * 12.3 s covers 0.3 s of [12, 13)), so its counts are that fraction of a second's, not a drop in rate. Absent for a
   * whole second (and in results written before it was recorded).
   */
  span?: number;
}

const FIELDS: readonly SeriesField[] = ["offered", "sent", "delivered", "persisted", "errors", "replied"];

function secondOf(tMs: number): number {
  return tMs >= 0 ? Math.floor(tMs / 1000) : 0;
}

/** A per-second time series relative to a run start. */
export class SecondSeries {
  readonly #counts: Record<SeriesField, number[]> = {
    offered: [],
    sent: [],
    delivered: [],
    persisted: [],
    errors: [],
    replied: [],
  };
  /** Folded latency figures per second (NaN = not folded yet). */
  readonly #p50: number[] = [];
  readonly #p99: number[] = [];
  readonly #max: number[] = [];
  /** Live histograms by second. */
  readonly #live = new Map<number, Histogram>();
  readonly #pool: Histogram[] = [];
  #latest = -1;
  #length = 0;
  #late = 0;
  #endMs: number | undefined;

  /** Creates an empty series. */
  constructor() {}

  /** Number of seconds covered so far (last second with any data + 1). */
  get length(): number {
    return this.#length;
  }

  /** Latencies that arrived for a second already folded (not in the series). */
  get lateLatencies(): number {
    return this.#late;
  }

  /** Seconds currently holding a live histogram (at most {@link SERIES_LIVE_SECONDS}). */
  get liveHistograms(): number {
    return this.#live.size;
  }

  /** Adds `n` to a field in the second containing `tMs` (ms since the run start; negative counts as 0). */
  count(field: SeriesField, tMs: number, n = 1): void {
    const s = secondOf(tMs);
    const arr = this.#counts[field];
    if (s >= arr.length) {
      for (let i = arr.length; i <= s; i++) arr.push(0);
      if (s >= this.#length) this.#length = s + 1;
    }
    arr[s]! += n;
  }

  /** Records a latency (µs) completed in the second containing `tMs`. */
  latency(tMs: number, us: number): void {
    const s = secondOf(tMs);
    let h = this.#live.get(s);
    if (h === undefined) {
      if (s < this.#latest - SERIES_LIVE_SECONDS + 1 || this.#isFolded(s)) {
        this.#late++;
        return;
      }
      h = this.#pool.pop() ?? new Histogram();
      this.#live.set(s, h);
      if (s > this.#latest) {
        this.#latest = s;
        this.#foldBefore(s - SERIES_LIVE_SECONDS + 1);
      }
      if (s >= this.#length) this.#length = s + 1;
    }
    h.record(us);
  }

  /**
   * Notes where the run ended (ms since its start): the row containing that moment is partial, and {@link rows}
   * gives it its `span`. Data recorded later (a flush) does not move it; a row beyond it stays whole.
   */
  close(tMs: number): void {
    this.#endMs = Math.max(this.#endMs ?? 0, tMs);
  }

  /** One row (second `t`); zeros where nothing was recorded. */
  row(t: number): TimePoint {
    const c = this.#counts;
    const point: TimePoint = {
      t,
      offered: c.offered[t] ?? 0,
      sent: c.sent[t] ?? 0,
      delivered: c.delivered[t] ?? 0,
      persisted: c.persisted[t] ?? 0,
      errors: c.errors[t] ?? 0,
      p50: 0,
      p99: 0,
      max: 0,
    };
    const h = this.#live.get(t);
    if (h !== undefined) {
      point.p50 = h.percentile(50);
      point.p99 = h.percentile(99);
      point.max = h.max;
    } else if (this.#isFolded(t)) {
      point.p50 = this.#p50[t]!;
      point.p99 = this.#p99[t]!;
      point.max = this.#max[t]!;
    }
    if (c.replied.length > 0) point.replied = c.replied[t] ?? 0;
    return point;
  }

  /** Every second from 0 to the last one with data; the last has a `span` when the run ended inside it. */
  rows(): TimePoint[] {
    const out: TimePoint[] = [];
    for (let t = 0; t < this.#length; t++) out.push(this.row(t));
    const last = out[out.length - 1];
    if (last !== undefined && this.#endMs !== undefined) {
      const span = Math.round(this.#endMs - last.t * 1000) / 1000;
      if (span > 0 && span < 1) last.span = span;
    }
    return out;
  }

  /** Sum of a field over all seconds. */
  total(field: SeriesField): number {
    let sum = 0;
    for (const v of this.#counts[field]) sum += v;
    return sum;
  }

  #isFolded(s: number): boolean {
    const v = this.#p50[s];
    return v !== undefined && !Number.isNaN(v);
  }

  /** Folds every live second before `limit` into its figures and recycles its histogram. */
  #foldBefore(limit: number): void {
    for (const [s, h] of this.#live) {
      if (s >= limit) continue;
      while (this.#p50.length <= s) {
        this.#p50.push(Number.NaN);
        this.#p99.push(Number.NaN);
        this.#max.push(Number.NaN);
      }
      this.#p50[s] = h.percentile(50);
      this.#p99[s] = h.percentile(99);
      this.#max[s] = h.max;
      this.#live.delete(s);
      h.reset();
      this.#pool.push(h);
    }
  }
}

/** The series fields, in row order. */
export const SERIES_FIELDS: readonly SeriesField[] = FIELDS;
