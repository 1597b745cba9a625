/**
 * Group commit, independent of NATS (the service and the direct path both use it).
 *
 * Each event is decoded, checked and applied on arrival inside an open transaction (begun by the first event).
 * The transaction is committed from a `setImmediate` callback, i.e. as soon as the runtime has handed over every
 * message that had already arrived — no timer wait: an idle service commits a lone event at once, a busy one
 * commits everything that arrived while it was busy in one transaction, capped at `batchMax` events (reaching the
 * cap commits at once). Consecutive `message.log` events are held in a short run and written together (multi-row
 * INSERT) before any other kind, before a commit, and every 16 events, so the rows and their order are exactly those
 * of applying them one by one. After each COMMIT the marked events' ids go out in a commit notice and JetStream messages are
 * acknowledged; a failed COMMIT rolls back and negatively acknowledges them instead.
 * @module
 */
import { DEFAULT_BATCH_MAX, DEFAULT_MAX_PAYLOAD, EVENT_SUBJECTS, EventKind, type EventKindValue } from "./contract.ts";
import { type CommitNotice, parseBmId, RangeCollector } from "./notices.ts";
import type { StatsCounters } from "./stats.ts";
import { CHAT_ROWS_PER_INSERT, ChatRun } from "./chat-run.ts";
import type { Storage } from "./storage.ts";
import { checkEvent, decodeObject, Rejection, type RejectReason } from "./validate.ts";

/** Most message.log events held in one run before it is written. */
const CHAT_RUN_MAX = CHAT_ROWS_PER_INSERT;

/** A message that must be settled after its transaction (a JetStream message). */
export interface Settle {
  /** Acknowledges: done, do not redeliver. */
  ack(): void;
  /** Negative acknowledgement: redeliver. */
  nak(): void;
}

/** Options of {@link GroupCommitter}. */
export interface GroupCommitOptions {
  /** Most events in one transaction (default 1000). */
  batchMax?: number;
  /** Largest payload accepted, bytes (default 64 KiB). */
  maxPayload?: number;
  /** Receives each commit notice (only when marked events were involved). */
  onNotice?: (notice: CommitNotice) => void;
  /** Told about every rejection (and failed commit), for rate-limited logging. */
  onProblem?: (reason: RejectReason | "commit-failed", message: string) => void;
  /** Runs a callback once the runtime has delivered pending I/O (default `setImmediate`). */
  schedule?: (callback: () => void) => void;
  /** Wall clock in ms, for the stored timestamps (default `Date.now`). */
  clock?: () => number;
}

