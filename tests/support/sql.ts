/**
 * Databases for `sql:` confirmation tests: the PostgreSQL URL the suite uses (BUSMARK_TEST_PG overrides the
 * local `postgres://postgres@127.0.0.1:5432/test`), uniquely named tables, and writers that store ids the way a
 * service would, one row each, in insertion order.
 */
import postgres from "postgres";
import { openDatabase } from "../../src/runtime/sqlite.ts";

/** The PostgreSQL database tests use. */
export const PG_URL = process.env.BUSMARK_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";

/** A table name no other test uses. */
export function uniqueTable(stem = "orders"): string {
  return `bm_${stem}_${Math.random().toString(36).slice(2, 10)}`;
}

/** Stores refs as rows `(seq, ref)`, `seq` growing with every row. */
export interface RowWriter {
  /** Adds a row; rows are stored in call order. */
  insert(ref: string): void;
  /** The column type of a cursor that grows with every row. */
  readonly serial: string;
  /** Runs a statement (for tests that break the table mid-run). */
  exec(statement: string): Promise<void>;
  /** Waits until every row so far is stored. */
  flush(): Promise<void>;
  /** Drops the table (PostgreSQL) and closes. */
  close(): Promise<void>;
}

/** A SQLite writer on `path` (created, in WAL mode) with table `table`. */
export async function sqliteWriter(path: string, table = "orders"): Promise<RowWriter> {
  const db = await openDatabase(path);
  db.exec(`PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS ${table} (seq INTEGER PRIMARY KEY, ref TEXT)`);
  const insert = db.prepare(`INSERT INTO ${table} (ref) VALUES (?)`);
  return {
    serial: "INTEGER PRIMARY KEY",
    insert: (ref) => void insert.run(ref),
    exec: (statement) => Promise.resolve(db.exec(statement)),
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(db.close()),
  };
}

/**
 * A PostgreSQL writer of table `table` (created with a `bigserial` seq). One connection: the inserts run one after
 * the other, so each row commits before the next takes its serial (as the cursor rule requires).
 */
export async function pgWriter(table: string, url = PG_URL): Promise<RowWriter> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe(`CREATE TABLE ${table} (seq bigserial PRIMARY KEY, ref text NOT NULL)`);
  let last: Promise<unknown> = Promise.resolve();
  return {
    serial: "bigserial PRIMARY KEY",
    insert: (ref) => {
      // A query of this client runs once something waits for it: `then` sends it now, in call order.
      last = sql.unsafe(`INSERT INTO ${table} (ref) VALUES ($1)`, [ref]).then(() => {});
    },
    exec: async (statement) => {
      await sql.unsafe(statement);
    },
    flush: async () => {
      await last;
    },
    close: async () => {
      await last.catch(() => {});
      await sql.unsafe(`DROP TABLE IF EXISTS ${table}`);
      await sql.end({ timeout: 1 });
    },
  };
}
