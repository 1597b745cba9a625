/**
 * Open-loop arrival schedules: when each event of a phase is meant to leave, in closed form, so a pacer never
 * accumulates drift and any arrival's time can be computed directly from its index.
 *
 * Constant rate `r` events/s: arrival k at `k·1000/r` ms. Linear ramp from `a` to `b` events/s over `D` ms: the
 * rate at `t` is `a + (b−a)·t/D`, the expected number of arrivals by `t` is `N(t) = (a·t + (b−a)·t²/(2D)) / 1000`,
 * and arrival k is at the `t` where `N(t) = k`, solved as `t = 2k / (β + √(β² + 4αk))` with `α = (b−a)/(2000·D)`,
 * `β = a/1000` (this form is exact for a flat ramp and stable when `a` is 0). A phase holds every arrival whose time
 * is < D.
 * @module
 */

/** The arrival times of one open-loop phase (or one worker's share of it). */
export interface ArrivalSchedule {
  /** Number of arrivals in the phase. */
  readonly total: number;
  /** Offset (ms) of the k-th arrival (0-based) from the phase start; `Infinity` for k ≥ total. */
  timeOf(k: number): number;
  /** How many arrivals have an intended time ≤ `tMs` (ms from the phase start). */
  dueBy(tMs: number): number;
}

/** One worker's part of a schedule split over `count` workers. */
export interface ScheduleShare {
  /** 0-based worker index, < count. */
  index: number;
  /** Number of workers, ≥ 1. */
  count: number;
}

/** Arguments that cannot define a schedule. */
export class ScheduleError extends RangeError {
  /** Creates the error. */
  constructor(reason: string) {
    super(`Cannot build an arrival schedule: ${reason}`);
    this.name = "ScheduleError";
  }
}

/** Time (ms) of arrival k of the unbounded ramp/constant process; NaN/Infinity when it never happens. */
type TimeFn = (k: number) => number;

class BaseSchedule implements ArrivalSchedule {
  readonly total: number;
  readonly #time: TimeFn;
  readonly #expected: (tMs: number) => number;

  constructor(time: TimeFn, expected: (tMs: number) => number, durationMs: number) {
    this.#time = time;
    this.#expected = expected;
    // Count arrivals with time < duration: start from the closed form, then correct for rounding.
    let n = Math.max(0, Math.ceil(expected(durationMs)));
    while (n > 0 && !(time(n - 1) < durationMs)) n--;
    while (time(n) < durationMs) n++;
    this.total = n;
  }

  timeOf(k: number): number {
    return k >= 0 && k < this.total ? this.#time(k) : Number.POSITIVE_INFINITY;
  }

  dueBy(tMs: number): number {
    const total = this.total;
    if (!(tMs >= 0) || total === 0) return 0;
    if (tMs >= this.#time(total - 1)) return total;
    let c = Math.min(total, Math.max(0, Math.floor(this.#expected(tMs)) + 1));
    while (c > 0 && this.#time(c - 1) > tMs) c--;
    while (c < total && this.#time(c) <= tMs) c++;
    return c;
  }
}

class ShareSchedule implements ArrivalSchedule {
  readonly total: number;
  readonly #base: ArrivalSchedule;
  readonly #index: number;
  readonly #count: number;

  constructor(base: ArrivalSchedule, share: ScheduleShare) {
    this.#base = base;
    this.#index = share.index;
    this.#count = share.count;
    this.total = sharesBelow(base.total, share.index, share.count);
  }

  timeOf(k: number): number {
    return k >= 0 && k < this.total ? this.#base.timeOf(this.#index + k * this.#count) : Number.POSITIVE_INFINITY;
  }

  dueBy(tMs: number): number {
    return sharesBelow(this.#base.dueBy(tMs), this.#index, this.#count);
  }
}

const EMPTY: ArrivalSchedule = {
  total: 0,
  timeOf: () => Number.POSITIVE_INFINITY,
  dueBy: () => 0,
};

/** Number of global indexes g < n with g ≡ index (mod count). */
function sharesBelow(n: number, index: number, count: number): number {
  return n > index ? Math.ceil((n - index) / count) : 0;
}

/**
 * The open-loop schedule of a phase of `durationMs` whose rate goes linearly from `from` to `to` events/s
 * (constant when equal). With `share`, only every `count`-th arrival starting at `index` is kept, so the shares
 * 0..count-1 together hold exactly the unsharded schedule's arrivals (share-local k maps to global
 * `index + k·count`). Throws {@link ScheduleError} for negative or non-finite arguments or a bad share.
 */
export function openLoopSchedule(
  from: number,
  to: number,
  durationMs: number,
  share?: ScheduleShare,
): ArrivalSchedule {
  for (const [name, v] of [["from", from], ["to", to], ["durationMs", durationMs]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new ScheduleError(`${name} must be a finite number >= 0, got ${v}`);
  }
  let base: ArrivalSchedule;
  if (durationMs === 0 || (from === 0 && to === 0)) {
    base = EMPTY;
  } else if (from === to) {
    base = new BaseSchedule((k) => (k * 1000) / from, (t) => (t * from) / 1000, durationMs);
  } else {
    const alpha = (to - from) / (2000 * durationMs);
    const beta = from / 1000;
    base = new BaseSchedule(
      (k) => {
        if (k === 0) return 0;
        const disc = beta * beta + 4 * alpha * k;
        // A ramp down reaches its last arrival where the rate would hit 0; past that no arrival exists.
        if (disc < 0) return Number.POSITIVE_INFINITY;
        return (2 * k) / (beta + Math.sqrt(disc));
      },
      (t) => beta * t + alpha * t * t,
      durationMs,
    );
  }
  if (share === undefined || (share.count === 1 && share.index === 0)) return base;
  if (!Number.isInteger(share.count) || share.count < 1 || !Number.isInteger(share.index)) {
    throw new ScheduleError(`share count must be an integer >= 1, got ${share.count} (index ${share.index})`);
  }
  if (share.index < 0 || share.index >= share.count) {
    throw new ScheduleError(`share index must be in 0..${share.count - 1}, got ${share.index}`);
  }
  return new ShareSchedule(base, share);
}
