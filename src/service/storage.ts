/**
 * The storage of the database service, shared by the NATS service and the in-process direct (v1) path:
 * its statements (prepared once, see `statements.ts`), one method per event kind, the transaction calls, and the
 * queries.
 * Times are integer seconds, as in the original. Nothing here knows about NATS or batching.
 * @module
 */
import { type Checkpointer, startCheckpointer } from "../runtime/checkpointer.ts";
import { openDatabase, type SqliteDatabase, type SqliteStatement, type SqlValue } from "../runtime/sqlite.ts";
import {
  DEFAULT_PRUNE_INTERVAL_S,
  EventKind,
  type EventKindValue,
  RECENT_CHAT_RETENTION_S,
  STATUS_COLUMNS,
} from "./contract.ts";
import { CHAT_ROWS_PER_INSERT, type ChatRun } from "./chat-run.ts";
import { applySchema } from "./schema.ts";
import { prepareStatements, type Statements } from "./statements.ts";
import type { JsonObject } from "./validate.ts";

/** Options of {@link Storage.open}. */
export interface StorageOptions {
  /** Seconds between two prunes of recent_chat (default 60). */
  pruneIntervalS?: number;
  /**
   * Run WAL checkpoints on a background thread (default true), so a COMMIT never waits for a checkpoint's fsyncs;
   * the writer's own automatic checkpoint then only acts as a safety net at {@link SAFETY_CHECKPOINT_PAGES}.
   */
  backgroundCheckpoint?: boolean;
}

/** WAL size (pages) at which the writer checkpoints itself when the background checkpointer runs. */
export const SAFETY_CHECKPOINT_PAGES = 10_000;

/** A row of `stats.recent_chat.get`'s reply. */
export interface ChatRow {
  /** Seconds. */
  timestamp: number;
  /** Who wrote it. */
  username: string;
  /** The line. */
  message: string;
}

/** A row of `messages.outbound.get`'s reply. */
export interface OutboundRow {
  /** Row id (what `mark_sent` takes). */
  id: number;
  /** Enqueue time, seconds. */
  timestamp: number;
  /** Text to send. */
  message: string;
  /** Failed attempts so far. */
  retry_count: number;
  /** Error of the last failed attempt. */
  last_error: string | null;
}

const STATUS_ALLOWED = new Set(STATUS_COLUMNS.map((c) => c.name));

function isServer(username: string): boolean {
  return username.length === 6 && username.toLowerCase() === "server";
}

/** The prepared statements and the operations on one database file. */
export class Storage {
  /** The connection (tests and the harness may query it). */
  readonly db: SqliteDatabase;
  readonly #pruneIntervalS: number;
  #checkpointer: Checkpointer | undefined;
  #nextPruneAt = 0;
  #pruned = 0;
  readonly #statusStatements = new Map<number, SqliteStatement>();
  readonly #s: Statements;
  readonly #chatInserts: SqliteStatement[] = [];
  readonly #chatParams: SqlValue[][] = [];
  readonly #counts = new Map<string, SqliteStatement>();

