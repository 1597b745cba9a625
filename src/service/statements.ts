/**
 * Every SQL statement of the database service's storage, by name: prepared once per connection by
 * {@link prepareStatements}, so no operation prepares a statement per call. Parameterised throughout; times are
 * integer seconds, as in the original.
 * @module
 */
import type { SqliteDatabase, SqliteStatement } from "../runtime/sqlite.ts";

/** The SQL of each named statement. */
export const STATEMENTS = {
  begin: "BEGIN",
  commit: "COMMIT",
  rollback: "ROLLBACK",
  userJoined: "INSERT INTO user_stats (username, first_seen, last_seen, current_session_start) VALUES (?, ?, ?, ?) " +
    "ON CONFLICT (username) DO UPDATE SET last_seen = excluded.last_seen, " +
    "current_session_start = excluded.current_session_start",
  userLeft: "UPDATE user_stats SET last_seen = ?, " +
    "total_time_connected = COALESCE(total_time_connected, 0) + (? - current_session_start), " +
    "current_session_start = NULL WHERE username = ? AND current_session_start IS NOT NULL",
  chatLine:
    "UPDATE user_stats SET total_chat_lines = COALESCE(total_chat_lines, 0) + 1, last_seen = ? WHERE username = ?",
  chatInsert: "INSERT INTO recent_chat (timestamp, username, message) VALUES (?, ?, ?)",
  chatPrune: "DELETE FROM recent_chat WHERE timestamp < ?",
  savepoint: "SAVEPOINT chat_run",
  release: "RELEASE chat_run",
  rollbackTo: "ROLLBACK TO chat_run",
  userCount: "INSERT INTO user_count_history (timestamp, chat_users, connected_users) VALUES (?, ?, ?)",
  highUsers: "UPDATE channel_stats SET max_users = ?, max_users_timestamp = ?, last_updated = ? " +
    "WHERE id = 1 AND COALESCE(max_users, 0) < ?",
  highConnected: "UPDATE channel_stats SET max_connected = ?, max_connected_timestamp = ?, last_updated = ? " +
    "WHERE id = 1 AND COALESCE(max_connected, 0) < ?",
  markSent: "UPDATE outbound_messages SET sent = 1, sent_timestamp = ? WHERE id = ?",
  applied: "INSERT OR IGNORE INTO busmark_js_applied (seq) VALUES (?)",
  forgetApplied: "DELETE FROM busmark_js_applied WHERE seq <= ?",
  recentChat: "SELECT timestamp, username, message FROM recent_chat ORDER BY id DESC LIMIT ?",
  unsent: "SELECT id, timestamp, message, retry_count, last_error FROM outbound_messages " +
    "WHERE sent = 0 AND retry_count < ? " +
    "AND (retry_count = 0 OR COALESCE(last_attempt, timestamp) + (1 << retry_count) * 60 <= ?) " +
    "ORDER BY timestamp ASC, id ASC LIMIT ?",
  enqueueOutbound: "INSERT INTO outbound_messages (timestamp, message, sent) VALUES (?, ?, 0)",
  outboundFailed: "UPDATE outbound_messages SET retry_count = COALESCE(retry_count, 0) + 1, last_error = ?, " +
    "last_attempt = ?, sent = CASE WHEN ? THEN 1 ELSE sent END, " +
    "sent_timestamp = CASE WHEN ? THEN ? ELSE sent_timestamp END WHERE id = ?",
  getMeta: "SELECT value FROM busmark_meta WHERE key = ?",
  setMeta: "INSERT OR REPLACE INTO busmark_meta (key, value) VALUES (?, ?)",
} as const;

/** A statement's name. */
export type StatementName = keyof typeof STATEMENTS;

/** The prepared statements of one connection, by name. */
export type Statements = Readonly<Record<StatementName, SqliteStatement>>;

/** Prepares every statement on an open connection whose schema is applied. */
export function prepareStatements(db: SqliteDatabase): Statements {
  const out = {} as Record<StatementName, SqliteStatement>;
  for (const name of Object.keys(STATEMENTS) as StatementName[]) out[name] = db.prepare(STATEMENTS[name]);
  return out;
}
