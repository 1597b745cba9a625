/**
 * Commit notices: how the reference service tells a harness exactly which events are persisted.
 *
 * **Marking events.** A publisher that wants an event accounted for sets the NATS header
 * `Bm-Id: <runId>.<seq>` — `runId` any string without spaces (it may contain dots; the last dot separates),
 * `seq` a non-negative integer unique within the run (e.g. the worker's own counter). No send time is carried:
 * the harness keeps its own clock, so nothing depends on two clocks. Events without the header are stored the
 * same way and cost nothing extra; a malformed header is ignored (the event is still stored) and counted.
 *
 * **Notices.** Right after each COMMIT that involved a marked event, the service publishes on
 * `<prefix>._busmark.committed` one JSON object ({@link CommitNotice}):
 * `{"tx":12,"n":111,"runs":{"r1":[[1,100],[105,110]]},"invalid":{"r1":[[101,104]]}}` — `runs` holds the ids
 * persisted by that transaction as inclusive `[first, last]` ranges, `n` the number of events (marked or not) the
 * transaction persisted, `invalid` the marked events rejected as invalid (never written; counted by reason in the
 * service's `_stats`), `again` (JetStream mode only) marked events that were redelivered after they had already been
 * persisted: they produced no second row and they are NOT in `runs` again, so a harness counts an id as persisted
 * once when it appears in `runs` or in `again`, and counts a duplicate only when an id appears in `runs` twice.
 * (An `again` entry appears when the service was killed between COMMIT and acknowledging to JetStream; its first
 * notice may or may not have left the process.)
 *
 * **Services that do not publish notices.** A harness confirms persistence by reading the SQLite file while the
 * service runs (in WAL mode readers never block the writer; in the default rollback journal a writer's lock keeps
 * readers waiting, so poll off the thread that paces the load). Put the busmark id in the payload of a `message.log`
 * event, e.g. `message: "<runId>.<seq> ..."` (busmark's `{{ id }}` template), from a user other than `server` (whose
 * lines make no recent_chat row), then poll `SELECT id, message FROM recent_chat WHERE id > ? ORDER BY id` with the
 * largest id already seen: each new row is one persisted event, the time of the poll that first saw it bounds its
 * persist time (from above, with the poll interval as resolution), and an id seen twice is a duplicate. Totals:
 * `SELECT count(*) FROM recent_chat WHERE message LIKE '%<runId>.%'`; likewise one `user_count_history` row per
 * `stats.user_count` event. Prune of rows older than 150 h never touches rows of a running benchmark.
 * @module
 */

/** The header that marks an event for accounting. */
export const BM_ID_HEADER = "Bm-Id";

/** Inclusive ranges `[first, last]` of sequence numbers per run id. */
export type IdRanges = Record<string, [number, number][]>;

/** One commit notice, as published after a transaction. */
export interface CommitNotice {
  /** Transaction number since the service started (1-based). */
  tx: number;
  /** Events persisted by this transaction, marked or not. */
  n: number;
  /** Marked events persisted by this transaction. */
  runs: IdRanges;
  /** Marked events rejected as invalid since the previous notice (never written). */
  invalid?: IdRanges;
  /** JetStream redeliveries of marked events that were already persisted (no new row). */
  again?: IdRanges;
}

/** A parsed `Bm-Id`. */
export interface BmId {
  /** Run id (may contain dots). */
  run: string;
  /** Sequence number within the run. */
  seq: number;
}

/** Parses `<runId>.<seq>`; undefined when malformed. */
export function parseBmId(value: string): BmId | undefined {
  const dot = value.lastIndexOf(".");
  if (dot <= 0 || dot === value.length - 1 || value.length - dot > 16) return undefined;
  let seq = 0;
  for (let i = dot + 1; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    seq = seq * 10 + digit;
  }
  if (!Number.isSafeInteger(seq)) return undefined;
  return { run: value.slice(0, dot), seq };
}

/** Formats a `Bm-Id` header value. */
export function formatBmId(run: string, seq: number): string {
  return `${run}.${seq}`;
}

/** Collects ids into coalesced ranges per run; reusable after {@link RangeCollector.clear}. */
export class RangeCollector {
  /** Flat `[first, last, first, last, ...]` per run. */
  readonly #runs = new Map<string, number[]>();
  #size = 0;

  /** Adds one id. Consecutive ids extend the last range of their run. */
  add(run: string, seq: number): void {
    this.#size++;
    const flat = this.#runs.get(run);
    if (flat === undefined) {
      this.#runs.set(run, [seq, seq]);
      return;
    }
    const last = flat.length - 1;
    if (flat[last] === seq - 1) flat[last] = seq;
    else flat.push(seq, seq);
  }

  /** Number of ids added since the last clear. */
  get size(): number {
    return this.#size;
  }

  /**
   * The ranges, sorted and merged per run. An id added twice (an event stored twice in one transaction) stays in two
   * ranges, so the harness counts the duplicate as it would across two notices.
   */
  toRanges(): IdRanges {
    const out: IdRanges = {};
    for (const [run, flat] of this.#runs) {
      const pairs: [number, number][] = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
      out[run] = mergeRangesKeepingRepeats(pairs);
    }
    return out;
  }

