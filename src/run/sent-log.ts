/**
 * What a run sent of one event type that a `recent` reply check refers to: in send order, each event's tracker id
 * (all of them, 4 bytes each) and the compared values of the newest `capacity` events (a ring), read once from the
 * payload bytes as they were published. Only event types a check names keep one.
 * @module
 */
import { parsePointer, resolveTokens } from "../text/json-pointer.ts";

const decoder = new TextDecoder();

/** The compared value of a payload at `tokens`, as canonical text; undefined when it has none. */
export function comparedValue(value: unknown, tokens: readonly string[]): string | undefined {
  const found = resolveTokens(value, tokens);
  return found.found ? JSON.stringify(found.value) : undefined;
}

/** The sent events of one type, in send order. */
export class SentLog {
  readonly #tokens: string[][];
  readonly #capacity: number;
  /** [pointer][i % capacity] */
  readonly #values: (string | undefined)[][];
  #ids = new Int32Array(1024);
  #count = 0;
  #confirmed = 0;

  /** A log of the values at `pointers`, keeping the newest `capacity` of each. */
  constructor(pointers: readonly string[], capacity: number) {
    this.#tokens = pointers.map((p) => parsePointer(p) ?? []);
    this.#capacity = Math.max(1, capacity);
    this.#values = pointers.map(() => new Array<string | undefined>(this.#capacity));
  }

  /** Events recorded. */
  get count(): number {
    return this.#count;
  }

  /** Index of the oldest event whose values are still kept. */
  get oldest(): number {
    return Math.max(0, this.#count - this.#capacity);
  }

  /** Records one sent event: its tracker id and payload bytes. */
  record(id: number, payload: Uint8Array): void {
    let value: unknown;
    try {
      value = JSON.parse(decoder.decode(payload));
    } catch {
      value = undefined;
    }
    const i = this.#count;
    if (i === this.#ids.length) {
      const ids = new Int32Array(i * 2);
      ids.set(this.#ids);
      this.#ids = ids;
    }
    this.#ids[i] = id;
    const slot = i % this.#capacity;
    for (let p = 0; p < this.#tokens.length; p++) this.#values[p]![slot] = comparedValue(value, this.#tokens[p]!);
    this.#count = i + 1;
  }

  /** The value at pointer `p` of the i-th event, while kept. */
  at(p: number, i: number): string | undefined {
    if (i < this.oldest || i >= this.#count) return undefined;
    return this.#values[p]![i % this.#capacity];
  }

  /**
   * The length of the longest prefix of recorded events that `persisted` says are all confirmed; incremental (a
   * confirmed event stays confirmed).
   */
  confirmedPrefix(persisted: (id: number) => boolean): number {
    while (this.#confirmed < this.#count && persisted(this.#ids[this.#confirmed]!)) this.#confirmed++;
    return this.#confirmed;
  }
}
