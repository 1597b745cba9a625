/**
 * The drift-free open-loop pacer. Each tick asks the schedule how many arrivals are due by now, hands every one
 * not yet sent to `onDue` in order with its intended (absolute) time, then sleeps until the next arrival. Intended
 * times always come from the schedule, never from accumulated sleeps, so late timers cost lag, never drift; and
 * because a tick sends everything due, the rate is kept even when timers only fire every millisecond or so (timers
 * alone cannot pace above ~900 events/s).
 * @module
 */
import { Histogram } from "../metrics/histogram.ts";
import { nextMacrotask } from "../runtime/yield.ts";
import type { ArrivalSchedule } from "./arrivals.ts";

/** A monotonic clock the pacer and drivers run on (real, or simulated in tests). */
export interface Clock {
  /** Milliseconds, fractional, monotonic. */
  now(): number;
  /**
   * Resolves after about `ms` milliseconds (`ms` ≤ 0: after yielding to the event loop once). Resolves early when
   * `signal` aborts.
   */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Options of {@link createRealClock}. */
export interface RealClockOptions {
  /**
   * Below this many ms of remaining wait, `wait` yields one event-loop turn (`setImmediate`, a few µs) instead of
   * arming a timer (which fires ≥ 1 ms late). Default 1. 0 = always use timers.
   */
  yieldBelowMs?: number;
  /**
   * Largest share of wall time that may be spent in such cheap yields, measured over windows of 100 ms (default
   * 0.1). Past it, short waits use timers until the next window, so pacing never turns into a busy loop that would
   * take a core from the system under test.
   */
  maxYieldShare?: number;
}

/** Length of the window over which cheap yields are budgeted, ms. */
const YIELD_WINDOW_MS = 100;

/**
 * A clock on `performance.now()`. `wait(ms)` arms `setTimeout` when at least `yieldBelowMs` remain. When less
 * remains it yields a single event-loop turn through `setImmediate` and returns, so the pacer re-checks the time and
 * sends the arrival as soon as it is due (lag of µs instead of the ~1 ms a timer adds). The cheap yields are bounded:
 * they only happen inside the last `yieldBelowMs` before an arrival, and at most `maxYieldShare` of each 100 ms
 * window is spent in them; beyond that the wait falls back to a timer. `setImmediate` was chosen over a
 * resolved-promise loop (starves I/O: the NATS client could not flush), MessageChannel (keeps the process alive,
 * differs across runtimes) and `setTimeout(0)` (1 ms on Node, 4 ms once nested on Deno). `wait(ms ≤ 0)` always
 * yields one turn (a driver asking to let I/O run).
 */
export function createRealClock(opts: RealClockOptions = {}): Clock {
  const below = opts.yieldBelowMs ?? 1;
  const budget = YIELD_WINDOW_MS * (opts.maxYieldShare ?? 0.1);
  let windowStart = performance.now();
  let spent = 0;
  const overBudget = (now: number): boolean => {
    if (now - windowStart >= YIELD_WINDOW_MS) {
      windowStart = now;
      spent = 0;
    }
    return spent >= budget;
  };
  return {
    now: () => performance.now(),
    wait(ms: number, signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) return Promise.resolve();
      if (!(ms > 0)) return nextMacrotask();
      const t0 = performance.now();
      if (ms >= below || overBudget(t0)) return sleep(ms, signal);
      return nextMacrotask().then(() => {
        spent += performance.now() - t0;
      });
    },
  };
}

/** The default real clock (see {@link createRealClock}). */
export const realClock: Clock = createRealClock();

/** `setTimeout` as a promise that resolves early (clearing the timer) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Options of {@link runPacer}. */
export interface PacerOptions {
  clock: Clock;
  /** Clock time of the phase start (arrival offsets are added to it). */
  startMs: number;
  /** Clock time the phase must stop: arrivals intended at or after it are never sent. */
  endMs: number;
  /** Called once per arrival, in order, with its index and its intended absolute clock time. */
  onDue: (k: number, intendedMs: number) => void;
  /** Stops the pacer at the next tick (a pending wait ends at once with a real clock). */
  signal?: AbortSignal;
  /** At most this many arrivals per tick before yielding to the event loop (default unlimited). */
  maxBatch?: number;
}

/** What a pacer did. */
export interface PacerStats {
  /** Arrivals handed to `onDue`. */
  due: number;
  /** Arrivals the schedule holds before `endMs` (equals `due` unless aborted). */
  scheduled: number;
  /** Loop iterations (wake-ups). */
  ticks: number;
  /** Largest number of arrivals sent in one tick. */
  maxBatch: number;
  /** Schedule lag per arrival: time `onDue` was called − intended time, µs (1 µs resolution floor). */
  lagUs: Histogram;
}

/** Number of arrivals with offset strictly before `offsetMs`. */
function countBefore(schedule: ArrivalSchedule, offsetMs: number): number {
  if (!(offsetMs > 0)) return 0;
  let c = schedule.dueBy(offsetMs);
  while (c > 0 && schedule.timeOf(c - 1) >= offsetMs) c--;
  return c;
}

/**
 * Runs an open-loop schedule: calls `onDue(k, intendedMs)` for every arrival whose intended time has come, in
 * order, batching all that are due at each tick, and sleeps until the next one. Every arrival intended before
 * `endMs` is sent, even if a stalled loop only gets to it after `endMs` (its lag says how late); none intended at
 * or after `endMs` is. Resolves once the last arrival before `endMs` is sent (it does not sleep out the rest of the
 * phase), or when `signal` aborts.
 */
export async function runPacer(schedule: ArrivalSchedule, opts: PacerOptions): Promise<PacerStats> {
  const { clock, startMs, onDue, signal } = opts;
  const maxBatch = opts.maxBatch !== undefined && opts.maxBatch >= 1
    ? Math.floor(opts.maxBatch)
    : Number.POSITIVE_INFINITY;
  // The phase's length back from two clock times: snapped to a nanosecond, so float rounding of `endMs - startMs`
  // (e.g. 500.0000000001) never lets in the arrival due exactly at the end.
  const spanMs = Math.round((opts.endMs - startMs) * 1e6) / 1e6;
  const limit = Math.min(schedule.total, countBefore(schedule, spanMs));
  const lagUs = new Histogram();
  let k = 0;
  let ticks = 0;
  let largest = 0;
  while (k < limit && !signal?.aborted) {
    ticks++;
    const due = Math.min(limit, schedule.dueBy(clock.now() - startMs));
    let batch = 0;
    while (k < due && batch < maxBatch && !signal?.aborted) {
      const intended = startMs + schedule.timeOf(k);
      const at = clock.now();
      onDue(k, intended);
      lagUs.record((at - intended) * 1000);
      k++;
      batch++;
    }
    if (batch > largest) largest = batch;
    if (k >= limit) break;
    if (k < due) {
      await clock.wait(0, signal); // batch capped: let I/O run, then continue with what is still due
    } else {
      await clock.wait(startMs + schedule.timeOf(k) - clock.now(), signal);
    }
  }
  return { due: k, scheduled: limit, ticks, maxBatch: largest, lagUs };
}