  /** Forgets every id. */
  clear(): void {
    this.#runs.clear();
    this.#size = 0;
  }
}

/** Sorts ranges and merges overlapping or adjacent ones. */
export function mergeRanges(pairs: [number, number][]): [number, number][] {
  let canonical = true;
  for (let i = 1; i < pairs.length; i++) if (pairs[i]![0] <= pairs[i - 1]![1] + 1) canonical = false;
  if (canonical) return pairs;
  const copy = [...pairs].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [first, last] of copy) {
    const top = out[out.length - 1];
    if (top && first <= top[1] + 1) top[1] = Math.max(top[1], last);
    else out.push([first, last]);
  }
  return out;
}

/**
 * Like {@link mergeRanges}, but an id covered by several ranges is kept that many times: overlapping ranges are
 * split into layers (`[1,3]` and `[2,2]` stay `[1,3]`, `[2,2]`), adjacent ones still merge.
 */
export function mergeRangesKeepingRepeats(pairs: [number, number][]): [number, number][] {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  let overlap = false;
  let reach = -Infinity;
  for (const [first, last] of sorted) {
    if (first <= reach) overlap = true;
    reach = Math.max(reach, last);
  }
  if (!overlap) return mergeRanges(pairs);
  const ids: number[] = [];
  for (const [first, last] of sorted) for (let id = first; id <= last; id++) ids.push(id);
  ids.sort((a, b) => a - b);
  // Each id extends the first layer that ends just before it, else opens a new layer.
  const layers: [number, number][] = [];
  const open = new Map<number, number[]>(); // last id → indexes of layers ending there
  for (const id of ids) {
    const ending = open.get(id - 1);
    const index = ending?.shift();
    if (ending?.length === 0) open.delete(id - 1);
    if (index === undefined) {
      layers.push([id, id]);
      open.set(id, [...(open.get(id) ?? []), layers.length - 1]);
    } else {
      layers[index]![1] = id;
      open.set(id, [...(open.get(id) ?? []), index]);
    }
  }
  return layers;
}

/** Calls `fn` for every id in the ranges, run by run, in order. */
export function forEachId(ranges: IdRanges, fn: (run: string, seq: number) => void): void {
  for (const run of Object.keys(ranges)) {
    for (const [first, last] of ranges[run]!) for (let seq = first; seq <= last; seq++) fn(run, seq);
  }
}

/** Number of ids in the ranges. */
export function countIds(ranges: IdRanges | undefined): number {
  let total = 0;
  if (!ranges) return 0;
  for (const run of Object.keys(ranges)) for (const [first, last] of ranges[run]!) total += last - first + 1;
  return total;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes a notice as UTF-8 JSON. */
export function encodeNotice(notice: CommitNotice): Uint8Array {
  return encoder.encode(JSON.stringify(notice));
}

/** Error for a payload that is not a commit notice. */
export class NoticeDecodeError extends TypeError {
  /** The offending payload, as text (truncated to 200 characters). */
  readonly payload: string;
  /** Creates the error. */
  constructor(reason: string, payload: string) {
    super(`Cannot decode commit notice: ${reason}`);
    this.name = "NoticeDecodeError";
    this.payload = payload.slice(0, 200);
  }
}

function checkRanges(value: unknown, field: string, text: string): IdRanges | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new NoticeDecodeError(`\`${field}\` is not an object`, text);
  }
  for (const [run, pairs] of Object.entries(value)) {
    const ok = Array.isArray(pairs) &&
      pairs.every((p) =>
        Array.isArray(p) && p.length === 2 && Number.isSafeInteger(p[0]) && Number.isSafeInteger(p[1]) && p[0] <= p[1]
      );
    if (!ok) throw new NoticeDecodeError(`\`${field}.${run}\` is not a list of [first, last] ranges`, text);
  }
  return value as IdRanges;
}

/** Decodes and checks a notice; throws {@link NoticeDecodeError} when the payload is not one. */
export function decodeNotice(data: Uint8Array): CommitNotice {
  const text = decoder.decode(data);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new NoticeDecodeError("not JSON", text);
  }
  if (typeof value !== "object" || value === null) throw new NoticeDecodeError("not an object", text);
  const obj = value as Record<string, unknown>;
  if (!Number.isSafeInteger(obj.tx) || !Number.isSafeInteger(obj.n)) {
    throw new NoticeDecodeError("`tx` and `n` must be integers", text);
  }
  const notice: CommitNotice = {
    tx: obj.tx as number,
    n: obj.n as number,
    runs: checkRanges(obj.runs, "runs", text) ?? {},
  };
  const invalid = checkRanges(obj.invalid, "invalid", text);
  if (invalid) notice.invalid = invalid;
  const again = checkRanges(obj.again, "again", text);
  if (again) notice.again = again;
  return notice;
}