/** Batches events into transactions over one {@link Storage}. */
export class GroupCommitter {
  readonly #storage: Storage;
  readonly #stats: StatsCounters;
  readonly #batchMax: number;
  readonly #maxPayload: number;
  readonly #onNotice: ((notice: CommitNotice) => void) | undefined;
  readonly #onProblem: (reason: RejectReason | "commit-failed", message: string) => void;
  readonly #schedule: (callback: () => void) => void;
  readonly #clock: () => number;
  readonly #tick = () => {
    this.#scheduled = false;
    this.flush();
  };
  readonly #committedIds = new RangeCollector();
  readonly #invalidIds = new RangeCollector();
  readonly #againIds = new RangeCollector();
  readonly #settleApplied: Settle[] = [];
  readonly #settleOther: Settle[] = [];
  readonly #chat = new ChatRun();
  readonly #chatIds: (string | undefined)[] = [];
  readonly #chatSettles: (Settle | undefined)[] = [];
  #open = false;
  #scheduled = false;
  #count = 0;
  #closed = false;

  /** Creates a committer; nothing happens until the first {@link submit}. */
  constructor(storage: Storage, stats: StatsCounters, options: GroupCommitOptions = {}) {
    this.#storage = storage;
    this.#stats = stats;
    this.#batchMax = Math.max(1, options.batchMax ?? DEFAULT_BATCH_MAX);
    this.#maxPayload = options.maxPayload ?? DEFAULT_MAX_PAYLOAD;
    this.#onNotice = options.onNotice;
    this.#onProblem = options.onProblem ?? (() => {});
    this.#schedule = options.schedule ?? ((callback) => setImmediate(callback));
    this.#clock = options.clock ?? Date.now;
  }

  /** Events taken into the open transaction, not yet committed. */
  get pending(): number {
    return this.#count + this.#chat.length;
  }

  /**
   * Takes one event: decodes, checks and applies it, or counts it as rejected. Never throws.
   * @param kind the event kind (from the subject)
   * @param data the raw payload
   * @param id the `Bm-Id` header value, when present
   * @param dedupSeq JetStream stream sequence: the event is applied only if this sequence never was
   * @param settle JetStream message to acknowledge after the commit
   */
  submit(kind: EventKindValue, data: Uint8Array, id?: string, dedupSeq?: number, settle?: Settle): void {
    if (this.#closed) return;
    this.#stats.received++;
    const obj = decodeObject(data, this.#maxPayload);
    if (obj instanceof Rejection) return this.#rejected(obj, EVENT_SUBJECTS[kind]!, id, settle);
    const problem = checkEvent(kind, obj);
    if (problem) return this.#rejected(problem, EVENT_SUBJECTS[kind]!, id, settle);
    try {
      if (!this.#open) {
        this.#storage.begin();
        this.#open = true;
      }
      if (dedupSeq !== undefined && !this.#storage.markApplied(dedupSeq)) {
        this.#stats.duplicates++;
        if (id !== undefined) this.#addId(this.#againIds, id);
        if (settle) this.#settleOther.push(settle);
        this.#scheduleFlush();
        return;
      }
      const nowS = Math.floor(this.#clock() / 1000);
      if (kind === EventKind.MessageLog) {
        const i = this.#chat.length;
        this.#chat.push(obj.username as string, obj.message as string, nowS);
        this.#chatIds[i] = id;
        this.#chatSettles[i] = settle;
        if (this.#chat.length >= CHAT_RUN_MAX) this.#flushChat();
      } else {
        if (this.#chat.length > 0) this.#flushChat();
        this.#stats.ignoredStatusFields += this.#storage.applyEvent(kind, obj, nowS);
        this.#applied(id, settle);
      }
    } catch (error) {
      return this.#rejected(
        new Rejection("storage-error", (error as Error).message),
        EVENT_SUBJECTS[kind]!,
        id,
        settle,
      );
    }
    if (this.pending >= this.#batchMax) this.flush();
    else this.#scheduleFlush();
  }

  #applied(id: string | undefined, settle: Settle | undefined): void {
    this.#count++;
    if (id !== undefined) this.#addId(this.#committedIds, id);
    if (settle) this.#settleApplied.push(settle);
  }

  /** Writes the held message.log run; when that fails, retries event by event so each failure is attributed. */
  #flushChat(): void {
    const run = this.#chat;
    const n = run.length;
    if (n === 0) return;
    try {
      this.#storage.applyChatRun(run);
      for (let i = 0; i < n; i++) this.#applied(this.#chatIds[i], this.#chatSettles[i]);
    } catch {
      for (let i = 0; i < n; i++) {
        try {
          this.#storage.applyEvent(
            EventKind.MessageLog,
            { username: run.usernames[i], message: run.messages[i] },
            run.times[i]!,
          );
          this.#applied(this.#chatIds[i], this.#chatSettles[i]);
        } catch (error) {
          this.#rejected(
            new Rejection("storage-error", (error as Error).message),
            EVENT_SUBJECTS[EventKind.MessageLog]!,
            this.#chatIds[i],
            this.#chatSettles[i],
          );
        }
      }
    }
    run.clear();
    this.#chatIds.length = 0;
    this.#chatSettles.length = 0;
  }

  /**
   * Counts a message rejected before it reached {@link submit} (e.g. an unknown subject), with its id in the next
   * notice's `invalid` ranges.
   */
  reject(reason: RejectReason, detail: string, subject: string, id?: string, settle?: Settle): void {
    if (this.#closed) return;
    this.#rejected(new Rejection(reason, detail), subject, id, settle);
  }

  #rejected(rejection: Rejection, subject: string, id: string | undefined, settle: Settle | undefined): void {
    this.#stats.reject(rejection.reason);
    this.#onProblem(rejection.reason, `Cannot store ${subject} (${rejection.reason}): ${rejection.detail}`);
    if (id !== undefined) this.#addId(this.#invalidIds, id);
    if (settle) this.#settleOther.push(settle);
    if (id !== undefined || settle) this.#scheduleFlush();
  }

  #addId(collector: RangeCollector, id: string): void {
    const parsed = parseBmId(id);
    if (parsed) collector.add(parsed.run, parsed.seq);
    else this.#stats.malformedIds++;
  }

  #scheduleFlush(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(this.#tick);
  }

  /** Commits the open transaction now (if any), then publishes its notice and settles its messages. */
  flush(): void {
    this.#flushChat();
    const count = this.#count;
    if (this.#open) {
      this.#open = false;
      this.#count = 0;
      const started = performance.now();
      try {
        this.#storage.commit();
        this.#stats.recordCommitTime(performance.now() - started);
      } catch (error) {
        this.#storage.rollback();
        this.#stats.failedCommits++;
        this.#stats.lostInFailedCommits += count;
        this.#onProblem("commit-failed", `Cannot commit ${count} events: ${(error as Error).message}`);
        this.#settleAll(this.#settleApplied, false);
        this.#committedIds.clear();
        this.#settleAll(this.#settleOther);
        this.#publish(0);
        return;
      }
      if (count > 0) this.#stats.recordBatch(count);
    }
    this.#publish(count);
    this.#settleAll(this.#settleApplied);
    this.#settleAll(this.#settleOther);
  }

  #publish(count: number): void {
    if (this.#committedIds.size === 0 && this.#invalidIds.size === 0 && this.#againIds.size === 0) return;
    const notice: CommitNotice = { tx: this.#stats.transactions, n: count, runs: this.#committedIds.toRanges() };
    if (this.#invalidIds.size > 0) notice.invalid = this.#invalidIds.toRanges();
    if (this.#againIds.size > 0) notice.again = this.#againIds.toRanges();
    this.#committedIds.clear();
    this.#invalidIds.clear();
    this.#againIds.clear();
    if (this.#onNotice) {
      this.#stats.notices++;
      this.#onNotice(notice);
    }
  }

  #settleAll(list: Settle[], ack = true): void {
    for (const settle of list) {
      try {
        if (ack) settle.ack();
        else settle.nak();
      } catch {
        // the connection is gone: the server redelivers, and the dedup table makes that harmless
      }
    }
    list.length = 0;
  }

  /** Commits what is held and refuses further events. */
  close(): void {
    this.flush();
    this.#closed = true;
  }
}
