/**
 * Persistence confirmation for services that publish no commit notices: busmark tags each `message.log` event's
 * text with its id (`bm:<runId>.<seq> `) and polls the service's SQLite file for new `recent_chat` rows. The poll
 * that first sees a row bounds its persist time from above, so latency resolution is the poll interval (reported).
 * Other event kinds update rows in place and cannot be confirmed one by one this way.
 * @module
 */
import { pathExists } from "../../runtime/fs.ts";
import { openDatabase, type SqliteDatabase } from "../../runtime/sqlite.ts";
import { notePersisted, type RunContext } from "../context.ts";
import { Mark } from "../tracker.ts";
import type { Confirmer } from "./confirmer.ts";

/** How often the database is polled, ms. */
export const SQLITE_POLL_MS = 10;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** True for the subjects whose events this confirmer can account for one by one. */
export function confirmableBySqlite(subject: string): boolean {
  return subject.endsWith(".message.log");
}

/** Rewrites a `message.log` payload so its text starts with the event's busmark id. */
export function tagMessage(payload: Uint8Array, runId: string, seq: number): Uint8Array {
  try {
    const obj = JSON.parse(decoder.decode(payload)) as Record<string, unknown>;
    obj.message = `bm:${runId}.${seq} ${typeof obj.message === "string" ? obj.message : ""}`;
    return encoder.encode(JSON.stringify(obj));
  } catch {
    return payload;
  }
}

/** Parses the seq out of a tagged message of this run; -1 when it is not one. */
export function taggedSeq(message: unknown, runId: string): number {
  if (typeof message !== "string") return -1;
  const prefix = `bm:${runId}.`;
  if (!message.startsWith(prefix)) return -1;
  const end = message.indexOf(" ", prefix.length);
  const seq = Number(message.slice(prefix.length, end < 0 ? undefined : end));
  return Number.isSafeInteger(seq) && seq >= 0 ? seq : -1;
}

/** Starts polling `dbPath`; `stop()` does a last poll and closes the database. */
export function startSqliteConfirmer(ctx: RunContext, dbPath: string): { stop(): Promise<void> } {
  let db: SqliteDatabase | undefined;
  let lastId = 0;
  let stopped = false;
  let select: ReturnType<SqliteDatabase["prepare"]> | undefined;
  const poll = async () => {
    if (!db) {
      if (!pathExists(dbPath)) return;
      try {
        db = await openDatabase(dbPath);
        db.exec("PRAGMA busy_timeout = 1000");
        select = db.prepare("SELECT id, message FROM recent_chat WHERE id > ? ORDER BY id LIMIT 20000");
      } catch {
        db?.close();
        db = undefined;
        return; // the service has not created its schema yet
      }
    }
    let rows;
    try {
      rows = select!.all(lastId);
    } catch {
      return; // busy or locked: try again on the next poll
    }
    const t = ctx.now();
    for (const row of rows) {
      lastId = Math.max(lastId, Number(row.id));
      const seq = taggedSeq(row.message, ctx.runId);
      if (seq < 0) continue;
      const mark = ctx.tracker.markPersisted(seq);
      if (mark === Mark.First) notePersisted(ctx, seq, t);
      else if (mark === Mark.Duplicate) {
        ctx.recorder.count("duplicated", ctx.tracker.phaseOf(seq), ctx.tracker.eventOf(seq));
      }
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await poll();
      await new Promise((r) => setTimeout(r, SQLITE_POLL_MS));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await poll();
      db?.close();
    },
  };
}

/**
 * The "sqlite" kind: confirms `message.log` events, whose text it tags with their id and finds again in the
 * service's database. Without a known database file it watches nothing.
 */
export const sqliteConfirmer: Confirmer = {
  kind: "sqlite",
  confirms: (event) => confirmableBySqlite(event.subject),
  rewrite: (event) => (confirmableBySqlite(event.subject) ? tagMessage : undefined),
  open: (ctx, { sut }) => (sut.dbPath ? startSqliteConfirmer(ctx, sut.dbPath) : { stop() {} }),
};
