/**
 * The body of the sqlite confirmer's worker thread: it opens the service's database through the runtime's SQLite
 * adapter and polls it for new `recent_chat` rows, so a poll that waits for a lock (a rollback-journal database
 * whose writer holds it) blocks this thread only, never the one that paces and receives the load.
 *
 * Protocol ({@link PollMessage}, {@link PollerMessage}): the worker says `ready`; the parent sends `start` with the
 * database path, the poll interval and the run id; the worker sends `rows` (id and message of each new row whose
 * message mentions the run id) after every poll that found some; on `stop` it polls once more, sends the last
 * `rows`, then `stopped`, and closes the database.
 * @module
 */
import { pathExists } from "../../runtime/fs.ts";
import { openDatabase, type SqliteDatabase, type SqliteStatement } from "../../runtime/sqlite.ts";
import { parentChannel } from "../../runtime/worker.ts";

/** What the parent sends. */
export type PollMessage =
  | { type: "start"; dbPath: string; pollMs: number; runId: string; query: string }
  | { type: "stop" };

/** What the worker sends: rows as `[id, message]` pairs. */
export type PollerMessage =
  | { type: "ready" }
  | { type: "rows"; rows: [number, string][] }
  | { type: "stopped" };

/** How long one poll may wait for a lock in the worker, ms (it blocks nobody else). */
const BUSY_TIMEOUT_MS = 1000;

const channel = await parentChannel();
let db: SqliteDatabase | undefined;
let select: SqliteStatement | undefined;
let lastId = 0;
let stopping = false;
let loop: Promise<void> | undefined;

async function poll(dbPath: string, runId: string, query: string): Promise<void> {
  if (!db) {
    if (!pathExists(dbPath)) return;
    try {
      db = await openDatabase(dbPath);
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
      select = db.prepare(query.replaceAll(":cursor", "?"));
    } catch {
      db?.close();
      db = undefined;
      return; // the service has not created its schema yet
    }
  }
  let found;
  try {
    found = select!.all(...Array.from({ length: query.split(":cursor").length - 1 }, () => lastId));
  } catch {
    return; // still locked after the busy timeout: try again on the next poll
  }
  const rows: [number, string][] = [];
  for (const row of found) {
    lastId = Math.max(lastId, Number(row.cursor));
    if (typeof row.id === "string" && row.id.includes(runId)) rows.push([Number(row.cursor), row.id]);
  }
  if (rows.length > 0) channel.post({ type: "rows", rows } satisfies PollerMessage);
}

channel.onMessage((raw) => {
  const message = raw as PollMessage;
  if (message.type === "start") {
    const { dbPath, pollMs, runId, query } = message;
    loop = (async () => {
      while (!stopping) {
        await poll(dbPath, runId, query);
        if (!stopping) await new Promise((r) => setTimeout(r, pollMs));
      }
      await poll(dbPath, runId, query);
    })();
  } else if (message.type === "stop") {
    stopping = true;
    void (loop ?? Promise.resolve()).then(() => {
      db?.close();
      db = undefined;
      channel.post({ type: "stopped" } satisfies PollerMessage);
      channel.close();
    });
  }
});
channel.post({ type: "ready" } satisfies PollerMessage);
