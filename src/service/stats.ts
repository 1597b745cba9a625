/**
 * The service's counters and the JSON its `<prefix>._stats` subject answers.
 * @module
 */
import { REJECT_REASONS, type RejectReason } from "./validate.ts";

/** Upper bounds of the batch-size buckets: 1, 2, 4, ... 65536 events per transaction. */
export const BATCH_BUCKETS: readonly number[] = Array.from({ length: 17 }, (_, i) => 2 ** i);

/** A COMMIT slower than this (ms) is counted in `slowCommits`. */
export const SLOW_COMMIT_MS = 5;

/** The `_stats` reply (and the direct path's `stats()`). */
export interface ServiceStats {
  /** `core` (core NATS), `jetstream` (durable consumer) or `direct` (in-process v1 path). */
  mode: "core" | "jetstream" | "direct";
  /** Subject prefix; null for the direct path. */
  prefix: string | null;
  /** Process id of the service (or of the process hosting the direct path). */
  pid: number;
  /** e.g. `node 20.20.2` */
  runtime: string;
  /** SQLite driver serving the database. */
  driver: string;
  /** Time since the counters were created, ms. */
  uptimeMs: number;
  /** Event messages received, valid or not (requests excluded). */
  received: number;
  /** Events persisted by a committed transaction. */
  committed: number;
  /** Rejections by reason (events and requests). */
  invalid: Record<RejectReason, number>;
  /** Sum of `invalid`. */
  invalidTotal: number;
  /** JetStream redeliveries of already-committed events, skipped. */
  duplicates: number;
  /** `status_data` fields not on the allow-list, ignored. */
  ignoredStatusFields: number;
  /** Events whose `Bm-Id` header was malformed (stored, not accounted). */
  malformedIds: number;
  /** Committed transactions. */
  transactions: number;
  /** Transactions whose COMMIT failed (their events are counted in `lostInFailedCommits`). */
  failedCommits: number;
  /** Events of failed commits (core mode: lost; JetStream mode: redelivered later). */
  lostInFailedCommits: number;
  /** Transactions per batch size, keyed by the bucket's upper bound (`"1"`, `"2"`, `"4"`, ... `"65536"`). */
  batchSizes: Record<string, number>;
  /** Largest batch committed. */
  maxBatch: number;
  /** Longest COMMIT, ms (a WAL checkpoint or a disk stall shows here). */
  commitMsMax: number;
  /** COMMITs that took longer than {@link SLOW_COMMIT_MS}. */
  slowCommits: number;
  /** Events received but not yet committed (open transaction plus the client's pending messages). */
  queueDepth: number;
  /** Requests answered (with a result or an error). */
  requests: number;
  /** Commit notices published. */
  notices: number;
  /** recent_chat rows deleted by pruning. */
  pruned: number;
}

/** The mutable counters behind {@link ServiceStats}; the hot path increments fields directly. */
export class StatsCounters {
  /** See {@link ServiceStats.received}. */
  received = 0;
  /** See {@link ServiceStats.committed}. */
  committed = 0;
  /** See {@link ServiceStats.duplicates}. */
  duplicates = 0;
  /** See {@link ServiceStats.ignoredStatusFields}. */
  ignoredStatusFields = 0;
  /** See {@link ServiceStats.malformedIds}. */
  malformedIds = 0;
  /** See {@link ServiceStats.transactions}. */
  transactions = 0;
  /** See {@link ServiceStats.failedCommits}. */
  failedCommits = 0;
  /** See {@link ServiceStats.lostInFailedCommits}. */
  lostInFailedCommits = 0;
  /** See {@link ServiceStats.requests}. */
  requests = 0;
  /** See {@link ServiceStats.notices}. */
  notices = 0;
  /** See {@link ServiceStats.maxBatch}. */
  maxBatch = 0;
  /** See {@link ServiceStats.commitMsMax}. */
  commitMsMax = 0;
  /** See {@link ServiceStats.slowCommits}. */
  slowCommits = 0;
  /** See {@link ServiceStats.invalid}. */
  readonly invalid: Record<RejectReason, number> = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<
    RejectReason,
    number
  >;
  readonly #batches = new Array<number>(BATCH_BUCKETS.length).fill(0);
  readonly #started = performance.now();

  /** Counts one committed transaction of `size` events. */
  recordBatch(size: number): void {
    this.transactions++;
    this.committed += size;
    if (size > this.maxBatch) this.maxBatch = size;
    let i = size <= 1 ? 0 : Math.ceil(Math.log2(size));
    if (i >= this.#batches.length) i = this.#batches.length - 1;
    this.#batches[i]!++;
  }

  /** Records how long one COMMIT took. */
  recordCommitTime(ms: number): void {
    if (ms > this.commitMsMax) this.commitMsMax = ms;
    if (ms > SLOW_COMMIT_MS) this.slowCommits++;
  }

  /** Counts one rejection. */
  reject(reason: RejectReason): void {
    this.invalid[reason]++;
  }

  /** A JSON-ready snapshot; `context` supplies the fields the counters do not own. */
  snapshot(
    context: Pick<ServiceStats, "mode" | "prefix" | "pid" | "runtime" | "driver" | "queueDepth" | "pruned">,
  ): ServiceStats {
    const batchSizes: Record<string, number> = {};
    BATCH_BUCKETS.forEach((bound, i) => {
      const n = this.#batches[i]!;
      if (n > 0) batchSizes[String(bound)] = n;
    });
    let invalidTotal = 0;
    for (const reason of REJECT_REASONS) invalidTotal += this.invalid[reason];
    return {
      ...context,
      uptimeMs: Math.round(performance.now() - this.#started),
      received: this.received,
      committed: this.committed,
      invalid: { ...this.invalid },
      invalidTotal,
      duplicates: this.duplicates,
      ignoredStatusFields: this.ignoredStatusFields,
      malformedIds: this.malformedIds,
      transactions: this.transactions,
      failedCommits: this.failedCommits,
      lostInFailedCommits: this.lostInFailedCommits,
      batchSizes,
      maxBatch: this.maxBatch,
      commitMsMax: Math.round(this.commitMsMax * 1000) / 1000,
      slowCommits: this.slowCommits,
      requests: this.requests,
      notices: this.notices,
    };
  }
}
