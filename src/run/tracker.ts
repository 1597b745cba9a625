/**
 * Per-event accounting for one run: every event busmark sends gets a sequential id, and the tracker remembers its
 * intended send time, event type and phase in typed arrays (no object per event), then marks it delivered,
 * persisted or failed as confirmations arrive. Duplicated confirmations are counted, never double-recorded.
 *
 * Memory stays bounded over a long run: ids live in chunks (`tracker-chunks.ts`), and once the overdue sweep (the
 * grace period) has passed a chunk whose events are complete — each got every confirmation `add` said it awaits —
 * the chunk keeps only a palette index per event (usually 0 bits: every event of the chunk alike) and drops the
 * intended times. Its event types, phases and flags stay exact, so a duplicate of a released event is still a
 * duplicate of its type and phase; the few incomplete events (lost, or confirmed late) are kept whole.
 * @module
 */
import {
  CHUNK,
  CHUNK_MASK,
  CHUNK_SHIFT,
  DELIVERED,
  DONE,
  flagsOf,
  INVALID,
  MAX_EXCEPTIONS,
  metaOf,
  OpenChunk,
  OVERDUE,
  PERSISTED,
  SENT,
  SettledChunk,
} from "./tracker-chunks.ts";

/** What marking an event found: the first confirmation, a duplicate, or an id this run never sent. */
export const Mark = { First: 0, Duplicate: 1, Unknown: 2 } as const;

/** One of the values of {@link Mark}. */
export type Mark = typeof Mark[keyof typeof Mark];

/**
 * What an event awaits before the tracker may release it, bits to combine (see {@link EventTracker.add}).
 * `Unknown` (0) is never met: the event is kept whole, as is one rejected as invalid that awaited persistence.
 */
export const Awaits = { Unknown: 0, Delivered: DELIVERED, Persisted: PERSISTED, Done: DONE } as const;

/** Chunked typed-array store of the events of a run. */
export class EventTracker {
  #chunks: (OpenChunk | SettledChunk | undefined)[] = [];
  #size = 0;
  #waiters = new Map<number, () => void>();
  #overdueCursor = 0;
  #overdue = 0;
  /** Chunks wholly behind the overdue cursor that are still open. */
  #passed: number[] = [];
  #settledChunks = 0;

  /** Creates a tracker; `capacity` is a hint kept for compatibility (storage grows a chunk at a time). */
  constructor(_capacity = 1024) {}

  /** Number of events added. */
  get size(): number {
    return this.#size;
  }

  /**
   * Registers an event about to be sent; returns its id. `intendedMs` is on the run's monotonic clock. `awaits`
   * ({@link Awaits} bits) names every confirmation that can still come for it; once they all came and the grace
   * period passed it, its intended time is released. It must name every mark that would need the intended time
   * (a first delivery or persistence): default `Unknown` keeps the event whole.
   */
  add(intendedMs: number, eventIx: number, phaseIx: number, awaits: number = Awaits.Unknown): number {
    const id = this.#size;
    const off = id & CHUNK_MASK;
    let chunk = this.#chunks[id >>> CHUNK_SHIFT] as OpenChunk | undefined;
    if (off === 0) this.#chunks.push(chunk = new OpenChunk());
    chunk!.intendedMs[off] = intendedMs;
    chunk!.metas[off] = metaOf(eventIx, phaseIx, SENT);
    chunk!.awaits[off] = awaits;
    chunk!.incomplete++; // nothing is confirmed yet
    this.#size = id + 1;
    return id;
  }

  /**
   * Intended send time of an event (ms on the run clock); 0 for an id never added. A released event reads as its
   * chunk's newest intended time: only a confirmation it was not said to await can ask for it.
   */
  intended(id: number): number {
    const chunk = this.#chunkOf(id);
    return chunk ? chunk.intended(id & CHUNK_MASK) : 0;
  }

  /** Event-type index of an event. */
  eventOf(id: number): number {
    return this.#meta(id) & 0xffff;
  }

