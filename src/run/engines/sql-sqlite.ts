/**
 * Reading a `sqlite:` source in the poll worker, through the runtime's SQLite adapter. The file may not exist yet
 * when the run starts (the service creates it): the reader opens it on the first poll that finds it. A directory
 * that does not exist is an error at once: no service will create a file there.
 * @module
 */
import { pathExists } from "../../runtime/fs.ts";
import { dirName, isDirectory } from "../../runtime/paths.ts";
import { openDatabase, type SqliteDatabase, type SqliteStatement } from "../../runtime/sqlite.ts";
import { bindCursor } from "./sql-cursor.ts";
import { reasonOf, SqlProblem, type SqlReader } from "./sql-reader.ts";

/** How long one poll may wait for a lock, ms (in the worker, it blocks nobody else). */
const BUSY_TIMEOUT_MS = 1000;

/** The problem a SQLite error is: a missing table, a lock, or a query that cannot work. */
function classify(error: unknown): SqlProblem {
  const reason = reasonOf(error);
  if (/no such table/i.test(reason)) return new SqlProblem("missing", reason);
  if (/database is locked|database table is locked|SQLITE_BUSY|SQLITE_LOCKED/i.test(reason)) {
    return new SqlProblem("transient", reason);
  }
  return new SqlProblem("fatal", reason);
}

/** Opens a reader of `path`; throws a fatal {@link SqlProblem} when its directory does not exist. */
export function openSqliteReader(path: string, query: string): SqlReader {
  const dir = dirName(path);
  if (!isDirectory(dir)) throw new SqlProblem("fatal", `the directory ${dir} does not exist`);
  const bound = bindCursor(query, "sqlite");
  let db: SqliteDatabase | undefined;
  let select: SqliteStatement | undefined;
  let columns: string[] = [];
  return {
    async read(cursor) {
      if (!db) {
        if (!pathExists(path)) throw new SqlProblem("absent", `${path} does not exist yet`);
        try {
          db = await openDatabase(path);
          db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
        } catch (error) {
          db?.close();
          db = undefined;
          throw classify(error);
        }
      }
      if (!select) {
        try {
          select = db.prepare(bound.text);
          columns = select.columns().map((c) => c.name);
        } catch (error) {
          throw classify(error);
        }
      }
      try {
        const rows = select.all(...Array.from({ length: bound.uses }, () => cursor));
        return { columns, rows };
      } catch (error) {
        const problem = classify(error);
        if (problem.kind === "missing") select = undefined; // the table went away: prepare again
        throw problem;
      }
    },
    close() {
      db?.close();
      db = undefined;
      return Promise.resolve();
    },
  };
}
