/**
 * The storage of {@link EventTracker}: ids in chunks of {@link CHUNK}. A chunk starts *open* (every event's intended
 * time and its meta word in typed arrays, 13 bytes an event); once the overdue sweep has passed all its ids and
 * nearly all of them are complete (every confirmation they await arrived), it is *settled*: the intended times go,
 * and each event keeps only its meta word (event type, phase, flags) as an index into the chunk's palette of
 * distinct words, bit-packed at 0 to 16 bits an event (0 when every event of the chunk looks the same, the usual
 * case). The few events still incomplete keep everything, as exceptions, so a late confirmation is exact.
 *
 * A meta word packs an event: type in bits 0-15, phase in bits 16-23, flags in bits 24-29.
 * @module
 */

/** log2 of the number of ids in a chunk. */
export const CHUNK_SHIFT = 14;
/** Ids in a chunk. */
export const CHUNK = 1 << CHUNK_SHIFT;
/** The offset of an id in its chunk: `id & CHUNK_MASK`. */
export const CHUNK_MASK = CHUNK - 1;
/** At most this many incomplete events of a passed chunk go into exceptions; more keep the chunk open. */
export const MAX_EXCEPTIONS = CHUNK >> 3;

/** Flag bits (bits 24-29 of a meta word, shifted down). */
export const SENT = 1;
/** Delivered to busmark's probe. */
export const DELIVERED = 2;
/** Persisted. */
export const PERSISTED = 4;
/** Rejected as invalid. */
export const INVALID = 8;
/** Finished for a closed-loop waiter. */
export const DONE = 16;
/** Unconfirmed when its grace ran out (counted by the overdue sweep). */
export const OVERDUE = 32;

/** Rough heap cost of one chunk object and its slot, beside its typed arrays (for {@link Chunk.bytes}). */
const OBJECT_BYTES = 96;

/** A meta word. */
export function metaOf(eventIx: number, phaseIx: number, flags: number): number {
  return (eventIx & 0xffff) | ((phaseIx & 0xff) << 16) | ((flags & 0x3f) << 24);
}

/** The flags of a meta word. */
export function flagsOf(meta: number): number {
  return meta >>> 24;
}

/**
 * Whether `flags` hold every confirmation `awaits` names (0 awaits something unknown: never complete). A wait for
 * {@link PERSISTED} is met by a persistence only: a rejected event could still be persisted later (and its latency
 * recorded), so it is kept whole.
 */
export function isComplete(flags: number, awaits: number): boolean {
  if (awaits === 0) return false;
  if (awaits & DELIVERED && !(flags & DELIVERED)) return false;
  if (awaits & PERSISTED && !(flags & PERSISTED)) return false;
  return !(awaits & DONE && !(flags & DONE));
}

/** The events of one chunk, open or settled. */
export interface Chunk {
  /** The meta word of the event at `off`. */
  meta(off: number): number;
  /** Replaces the meta word of the event at `off`. */
  setMeta(off: number, meta: number): void;
  /** The intended time of the event at `off`; once released, the chunk's newest intended time. */
  intended(off: number): number;
  /** Bytes of typed arrays it holds, plus a rough object overhead. */
  bytes(): number;
}

/** A chunk still holding every event's intended time and meta word. */
export class OpenChunk implements Chunk {
  /** Intended send time of each event (ms on the run clock). */
  readonly intendedMs = new Float64Array(CHUNK);
  /** Meta word of each event (see {@link metaOf}). */
  readonly metas = new Uint32Array(CHUNK);
  /** What each event awaits before it is complete (0: unknown). */
  readonly awaits = new Uint8Array(CHUNK);
  /** Events added that are not complete. */
  incomplete = 0;

  /** @inheritdoc */
  meta(off: number): number {
    return this.metas[off]!;
  }

  /** Replaces a meta word and keeps {@link incomplete} up to date. */
  setMeta(off: number, meta: number): void {
    const awaits = this.awaits[off]!;
    const was = isComplete(flagsOf(this.metas[off]!), awaits);
    this.metas[off] = meta;
    const is = isComplete(flagsOf(meta), awaits);
    if (was !== is) this.incomplete += is ? -1 : 1;
  }

  /** @inheritdoc */
  intended(off: number): number {
    return this.intendedMs[off]!;
  }

  /** @inheritdoc */
  bytes(): number {
    return this.intendedMs.byteLength + this.metas.byteLength + this.awaits.byteLength + OBJECT_BYTES;
  }
}

/** The few incomplete events of a settled chunk, all they had, sorted by offset. */
interface Exceptions {
  offsets: Uint16Array;
  intendedMs: Float64Array;
  metas: Uint32Array;
}