  /** Phase index of an event. */
  phaseOf(id: number): number {
    return (this.#meta(id) >>> 16) & 0xff;
  }

  /** Marks an event delivered to busmark's probe. */
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
    return (this.#flags(id) & PERSISTED) !== 0;
  }

  /** True when the event was delivered to the probe. */
  isDelivered(id: number): boolean {
    return (this.#flags(id) & DELIVERED) !== 0;
  }

  /** True when the service rejected the event as invalid. */
  isInvalid(id: number): boolean {
    return (this.#flags(id) & INVALID) !== 0;
  }

  /**
   * Resolves when the event is persisted, rejected or marked done, or after `timeoutMs` (resolving false).
   * Used by closed-loop workers that wait for their own event.
   */
  waitFor(id: number, timeoutMs: number): Promise<boolean> {
    if (this.#flags(id) & (PERSISTED | INVALID | DONE)) return Promise.resolve(true);
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
   * its event off again. Incremental: each event is looked at once as the cutoff passes it. Chunks the cutoff
   * passed whose events are complete are released here.
   */
  overdue(cutoffMs: number, expects: (eventIx: number, phaseIx: number) => boolean): number {
    while (this.#overdueCursor < this.#size) {
      const id = this.#overdueCursor;
      const chunk = this.#chunks[id >>> CHUNK_SHIFT]!;
      const off = id & CHUNK_MASK;
      if (!(chunk.intended(off) < cutoffMs)) break;
      this.#overdueCursor++;
      const meta = chunk.meta(off);
      const flags = flagsOf(meta);
      if (!(flags & (PERSISTED | INVALID)) && expects(meta & 0xffff, (meta >>> 16) & 0xff)) {
        chunk.setMeta(off, meta | (OVERDUE << 24));
        this.#overdue++;
      }
      if (off === CHUNK_MASK) this.#passed.push(id >>> CHUNK_SHIFT);
    }
    this.#settlePassed();
    return this.#overdue;
  }

  /**
   * Events intended in `[fromMs, toMs]` whose type `confirms` (persistence is awaited) and that were neither
   * persisted nor rejected. Exact: a released event got every confirmation it awaited.
   */
  unconfirmedBetween(fromMs: number, toMs: number, confirms: (eventIx: number) => boolean): number {
    let n = 0;
    const count = (intendedMs: number, meta: number) => {
      if (intendedMs < fromMs || intendedMs > toMs || !confirms(meta & 0xffff)) return;
      if (!(flagsOf(meta) & (PERSISTED | INVALID))) n++;
    };
    for (let c = 0; c < this.#chunks.length; c++) {
      const chunk = this.#chunks[c]!;
      if (chunk instanceof SettledChunk) {
        chunk.forEachException((_off, intendedMs, meta) => count(intendedMs, meta));
        continue;
      }
      const end = Math.min(CHUNK, this.#size - c * CHUNK);
      for (let off = 0; off < end; off++) count(chunk.intendedMs[off]!, chunk.metas[off]!);
    }
    return n;
  }

  /** Bytes the tracker's storage holds (typed arrays and palettes, with a rough per-chunk overhead). */
  retainedBytes(): number {
    let bytes = this.#chunks.length * 8;
    for (const chunk of this.#chunks) bytes += chunk?.bytes() ?? 0;
    return bytes;
  }

  /** How many chunks (of `CHUNK` ids) are released, and how many events they kept whole. */
  released(): { chunks: number; exceptions: number } {
    let exceptions = 0;
    for (const chunk of this.#chunks) if (chunk instanceof SettledChunk) exceptions += chunk.exceptions;
    return { chunks: this.#settledChunks, exceptions };
  }

  #settlePassed(): void {
    if (this.#passed.length === 0) return;
    const open: number[] = [];
    for (const c of this.#passed) {
      const chunk = this.#chunks[c] as OpenChunk;
      if (chunk.incomplete > MAX_EXCEPTIONS) {
        open.push(c);
        continue;
      }
      this.#chunks[c] = new SettledChunk(chunk);
      this.#settledChunks++;
    }
    this.#passed = open;
  }

  #chunkOf(id: number): OpenChunk | SettledChunk | undefined {
    if (!(id >= 0 && id < this.#size) || !Number.isInteger(id)) return undefined;
    return this.#chunks[id >>> CHUNK_SHIFT];
  }

  #meta(id: number): number {
    return this.#chunkOf(id)?.meta(id & CHUNK_MASK) ?? 0;
  }

  #flags(id: number): number {
    return flagsOf(this.#meta(id));
  }

  #mark(id: number, bit: number): Mark {
    const chunk = this.#chunkOf(id);
    if (!chunk) return Mark.Unknown;
    const off = id & CHUNK_MASK;
    const meta = chunk.meta(off);
    const flags = flagsOf(meta);
    if (flags & bit) return Mark.Duplicate;
    if (flags & OVERDUE && bit & (PERSISTED | INVALID) && !(flags & (PERSISTED | INVALID))) this.#overdue--;
    chunk.setMeta(off, meta | (bit << 24));
    return Mark.First;
  }

  #wake(id: number): void {
    const waiter = this.#waiters.get(id);
    if (waiter) {
      this.#waiters.delete(id);
      waiter();
    }
  }
}
