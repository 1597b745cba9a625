/**
 * Where engines report what they measured: latency histograms per metric, phase and event type, and counters per
 * phase and event type. Engines only call `record*`/`count*`; aggregation into a result happens after the run.
 * @module
 */
import { Histogram } from "../metrics/histogram.ts";
import { SecondSeries } from "../metrics/timeseries.ts";
import type { ReplyFailure } from "../result/types.ts";

/** Latency metrics recorded per phase and event type. */
export const LATENCY_METRICS = ["latency.persisted", "latency.delivered", "latency.request"] as const;

/** A latency metric name. */
export type LatencyMetric = typeof LATENCY_METRICS[number];

/** Counter names kept per phase and event type. */
export const COUNTERS = [
  "published",
  "delivered",
  "persisted",
  "duplicated",
  "invalid",
  "requestErrors",
  "requestTimeouts",
  "publishErrors",
  "checksPassed",
  "checksFailed",
] as const;

/** How many failing replies a run keeps, with their reasons. */
export const KEPT_REPLY_FAILURES = 5;

/** A counter name. */
export type Counter = typeof COUNTERS[number];

const METRIC_INDEX: Record<LatencyMetric, number> = {
  "latency.persisted": 0,
  "latency.delivered": 1,
  "latency.request": 2,
};

const COUNTER_INDEX = Object.fromEntries(COUNTERS.map((c, i) => [c, i])) as Record<Counter, number>;

/** Histograms and counters for a run of `phases` phases and `events` event types. */
export class Recorder {
  readonly phases: number;
  readonly events: number;
  /** [metric][phase * events + event] */
  readonly #latency: Histogram[][];
  /** Schedule lag per phase. */
  readonly #lag: Histogram[];
  /** [phase * events + event] * COUNTERS.length + counter */
  readonly #counts: Float64Array;
  /** Per-second series relative to the run start. */
  readonly series = new SecondSeries();
  /** Clock time (ms) of the run start, for the series. */
  runStartMs = 0;
  /** The first {@link KEPT_REPLY_FAILURES} replies that failed their checks. */
  readonly replyFailures: ReplyFailure[] = [];

  /** Creates a recorder for the given numbers of phases and event types. */
  constructor(phases: number, events: number) {
    this.phases = phases;
    this.events = events;
    const cells = phases * events;
    this.#latency = LATENCY_METRICS.map(() => Array.from({ length: cells }, () => new Histogram()));
    this.#lag = Array.from({ length: phases }, () => new Histogram());
    this.#counts = new Float64Array(cells * COUNTERS.length);
  }

  /** Records a latency in microseconds. */
  recordLatency(metric: LatencyMetric, phase: number, event: number, us: number): void {
    this.#latency[METRIC_INDEX[metric]]![phase * this.events + event]!.record(us);
  }

  /** Records a schedule lag (actual − intended send) in microseconds. */
  recordLag(phase: number, us: number): void {
    this.#lag[phase]!.record(us);
  }

  /** Adds `n` to a counter. */
  count(counter: Counter, phase: number, event: number, n = 1): void {
    this.#counts[(phase * this.events + event) * COUNTERS.length + COUNTER_INDEX[counter]]! += n;
  }

  /** Keeps a failing reply, while fewer than {@link KEPT_REPLY_FAILURES} are kept. */
  noteReplyFailure(failure: ReplyFailure): void {
    if (this.replyFailures.length < KEPT_REPLY_FAILURES) this.replyFailures.push(failure);
  }

  /** Reads a counter. */
  counter(counter: Counter, phase: number, event: number): number {
    return this.#counts[(phase * this.events + event) * COUNTERS.length + COUNTER_INDEX[counter]] ?? 0;
  }

  /** Sum of a counter over the given phases and events (all when omitted). */
  total(counter: Counter, phases?: readonly number[], events?: readonly number[]): number {
    let sum = 0;
    for (const p of phases ?? range(this.phases)) {
      for (const e of events ?? range(this.events)) sum += this.counter(counter, p, e);
    }
    return sum;
  }

  /** The histogram of a metric for one phase and event type. */
  histogram(metric: LatencyMetric, phase: number, event: number): Histogram {
    return this.#latency[METRIC_INDEX[metric]]![phase * this.events + event]!;
  }

  /** The schedule-lag histogram of a phase. */
  lag(phase: number): Histogram {
    return this.#lag[phase]!;
  }

  /** A new histogram merging a metric over the given phases and events. */
  merged(metric: LatencyMetric, phases: readonly number[], events: readonly number[]): Histogram {
    const out = new Histogram();
    for (const p of phases) for (const e of events) out.merge(this.histogram(metric, p, e));
    return out;
  }

  /** A new histogram merging the schedule lag of the given phases. */
  mergedLag(phases: readonly number[]): Histogram {
    const out = new Histogram();
    for (const p of phases) out.merge(this.lag(p));
    return out;
  }
}

/** `[0, 1, ..., n-1]` */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
