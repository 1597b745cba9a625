/**
 * The database layout: the six tables of the original service (names and columns kept; busmark only adds),
 * busmark's own bookkeeping tables, the connection settings, and the migration of older files.
 * @module
 */
import type { SqliteDatabase } from "../runtime/sqlite.ts";

/** Version of busmark's layout, stored in `busmark_meta.schema_version`. */
export const SCHEMA_VERSION = 1;

/** Milliseconds a statement waits for a lock held by another connection before failing. */
export const BUSY_TIMEOUT_MS = 5000;

interface TableSpec {
  name: string;
  /** Column definitions, in order; the first word of each is the column name. */
  columns: string[];
  /** Table constraints appended after the columns. */
  constraints?: string[];
}

/** Every table busmark writes. Columns added after a table's first release are migrated with ALTER TABLE. */
const TABLES: readonly TableSpec[] = [
  {
    name: "user_stats",
    columns: [
      "username TEXT PRIMARY KEY",
      "first_seen INTEGER NOT NULL",
      "last_seen INTEGER NOT NULL",
      "total_chat_lines INTEGER DEFAULT 0",
      "total_time_connected INTEGER DEFAULT 0",
      "current_session_start INTEGER",
    ],
  },
  {
    name: "recent_chat",
    columns: [
      "id INTEGER PRIMARY KEY AUTOINCREMENT",
      "timestamp INTEGER NOT NULL",
      "username TEXT NOT NULL",
      "message TEXT NOT NULL",
    ],
  },
  {
    name: "user_count_history",
    columns: [
      "id INTEGER PRIMARY KEY AUTOINCREMENT",
      "timestamp INTEGER NOT NULL",
      "chat_users INTEGER NOT NULL",
      "connected_users INTEGER NOT NULL",
    ],
  },
  {
    name: "channel_stats",
    columns: [
      "id INTEGER PRIMARY KEY CHECK (id = 1)",
      "max_users INTEGER DEFAULT 0",
      "max_users_timestamp INTEGER",
      "max_connected INTEGER DEFAULT 0",
      "max_connected_timestamp INTEGER",
      "last_updated INTEGER",
    ],
  },
  {
    name: "current_status",
    columns: [
      "id INTEGER PRIMARY KEY CHECK (id = 1)",
      "bot_name TEXT",
      "bot_rank REAL",
      "bot_afk INTEGER DEFAULT 0",
      "channel_name TEXT",
      "current_chat_users INTEGER DEFAULT 0",
      "current_connected_users INTEGER DEFAULT 0",
      "playlist_items INTEGER DEFAULT 0",
      "current_media_title TEXT",
      "current_media_duration INTEGER",
      "bot_start_time INTEGER",
      "bot_connected INTEGER DEFAULT 0",
      "last_updated INTEGER",
    ],
  },
  {
    name: "outbound_messages",
    columns: [
      "id INTEGER PRIMARY KEY AUTOINCREMENT",
      "timestamp INTEGER NOT NULL",
      "message TEXT NOT NULL",
      "sent INTEGER DEFAULT 0",
      "sent_timestamp INTEGER",
      "retry_count INTEGER DEFAULT 0",
      "last_error TEXT",
      // busmark addition: time (s) of the last failed send attempt; the retry backoff counts from it.
      "last_attempt INTEGER",
    ],
  },
  {
    // busmark addition: key/value facts about this file (schema version, JetStream stream identity).
    name: "busmark_meta",
    columns: ["key TEXT PRIMARY KEY", "value TEXT"],
  },
  {
    // busmark addition: stream sequences committed in JetStream mode, so a redelivery is applied once.
    name: "busmark_js_applied",
    columns: ["seq INTEGER PRIMARY KEY"],
  },
];

const INDEXES: readonly string[] = [
  "CREATE INDEX IF NOT EXISTS idx_user_count_timestamp ON user_count_history(timestamp)",
  "CREATE INDEX IF NOT EXISTS idx_recent_chat_timestamp ON recent_chat(timestamp DESC)",
  "CREATE INDEX IF NOT EXISTS idx_outbound_sent ON outbound_messages(sent, timestamp)",
];

function createSql(table: TableSpec): string {
  const parts = [...table.columns, ...(table.constraints ?? [])];
  return `CREATE TABLE IF NOT EXISTS ${table.name} (${parts.join(", ")})`;
}

/** Adds columns missing from a table created by an older version (or by the original service). */
function migrateColumns(db: SqliteDatabase, table: TableSpec): void {
  const present = new Set(db.prepare(`PRAGMA table_info(${table.name})`).all().map((row) => String(row.name)));
  for (const column of table.columns) {
    const name = column.split(" ")[0] ?? "";
    if (!present.has(name) && !/PRIMARY KEY/.test(column)) {
      db.exec(`ALTER TABLE ${table.name} ADD COLUMN ${column.replace(" NOT NULL", "")}`);
    }
  }
}

/**
 * Configures the connection (WAL, `synchronous=NORMAL`, busy timeout) and creates or migrates every table,
 * index and singleton row, in one transaction. Safe to run on every start and on a file of the original service.
 * `nowS` is the current time in seconds, written to the singleton rows' `last_updated` when they are created.
 */
export function applySchema(db: SqliteDatabase, nowS: number): void {
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("BEGIN IMMEDIATE");
  try {
    for (const table of TABLES) {
      db.exec(createSql(table));
      migrateColumns(db, table);
    }
    for (const index of INDEXES) db.exec(index);
    db.prepare("INSERT OR IGNORE INTO channel_stats (id, max_users, last_updated) VALUES (1, 0, ?)").run(nowS);
    db.prepare("INSERT OR IGNORE INTO current_status (id, last_updated) VALUES (1, ?)").run(nowS);
    db.prepare("INSERT OR REPLACE INTO busmark_meta (key, value) VALUES ('schema_version', ?)").run(
      String(SCHEMA_VERSION),
    );
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

/** Names of the tables {@link applySchema} creates, in creation order. */
export const TABLE_NAMES: readonly string[] = TABLES.map((t) => t.name);