/** A chunk whose complete events keep only their meta word, as a bit-packed index into a palette. */
export class SettledChunk implements Chunk {
  /** The distinct meta words of the chunk's complete events. */
  #palette: number[] = [];
  /** Bits an index: 0, 1, 2, 4, 8 or 16. */
  #bits = 0;
  #packed: Uint32Array | null = null;
  readonly #exceptions: Exceptions | null;
  /** The newest intended time of the chunk: what a released event's intended time reads as (see `intended`). */
  readonly #newestMs: number;

  /** Settles an open chunk whose every id was added: its incomplete events become exceptions. */
  constructor(open: OpenChunk) {
    let newest = Number.NEGATIVE_INFINITY;
    for (let off = 0; off < CHUNK; off++) newest = Math.max(newest, open.intendedMs[off]!);
    this.#newestMs = newest;
    const n = open.incomplete;
    this.#exceptions = n === 0 ? null : {
      offsets: new Uint16Array(n),
      intendedMs: new Float64Array(n),
      metas: new Uint32Array(n),
    };
    let e = 0;
    for (let off = 0; off < CHUNK; off++) {
      const meta = open.metas[off]!;
      if (isComplete(flagsOf(meta), open.awaits[off]!)) {
        this.#write(off, meta);
      } else {
        const x = this.#exceptions!;
        x.offsets[e] = off;
        x.intendedMs[e] = open.intendedMs[off]!;
        x.metas[e] = meta;
        e++;
      }
    }
  }

  /** Number of exceptions (events kept whole). */
  get exceptions(): number {
    return this.#exceptions?.offsets.length ?? 0;
  }

  /** @inheritdoc */
  meta(off: number): number {
    const x = this.#exceptionAt(off);
    if (x >= 0) return this.#exceptions!.metas[x]!;
    return this.#palette[this.#index(off)] ?? 0;
  }

  /** @inheritdoc */
  setMeta(off: number, meta: number): void {
    const x = this.#exceptionAt(off);
    if (x >= 0) this.#exceptions!.metas[x] = meta;
    else this.#write(off, meta);
  }

  /**
   * The intended time of an exception. A complete event's was released: it reads as the chunk's newest intended
   * time, a lower bound of the latency of a confirmation it never awaited (the one case the tracker cannot be exact
   * about; every confirmation an event awaits arrived before it was released).
   */
  intended(off: number): number {
    const x = this.#exceptionAt(off);
    return x >= 0 ? this.#exceptions!.intendedMs[x]! : this.#newestMs;
  }

  /** Calls `fn` with each exception's id offset, intended time and meta word. */
  forEachException(fn: (off: number, intendedMs: number, meta: number) => void): void {
    const x = this.#exceptions;
    if (!x) return;
    for (let i = 0; i < x.offsets.length; i++) fn(x.offsets[i]!, x.intendedMs[i]!, x.metas[i]!);
  }

  /** @inheritdoc */
  bytes(): number {
    const x = this.#exceptions;
    const exceptions = x ? x.offsets.byteLength + x.intendedMs.byteLength + x.metas.byteLength : 0;
    return (this.#packed?.byteLength ?? 0) + this.#palette.length * 8 + exceptions + OBJECT_BYTES;
  }

  #exceptionAt(off: number): number {
    const x = this.#exceptions;
    if (!x) return -1;
    let lo = 0;
    let hi = x.offsets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = x.offsets[mid]!;
      if (v === off) return mid;
      if (v < off) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  #index(off: number): number {
    if (this.#bits === 0) return 0;
    const bit = off * this.#bits;
    return (this.#packed![bit >>> 5]! >>> (bit & 31)) & ((1 << this.#bits) - 1);
  }

  #write(off: number, meta: number): void {
    let ix = this.#palette.indexOf(meta);
    if (ix < 0) {
      ix = this.#palette.push(meta) - 1;
      if (ix === 0) return; // the first word: index 0 everywhere
      if (ix >= 1 << this.#bits) this.#widen();
    }
    if (this.#bits === 0) return;
    const bit = off * this.#bits;
    const mask = ((1 << this.#bits) - 1) << (bit & 31);
    const w = bit >>> 5;
    this.#packed![w] = (this.#packed![w]! & ~mask) | ((ix << (bit & 31)) & mask);
  }

  /** Doubles the bits an index (0 → 1), repacking what is there. */
  #widen(): void {
    const old = this.#packed;
    const oldBits = this.#bits;
    const bits = oldBits === 0 ? 1 : oldBits * 2;
    const packed = new Uint32Array((CHUNK * bits) >>> 5);
    if (old) {
      for (let off = 0; off < CHUNK; off++) {
        const ob = off * oldBits;
        const ix = (old[ob >>> 5]! >>> (ob & 31)) & ((1 << oldBits) - 1);
        const nb = off * bits;
        packed[nb >>> 5] = packed[nb >>> 5]! | (ix << (nb & 31));
      }
    }
    this.#packed = packed;
    this.#bits = bits;
  }
}
