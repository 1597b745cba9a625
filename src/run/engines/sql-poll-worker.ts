/**
 * The body of the `sql:` confirmer's worker thread: it opens the source's database (`sql-sqlite.ts`,
 * `sql-postgres.ts`) and polls its query, one poll at a time, so a poll that waits for a lock or a slow server
 * blocks this thread only, never the one that paces and receives the load.
 *
 * Reading is incremental: each poll binds `:cursor` to the largest `cursor` seen so far (0 at start). A row whose
 * cursor is not above that is skipped as already read, so the cursor must grow strictly from row to row (a rowid,
 * a serial). A row counts as seen; its `id` (text, or a number as text) is sent on when it mentions the run id.
 *
 * Protocol ({@link PollMessage}, {@link PollerMessage}): the worker says `ready`; the parent sends `start`; the
 * worker opens the database, polls once and says `opened` (or `failed`: nothing is polled then); after every poll
 * that read new rows it sends `rows`, `problem` when a poll failed but the next may work (and `recovered` when
 * one worked again); a problem that
 * cannot pass (a query the database rejects, a missing column, a table still missing after
 * {@link MISSING_TABLE_MS}) is `failed` and ends polling. On `stop` it polls until nothing new comes (bounded),
 * sends `stopped` and closes the database.
 * @module
 */
import { parentChannel } from "../../runtime/worker.ts";
import { type Cursor, reasonOf, SqlProblem, type SqlReader, toCursor } from "./sql-reader.ts";

/** Where the worker reads. */
export type SqlTarget = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

/** What the parent sends. */
export type PollMessage =
  | { type: "start"; target: SqlTarget; query: string; pollMs: number; runId: string }
  | { type: "stop" };

/** What the worker sends: `seen` new rows were read, `ids` holds the `id` of those that mention the run id. */
export type PollerMessage =
  | { type: "ready" }
  | { type: "opened" }
  | { type: "rows"; seen: number; ids: string[] }
  | { type: "problem"; message: string }
  /** A poll worked again after a `problem`. */
  | { type: "recovered" }
  /** `connect`: the database could not be opened; `query`: the query cannot confirm anything. */
  | { type: "failed"; stage: "connect" | "query"; message: string }
  | { type: "stopped" };

/**
 * How long a missing table is tolerated, ms, counted from the first poll that reached the database: the service
 * is started (and ready) before the confirmer opens, but may create its schema just after.
 */
export const MISSING_TABLE_MS = 2000;

/** At most this many polls drain what is left at stop. */
const MAX_FINAL_POLLS = 100;

const channel = await parentChannel();
const post = (message: PollerMessage) => channel.post(message);

let reader: SqlReader | undefined;
let cursor: Cursor = 0;
let missingSince: number | undefined;
/** The last problem sent, so that a problem that lasts is sent once. */
let lastProblem: string | undefined;
let failed = false;
let stopping = false;
let loop: Promise<void> | undefined;

async function openReader(target: SqlTarget, query: string): Promise<SqlReader> {
  if (target.kind === "sqlite") return (await import("./sql-sqlite.ts")).openSqliteReader(target.path, query);
  return (await import("./sql-postgres.ts")).openPostgresReader(target.url, query);
}

function checkColumns(columns: readonly string[]): void {
  if (columns.length === 0) return; // the database did not say (SQLite when no statement ran)
  for (const needed of ["id", "cursor"]) {
    if (!columns.includes(needed)) {
      throw new SqlProblem("fatal", `the query returns no \`${needed}\` column (it returns: ${columns.join(", ")})`);
    }
  }
}

/** One poll: resolves to the number of new rows; throws a fatal {@link SqlProblem}. */
async function poll(query: { runId: string }): Promise<number> {
  let found;
  try {
    found = await reader!.read(cursor);
    checkColumns(found.columns);
  } catch (error) {
    const problem = error instanceof SqlProblem ? error : new SqlProblem("fatal", reasonOf(error));
    if (problem.kind === "fatal") throw problem;
    if (problem.kind === "missing") {
      missingSince ??= Date.now();
      if (Date.now() - missingSince > MISSING_TABLE_MS) {
        throw new SqlProblem("fatal", `${problem.message} (for ${MISSING_TABLE_MS / 1000} s)`);
      }
    }
    if (problem.message !== lastProblem) post({ type: "problem", message: problem.message });
    lastProblem = problem.message;
    return 0;
  }
  missingSince = undefined;
  if (lastProblem !== undefined) post({ type: "recovered" });
  lastProblem = undefined;
  // In cursor order, whatever order the query gave (rows it returns beyond its LIMIT are another matter).
  const rows = found.rows.map((row) => ({ at: toCursor(row.cursor), id: row.id }));
  if (rows.some((row, i) => i > 0 && row.at < rows[i - 1]!.at)) {
    rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
  let seen = 0;
  const ids: string[] = [];
  for (const { at, id } of rows) {
    if (!(at > cursor)) continue; // already read
    cursor = at;
    seen++;
    const text = typeof id === "string" ? id : typeof id === "number" || typeof id === "bigint" ? String(id) : "";
    if (text.includes(query.runId)) ids.push(text);
  }
  if (seen > 0) post({ type: "rows", seen, ids });
  return seen;
}

function fail(stage: "connect" | "query", error: unknown): void {
  failed = true;
  post({ type: "failed", stage, message: reasonOf(error) });
}

async function run(message: Extract<PollMessage, { type: "start" }>): Promise<void> {
  try {
    reader = await openReader(message.target, message.query);
  } catch (error) {
    return fail("connect", error);
  }
  try {
    await poll(message);
  } catch (error) {
    return fail("query", error);
  }
  post({ type: "opened" });
  try {
    while (!stopping) {
      await new Promise((resolve) => setTimeout(resolve, message.pollMs));
      await poll(message);
    }
    for (let i = 0; i < MAX_FINAL_POLLS && (await poll(message)) > 0; i++);
  } catch (error) {
    fail("query", error);
  }
}

channel.onMessage((raw) => {
  const message = raw as PollMessage;
  if (message.type === "start") loop = run(message);
  else if (message.type === "stop") {
    stopping = true;
    void (loop ?? Promise.resolve()).then(async () => {
      await reader?.close();
      reader = undefined;
      if (!failed) post({ type: "stopped" });
      channel.close();
    });
  }
});
post({ type: "ready" });
