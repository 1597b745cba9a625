/**
 * Reading a `postgres://` (or `postgresql://`) source in the poll worker, with the pure-JS `postgres` client on one
 * connection. Opening connects at once, so a refused connection, an unknown database or a rejected login stops the
 * run before any load is sent. While polling, a dropped connection or a lock conflict is retried on the next poll
 * (the client reconnects); a query the server rejects for good (syntax, unknown column) stops the run.
 * @module
 */
import postgres from "postgres";
import { bindCursor } from "./sql-cursor.ts";
import { reasonOf, SqlProblem, type SqlReader } from "./sql-reader.ts";

/** How long connecting may take, s. */
const CONNECT_TIMEOUT_S = 5;

/** SQLSTATE classes and codes a later poll may get past: connection loss, shutdown, locks, contention. */
const TRANSIENT_STATE = /^(08|53|57P0|40001|40P01|55P03)/;

/** An error of the client (a socket error, a timeout) rather than of the server: retried. */
const CLIENT_CODE = /^(E[A-Z]+|CONNECT_TIMEOUT|CONNECTION_\w+)$/;

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" ? code : "";
}

/** The text of a connection failure: `connection refused` rather than `connect ECONNREFUSED 127.0.0.1:5999`. */
function connectReason(error: unknown): string {
  const code = codeOf(error);
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND") return "unknown host";
  if (code === "CONNECT_TIMEOUT") return `no answer within ${CONNECT_TIMEOUT_S} s`;
  return reasonOf(error);
}

/** The problem a failed poll is. */
function classify(error: unknown): SqlProblem {
  const code = codeOf(error);
  const reason = reasonOf(error);
  if (code === "42P01" || code === "3F000") return new SqlProblem("missing", reason);
  if (TRANSIENT_STATE.test(code) || CLIENT_CODE.test(code)) return new SqlProblem("transient", reason);
  return new SqlProblem("fatal", reason);
}

/** Connects to `url` and returns its reader; throws a fatal {@link SqlProblem} when the server cannot be used. */
export async function openPostgresReader(url: string, query: string): Promise<SqlReader> {
  const bound = bindCursor(query, "postgres");
  const sql = postgres(url, {
    max: 1,
    connect_timeout: CONNECT_TIMEOUT_S,
    idle_timeout: 0,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: "busmark" },
  });
  try {
    await sql`SELECT 1`;
  } catch (error) {
    await sql.end({ timeout: 0 }).catch(() => {});
    throw new SqlProblem("fatal", connectReason(error));
  }
  const params = bound.uses > 0 ? [""] : [];
  return {
    async read(cursor) {
      if (bound.uses > 0) params[0] = String(cursor);
      try {
        const result = await sql.unsafe(bound.text, params, { prepare: true });
        return { columns: (result.columns ?? []).map((c) => c.name), rows: result };
      } catch (error) {
        throw classify(error);
      }
    },
    async close() {
      await sql.end({ timeout: 1 }).catch(() => {});
    },
  };
}
