/**
 * Per-event accounting for one run: every event busmark sends gets a sequential id, and the tracker remembers its
 * intended send time, event type and phase in typed arrays (no object per event), then marks it delivered,
 * persisted or failed as confirmations arrive. Duplicated confirmations are counted, never double-recorded.
 * @module
 */

const SENT = 1;
const DELIVERED = 2;
const PERSISTED = 4;
const INVALID = 8;
const DONE = 16;
/** Counted by {@link EventTracker.overdue}: unconfirmed when its grace ran out. */
const OVERDUE = 32;

/** What marking an event found: the first confirmation, a duplicate, or an id this run never sent. */
export const Mark = { First: 0, Duplicate: 1, Unknown: 2 } as const;

/** One of the values of {@link Mark}. */
export type Mark = typeof Mark[keyof typeof Mark];

/** Growable typed-array store of the events of a run. */
export class EventTracker {
  #intended: Float64Array;
  #event: Uint16Array;
  #phase: Uint8Array;
  #flags: Uint8Array;
  #size = 0;
  #waiters = new Map<number, () => void>();
  #overdueCursor = 0;
  #overdue = 0;

  /** Creates a tracker with room for `capacity` events (it grows as needed). */
  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.#intended = new Float64Array(n);
    this.#event = new Uint16Array(n);
    this.#phase = new Uint8Array(n);
    this.#flags = new Uint8Array(n);
  }

  /** Number of events added. */
  get size(): number {
    return this.#size;
  }

  /** Registers an event about to be sent; returns its id. `intendedMs` is on the run's monotonic clock. */
  add(intendedMs: number, eventIx: number, phaseIx: number): number {
    const id = this.#size;
    if (id === this.#intended.length) this.#grow();
    this.#intended[id] = intendedMs;
    this.#event[id] = eventIx;
    this.#phase[id] = phaseIx;
    this.#flags[id] = SENT;
    this.#size = id + 1;
    return id;
  }

  /** Intended send time of an event (ms on the run clock). */
  intended(id: number): number {
    return this.#intended[id] ?? 0;
  }

  /** Event-type index of an event. */
  eventOf(id: number): number {
    return this.#event[id] ?? 0;
  }

  /** Phase index of an event. */
  phaseOf(id: number): number {
    return this.#phase[id] ?? 0;
  }

  /** Marks an event delivered to busmark's probe subscriber. */
  markDelivered(id: number): Mark {
    return this.#mark(id, DELIVERED);
  }

  /** Marks an event persisted (a commit notice or the database named it). */
  markPersisted(id: number): Mark {
    const mark = this.#mark(id, PERSISTED);
    if (mark === Mark.First) this.#wake(id);
    return mark;
  }

  /** Marks an event rejected as invalid by the service. */
  markInvalid(id: number): Mark {
    const mark = this.#mark(id, INVALID);
    if (mark === Mark.First) this.#wake(id);
    return mark;
  }

  /** Marks an event finished for a closed-loop waiter (delivered when nothing persists it, or a reply arrived). */
  markDone(id: number): void {
    if (this.#mark(id, DONE) === Mark.First) this.#wake(id);
  }

  /** True when the event was persisted. */
  isPersisted(id: number): boolean {
    return ((this.#flags[id] ?? 0) & PERSISTED) !== 0;
  }

  /** True when the event was delivered to the probe. */
  isDelivered(id: number): boolean {
    return ((this.#flags[id] ?? 0) & DELIVERED) !== 0;
  }

  /** True when the service rejected the event as invalid. */
  isInvalid(id: number): boolean {
    return ((this.#flags[id] ?? 0) & INVALID) !== 0;
  }

  /**
   * Resolves when the event is persisted, rejected or marked done, or after `timeoutMs` (resolving false).
   * Used by closed-loop workers that wait for their own event.
   */
  waitFor(id: number, timeoutMs: number): Promise<boolean> {
    const flags = this.#flags[id] ?? 0;
    if (flags & (PERSISTED | INVALID | DONE)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(id);
        resolve(false);
      }, timeoutMs);
      this.#waiters.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /**
   * Events lost so far, as far as a running scenario can tell: those `expects` says (by event type and phase) should be persisted, intended
   * before `cutoffMs` (now minus the grace period) and neither persisted nor rejected. A late confirmation takes
   * its event off again. Incremental: each event is looked at once as the cutoff passes it.
   */
  overdue(cutoffMs: number, expects: (eventIx: number, phaseIx: number) => boolean): number {
    while (this.#overdueCursor < this.#size && this.#intended[this.#overdueCursor]! < cutoffMs) {
      const id = this.#overdueCursor++;
      const flags = this.#flags[id]!;
      if (!(flags & (PERSISTED | INVALID)) && expects(this.#event[id]!, this.#phase[id]!)) {
        this.#flags[id] = flags | OVERDUE;
        this.#overdue++;
      }
    }
    return this.#overdue;
  }

  #mark(id: number, bit: number): Mark {
    if (id < 0 || id >= this.#size || !Number.isInteger(id)) return Mark.Unknown;
    const flags = this.#flags[id]!;
    if (flags & bit) return Mark.Duplicate;
    if (flags & OVERDUE && bit & (PERSISTED | INVALID) && !(flags & (PERSISTED | INVALID))) this.#overdue--;
    this.#flags[id] = flags | bit;
    return Mark.First;
  }

  #wake(id: number): void {
    const waiter = this.#waiters.get(id);
    if (waiter) {
      this.#waiters.delete(id);
      waiter();
    }
  }

  #grow(): void {
    const n = this.#intended.length * 2;
    const intended = new Float64Array(n);
    intended.set(this.#intended);
    this.#intended = intended;
    const event = new Uint16Array(n);
    event.set(this.#event);
    this.#event = event;
    const phase = new Uint8Array(n);
    phase.set(this.#phase);
    this.#phase = phase;
    const flags = new Uint8Array(n);
    flags.set(this.#flags);
    this.#flags = flags;
  }
}