  /** Opens (creating or migrating) the database at `path`. */
  static async open(path: string, options: StorageOptions = {}): Promise<Storage> {
    const db = await openDatabase(path);
    try {
      applySchema(db, Math.floor(Date.now() / 1000));
      const storage = new Storage(db, options);
      if (options.backgroundCheckpoint ?? true) {
        db.exec(`PRAGMA wal_autocheckpoint = ${SAFETY_CHECKPOINT_PAGES}`);
        storage.#checkpointer = startCheckpointer(path);
      }
      return storage;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Prepares every statement on an open connection whose schema is applied. */
  constructor(db: SqliteDatabase, options: StorageOptions = {}) {
    this.db = db;
    this.#pruneIntervalS = options.pruneIntervalS ?? DEFAULT_PRUNE_INTERVAL_S;
    this.#s = prepareStatements(db);
  }

  /** Starts a transaction. */
  begin(): void {
    this.#s.begin.run();
  }

  /** Commits the open transaction. */
  commit(): void {
    this.#s.commit.run();
  }

  /** Rolls the open transaction back; ignores the error when none is open. */
  rollback(): void {
    try {
      this.#s.rollback.run();
    } catch {
      // no transaction was open
    }
  }

  /**
   * Applies one validated event at time `nowS` (seconds). Returns how many `status_data` fields were ignored
   * because they are not allow-listed (0 for other kinds).
   */
  applyEvent(kind: EventKindValue, obj: JsonObject, nowS: number): number {
    switch (kind) {
      case EventKind.UserJoined: {
        this.#s.userJoined.run(obj.username as string, nowS, nowS, nowS);
        return 0;
      }
      case EventKind.UserLeft: {
        this.#s.userLeft.run(nowS, nowS, obj.username as string);
        return 0;
      }
      case EventKind.MessageLog: {
        const username = obj.username as string;
        this.#s.chatLine.run(nowS, username);
        if (!isServer(username)) {
          this.#s.chatInsert.run(nowS, username, obj.message as string);
          if (nowS >= this.#nextPruneAt) this.prune(nowS);
        }
        return 0;
      }
      case EventKind.UserCount: {
        this.#s.userCount.run(nowS, obj.chat_count as number, obj.connected_count as number);
        return 0;
      }
      case EventKind.HighWater: {
        const chat = obj.chat_count as number;
        this.#s.highUsers.run(chat, nowS, nowS, chat);
        const connected = obj.connected_count;
        if (typeof connected === "number" && connected > 0) {
          this.#s.highConnected.run(connected, nowS, nowS, connected);
        }
        return 0;
      }
      case EventKind.StatusUpdate:
        return this.#applyStatus(obj.status_data as JsonObject, nowS);
      case EventKind.MarkSent: {
        this.#s.markSent.run(nowS, obj.message_id as number);
        return 0;
      }
    }
    return 0;
  }

  /**
   * Applies a run of `message.log` events inside the open transaction, all or nothing (a savepoint): the
   * user_stats updates one by one, the recent_chat rows with multi-row INSERTs. On error nothing of the run is
   * kept and the error is rethrown (the caller retries event by event to find the culprit).
   */
  applyChatRun(run: ChatRun): void {
    this.#s.savepoint.run();
    try {
      const { usernames, times } = run;
      let pending = 0;
      let start = 0;
      for (let i = 0; i < run.length; i++) {
        this.#s.chatLine.run(times[i]!, usernames[i]!);
      }
      for (let i = 0; i < run.length; i++) {
        if (!isServer(usernames[i]!) && ++pending === CHAT_ROWS_PER_INSERT) {
          this.#insertChat(run, start, i + 1, pending);
          pending = 0;
          start = i + 1;
        }
      }
      this.#insertChat(run, start, run.length, pending);
      const last = times[run.length - 1];
      if (last !== undefined && last >= this.#nextPruneAt) this.prune(last);
      this.#s.release.run();
    } catch (error) {
      this.#s.rollbackTo.run();
      this.#s.release.run();
      throw error;
    }
  }

  /** Inserts the `rows` non-server events of `run` from index `from` to `to` (exclusive) with one statement. */
  #insertChat(run: ChatRun, from: number, to: number, rows: number): void {
    if (rows === 0) return;
    let statement = this.#chatInserts[rows];
    let params = this.#chatParams[rows];
    if (!statement || !params) {
      const values = Array.from({ length: rows }, () => "(?, ?, ?)").join(", ");
      statement = this.db.prepare(`INSERT INTO recent_chat (timestamp, username, message) VALUES ${values}`);
      params = new Array<SqlValue>(rows * 3);
      this.#chatInserts[rows] = statement;
      this.#chatParams[rows] = params;
    }
    let p = 0;
    for (let i = from; i < to; i++) {
      const username = run.usernames[i]!;
      if (isServer(username)) continue;
      params[p++] = run.times[i]!;
      params[p++] = username;
      params[p++] = run.messages[i]!;
    }
    statement.run(...params);
  }

  #applyStatus(data: JsonObject, nowS: number): number {
    let mask = 0;
    const params: SqlValue[] = [];
    STATUS_COLUMNS.forEach((column, i) => {
      const value = data[column.name];
      if (value === undefined) return;
      mask |= 1 << i;
      params.push(typeof value === "boolean" ? (value ? 1 : 0) : value as SqlValue);
    });
    let ignored = 0;
    for (const key in data) if (!STATUS_ALLOWED.has(key)) ignored++;
    if (mask === 0) return ignored;
    let statement = this.#statusStatements.get(mask);
    if (!statement) {
      const sets = STATUS_COLUMNS.filter((_, i) => (mask & (1 << i)) !== 0).map((c) => `${c.name} = ?`);
      statement = this.db.prepare(`UPDATE current_status SET ${sets.join(", ")}, last_updated = ? WHERE id = 1`);
      this.#statusStatements.set(mask, statement);
    }
    params.push(nowS);
    statement.run(...params);
    return ignored;
  }

  /**
   * Records a JetStream stream sequence as applied, inside the open transaction. False when it already was
   * (a redelivery of a committed event, which must not be applied again).
   */
  markApplied(seq: number): boolean {
    return this.#s.applied.run(seq).changes === 1;
  }

  /** Forgets applied sequences up to `seq` (the consumer's ack floor: they can no longer be redelivered). */
  forgetApplied(seq: number): void {
    this.#s.forgetApplied.run(seq);
  }

  /** Deletes recent_chat rows older than 150 h (one indexed DELETE); returns how many. */
  prune(nowS: number): number {
    this.#nextPruneAt = nowS + this.#pruneIntervalS;
    const deleted = this.#s.chatPrune.run(nowS - RECENT_CHAT_RETENTION_S).changes;
    this.#pruned += deleted;
    return deleted;
  }

  /** Rows deleted by pruning since open. */
  get pruned(): number {
    return this.#pruned;
  }

  /** The newest `limit` chat rows, oldest first. */
  recentChat(limit: number): ChatRow[] {
    const rows = this.#s.recentChat.all(limit) as unknown as ChatRow[];
    return rows.reverse().map((r) => ({ timestamp: r.timestamp, username: r.username, message: r.message }));
  }

  /**
   * Unsent outbound messages ready for (re)sending at `nowS`, oldest first. The backoff rule: a message with
   * `retry_count` = 0 is ready at once; otherwise it is ready when `last_attempt` (or, when that is NULL, its
   * enqueue `timestamp`) + 2^retry_count minutes has passed. Messages with `retry_count >= maxRetries` are never
   * returned.
   */
  unsentOutbound(limit: number, maxRetries: number, nowS: number): OutboundRow[] {
    const rows = this.#s.unsent.all(maxRetries, nowS, limit) as unknown as OutboundRow[];
    return rows.map((r) => ({
      id: r.id,
      timestamp: r.timestamp,
      message: r.message,
      retry_count: r.retry_count,
      last_error: r.last_error,
    }));
  }

  /** Queues an outbound message (the bot's web side does this directly in the original); returns its id. */
  enqueueOutbound(message: string, nowS: number): number {
    const result = this.#s.enqueueOutbound.run(nowS, message);
    return Number(result.lastInsertRowid);
  }

  /** Records a failed send attempt: permanent ones stop retries, transient ones count toward the backoff. */
  markOutboundFailed(id: number, error: string, permanent: boolean, nowS: number): void {
    this.#s.outboundFailed.run(error, nowS, permanent ? 1 : 0, permanent ? 1 : 0, nowS, id);
  }

  /** A value from `busmark_meta`. */
  getMeta(key: string): string | undefined {
    const row = this.#s.getMeta.get(key);
    return row ? String(row.value) : undefined;
  }

  /** Sets a value in `busmark_meta` (outside any open transaction of the caller's). */
  setMeta(key: string, value: string): void {
    this.#s.setMeta.run(key, value);
  }

  /** Forgets every applied JetStream sequence (the stream was recreated, so sequences restart). */
  clearApplied(): void {
    this.db.exec("DELETE FROM busmark_js_applied");
  }

  /** Number of rows in one of the tables. */
  rowCount(table: string): number {
    if (!/^[a-z_]+$/.test(table)) throw new TypeError(`Cannot count rows: bad table name ${table}`);
    let count = this.#counts.get(table);
    if (!count) {
      count = this.db.prepare(`SELECT count(*) AS n FROM ${table}`);
      this.#counts.set(table, count);
    }
    return Number(count.get()?.n ?? 0);
  }

  /** Stops the background checkpointer and closes the connection (the caller has committed or rolled back). */
  async close(): Promise<void> {
    const checkpointer = this.#checkpointer;
    this.#checkpointer = undefined;
    this.db.close();
    await checkpointer?.stop();
  }
}
