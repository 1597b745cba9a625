/**
 * A simulated clock for tests of anything that runs on a {@link Clock}: time only moves when something waits, by
 * the requested amount rounded up to a timer granularity plus an optional lateness, so a run of hours takes
 * milliseconds and every outcome is exact.
 * @module
 */
import type { Clock } from "./pacer.ts";

/** Options of {@link SimulatedClock}. */
export interface SimulatedClockOptions {
  /** Initial time, ms (default 0). */
  startMs?: number;
  /** Smallest step a positive wait takes, like a timer's granularity (default 0). */
  minWaitMs?: number;
  /** How far a wait of ≤ 0 ms (a yield) moves time (default 0). */
  yieldMs?: number;
  /** Extra delay added to the n-th wait (0-based), e.g. to simulate a stalled event loop (default none). */
  lateness?: (n: number) => number;
}

/** A deterministic clock whose `wait` advances simulated time instead of sleeping. */
export class SimulatedClock implements Clock {
  #t: number;
  #waits = 0;
  readonly #minWait: number;
  readonly #yield: number;
  readonly #lateness: ((n: number) => number) | undefined;

  /** Creates a clock at `opts.startMs`. */
  constructor(opts: SimulatedClockOptions = {}) {
    this.#t = opts.startMs ?? 0;
    this.#minWait = opts.minWaitMs ?? 0;
    this.#yield = opts.yieldMs ?? 0;
    this.#lateness = opts.lateness;
  }

  /** Current simulated time, ms. */
  now(): number {
    return this.#t;
  }

  /** Number of waits so far. */
  get waits(): number {
    return this.#waits;
  }

  /** Moves time forward by `ms` (≥ 0). */
  advance(ms: number): void {
    if (ms > 0) this.#t += ms;
  }

  /** Advances time by `max(ms, minWaitMs)` (or `yieldMs` for ms ≤ 0) plus the lateness, then resolves. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    const step = ms > 0 ? Math.max(ms, this.#minWait) : this.#yield;
    const late = this.#lateness?.(this.#waits) ?? 0;
    this.#waits++;
    this.#t += step + Math.max(0, late);
    return Promise.resolve();
  }
}
