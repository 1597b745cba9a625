/**
 * What the `sql:` poll worker reads a database through, one small module per database (`sql-sqlite.ts`,
 * `sql-postgres.ts`): a reader runs the source's query with the cursor bound and returns its column names and new
 * rows, or throws a {@link SqlProblem} that says whether polling may go on.
 * @module
 */

/** A cursor value: the largest `cursor` seen so far (0 at start); integers beyond 2^53 stay exact as bigint. */
export type Cursor = number | bigint;

/** One poll's answer. */
export interface SqlRows {
  /** The query's column names (also known when no row came back, where the database says them). */
  columns: readonly string[];
  rows: readonly Record<string, unknown>[];
}

/** An open database, read by one poll at a time. */
export interface SqlReader {
  /** Runs the query with `:cursor` bound to `cursor`. */
  read(cursor: Cursor): Promise<SqlRows>;
  /** Closes the connection. */
  close(): Promise<void>;
}

/**
 * Why a poll found nothing: `absent`, a SQLite file the service has not created yet (polling goes on);
 * `missing`, a table the service has not created yet (tolerated for a while); `transient`, a lock or a dropped
 * connection (the next poll tries again); `fatal`, a query that can never work (the run stops).
 */
export type SqlProblemKind = "absent" | "missing" | "transient" | "fatal";

/** A failed poll; `message` is the database's own reason. */
export class SqlProblem extends Error {
  readonly kind: SqlProblemKind;
  constructor(kind: SqlProblemKind, message: string) {
    super(message);
    this.name = "SqlProblem";
    this.kind = kind;
  }
}

/** The text of an error thrown by a driver. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A row's `cursor` value as a {@link Cursor}: a number, a bigint or the text of a number (PostgreSQL sends
 * `bigint` and `numeric` as text); anything else (null, text, bytes) throws a fatal {@link SqlProblem}.
 */
export function toCursor(value: unknown): Cursor {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (typeof value === "string") {
    const text = value.trim();
    if (INTEGER.test(text)) {
      const big = BigInt(text);
      return Number.isSafeInteger(Number(big)) ? Number(big) : big;
    }
    if (DECIMAL.test(text)) return Number(text);
  }
  const shown = typeof value === "string" ? `'${value.slice(0, 40)}'` : String(value);
  throw new SqlProblem("fatal", `a row's \`cursor\` is ${shown}: it must be a number that grows with every row`);
}
