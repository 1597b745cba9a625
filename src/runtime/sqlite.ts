/**
 * The one SQLite adapter: better-sqlite3 on Node, the built-in `node:sqlite` on Deno (which cannot load
 * better-sqlite3's legacy native addon). Only positional `?` parameters are used, which both accept the same way.
 * @module
 */
import { isDeno } from "./detect.ts";

/** A value SQLite can bind or return. */
export type SqlValue = number | bigint | string | Uint8Array | null;

/** Result of a statement that writes. */
export interface SqlRunInfo {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement. */
export interface SqliteStatement {
  /** Executes a writing statement. */
  run(...params: SqlValue[]): SqlRunInfo;
  /** First row, or undefined. */
  get(...params: SqlValue[]): Record<string, SqlValue> | undefined;
  /** All rows. */
  all(...params: SqlValue[]): Record<string, SqlValue>[];
  /** The names of the columns a query returns (empty for a statement that returns none). */
  columns(): { name: string }[];
}

/** An open database connection. */
export interface SqliteDatabase {
  /** Which driver serves this connection. */
  readonly driver: "better-sqlite3" | "node:sqlite";
  /** Runs one or more statements without parameters. */
  exec(sql: string): void;
  /** Prepares a statement once for repeated use. */
  prepare(sql: string): SqliteStatement;
  /** Closes the connection. */
  close(): void;
}

interface NodeSqliteModule {
  DatabaseSync: new (path: string) => {
    exec(sql: string): void;
    prepare(sql: string): SqliteStatement;
    close(): void;
  };
}

interface BetterSqliteCtor {
  new (path: string): {
    exec(sql: string): void;
    prepare(sql: string): SqliteStatement;
    close(): void;
  };
}

/** Opens (creating if needed) the SQLite database at `path` with the runtime's driver. */
export async function openDatabase(path: string): Promise<SqliteDatabase> {
  if (isDeno) {
    const specifier = "node:sqlite";
    const mod = (await import(specifier)) as NodeSqliteModule;
    const db = new mod.DatabaseSync(path);
    return {
      driver: "node:sqlite",
      exec: (sql) => db.exec(sql),
      prepare: (sql) => db.prepare(sql),
      close: () => db.close(),
    };
  }
  const mod = (await import("better-sqlite3")) as unknown as { default: BetterSqliteCtor };
  const db = new mod.default(path);
  return {
    driver: "better-sqlite3",
    exec: (sql) => db.exec(sql),
    prepare: (sql) => db.prepare(sql),
    close: () => db.close(),
  };
}
