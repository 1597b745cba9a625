/**
 * The direct (v1) path: the bot writing to SQLite in its own process, as before the bus. Same storage code, same
 * validation, same group-commit semantics as the service, so "NATS vs direct" compares like with like.
 *
 * Measuring with it: `write()` applies the event synchronously inside the open transaction and returns; the
 * transaction commits once the caller yields to the event loop (or at `batchMax` events, or on `flush()`).
 * Pass `id` (`<runId>.<seq>`, as the `Bm-Id` header) and an `onNotice` callback: each notice lists the ids that
 * transaction persisted, exactly as the service's notices do, so write→committed latency is the notice's arrival
 * time minus the write's intended time, measured with the same code for both paths.
 * @module
 */
import { runtimeInfo } from "../runtime/detect.ts";
import { ownPid } from "../runtime/host.ts";
import { EVENT_SUBJECTS, type EventKindValue, REQUEST_SUBJECTS, type RequestKindValue } from "./contract.ts";
import { DEFAULT_BATCH_MAX, DEFAULT_MAX_PAYLOAD } from "./contract.ts";
import { GroupCommitter } from "./group-commit.ts";
import type { CommitNotice } from "./notices.ts";
import { answerRequest, type RequestContext } from "./requests.ts";
import { type ServiceStats, StatsCounters } from "./stats.ts";
import { Storage } from "./storage.ts";
import type { RejectReason } from "./validate.ts";

/** Options of {@link openDirectPath}. */
export interface DirectPathOptions {
  /** Most events in one transaction (default 1000). */
  batchMax?: number;
  /** Largest payload accepted, bytes (default 64 KiB). */
  maxPayload?: number;
  /** Seconds between prunes of recent_chat (default 60). */
  pruneIntervalS?: number;
  /** Receives a notice after each transaction that involved events written with an `id`. */
  onNotice?: (notice: CommitNotice) => void;
  /** Told about rejections (already counted in stats); default: ignored. */
  onProblem?: (reason: RejectReason | "commit-failed", message: string) => void;
  /** Wall clock in ms for stored timestamps (default `Date.now`; tests pass their own). */
  clock?: () => number;
}

/** An open direct path. */
export interface DirectPath {
  /**
   * Writes one event. `subjectSuffix` is the subject after the prefix (e.g. `message.log`); an unknown one is
   * counted as `unknown-subject`. Invalid payloads are counted, never thrown.
   */
  write(subjectSuffix: string, payload: Uint8Array, id?: string): void;
  /** Answers a request subject (`messages.outbound.get`, `stats.recent_chat.get`, `_stats`) with its reply object. */
  request(subjectSuffix: string, payload?: Uint8Array): unknown;
  /** Commits what is held now; resolves when committed. */
  flush(): Promise<void>;
  /** Counters, in the same shape as the service's `_stats` (mode `direct`). */
  stats(): ServiceStats;
  /** The storage (row counts, queries, seeding). */
  readonly storage: Storage;
  /** Commits what is held and closes the database. */
  close(): Promise<void>;
}

const EVENT_KINDS = new Map(EVENT_SUBJECTS.map((s, i) => [s, i as EventKindValue]));
const REQUEST_KINDS = new Map(REQUEST_SUBJECTS.map((s, i) => [s, i as RequestKindValue]));

/** Opens (creating or migrating) the database at `dbPath` for in-process writes. */
export async function openDirectPath(dbPath: string, options: DirectPathOptions = {}): Promise<DirectPath> {
  const storage = await Storage.open(dbPath, { pruneIntervalS: options.pruneIntervalS });
  const counters = new StatsCounters();
  const maxPayload = options.maxPayload ?? DEFAULT_MAX_PAYLOAD;
  const committer = new GroupCommitter(storage, counters, {
    batchMax: options.batchMax ?? DEFAULT_BATCH_MAX,
    maxPayload,
    onNotice: options.onNotice,
    onProblem: options.onProblem,
    clock: options.clock,
  });
  const runtime = runtimeInfo();
  const stats = (): ServiceStats =>
    counters.snapshot({
      mode: "direct",
      prefix: null,
      pid: ownPid(),
      runtime: `${runtime.name} ${runtime.version}`,
      driver: storage.db.driver,
      queueDepth: committer.pending,
      pruned: storage.pruned,
    });
  const context: RequestContext = { storage, committer, counters, maxPayload, stats, clock: options.clock };
  const empty = new Uint8Array(0);
  let closed = false;
  return {
    storage,
    write(subjectSuffix, payload, id) {
      const kind = EVENT_KINDS.get(subjectSuffix);
      if (kind !== undefined) return committer.submit(kind, payload, id);
      counters.received++;
      committer.reject("unknown-subject", `no event subject \`${subjectSuffix}\``, subjectSuffix, id);
    },
    request(subjectSuffix, payload = empty) {
      const kind = REQUEST_KINDS.get(subjectSuffix);
      if (kind !== undefined) return answerRequest(context, kind, payload);
      counters.reject("unknown-subject");
      return { error: `unknown-subject: no request subject \`${subjectSuffix}\`` };
    },
    flush() {
      committer.flush();
      return Promise.resolve();
    },
    stats,
    async close() {
      if (!closed) {
        closed = true;
        committer.close();
        await storage.close();
      }
    },
  };
}
