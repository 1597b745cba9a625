import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { openDatabase } from "../../src/runtime/sqlite.ts";
import { applySchema, SCHEMA_VERSION, TABLE_NAMES } from "../../src/service/schema.ts";
import { tempDb } from "./support.ts";

describe("applySchema", () => {
  let tmp = tempDb();
  afterEach(() => {
    tmp.dispose();
    tmp = tempDb();
  });

  it("creates every table in WAL mode with the singleton rows, and is idempotent", async () => {
    const db = await openDatabase(tmp.path);
    applySchema(db, 1000);
    applySchema(db, 2000);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
    for (const name of TABLE_NAMES) assert.ok(tables.includes(name), name);
    assert.equal(db.prepare("PRAGMA journal_mode").get()?.journal_mode, "wal");
    assert.equal(Number(db.prepare("PRAGMA synchronous").get()?.synchronous), 1, "NORMAL");
    assert.ok(Number(db.prepare("PRAGMA busy_timeout").get()?.timeout) > 0);
    assert.deepEqual(db.prepare("SELECT id, max_users, last_updated FROM channel_stats").all().map((r) => ({ ...r })), [
      { id: 1, max_users: 0, last_updated: 1000 },
    ]);
    assert.equal(db.prepare("SELECT count(*) AS n FROM current_status").get()?.n, 1);
    assert.equal(
      db.prepare("SELECT value FROM busmark_meta WHERE key = 'schema_version'").get()?.value,
      String(SCHEMA_VERSION),
    );
    db.close();
  });

  it("migrates a file of the original service without touching its rows", async () => {
    const db = await openDatabase(tmp.path);
    db.exec(`CREATE TABLE outbound_messages (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp INTEGER NOT NULL,
      message TEXT NOT NULL, sent INTEGER DEFAULT 0, sent_timestamp INTEGER)`);
    db.exec(`CREATE TABLE channel_stats (id INTEGER PRIMARY KEY CHECK (id = 1), max_users INTEGER DEFAULT 0,
      max_users_timestamp INTEGER, last_updated INTEGER)`);
    db.exec("INSERT INTO outbound_messages (timestamp, message) VALUES (5, 'hello')");
    db.exec("INSERT INTO channel_stats (id, max_users, last_updated) VALUES (1, 42, 7)");
    applySchema(db, 1000);
    const columns = db.prepare("PRAGMA table_info(outbound_messages)").all().map((r) => r.name);
    for (const c of ["retry_count", "last_error", "last_attempt"]) assert.ok(columns.includes(c), c);
    assert.deepEqual({ ...db.prepare("SELECT message, retry_count FROM outbound_messages").get() }, {
      message: "hello",
      retry_count: 0,
    });
    assert.deepEqual({ ...db.prepare("SELECT max_users, max_connected, last_updated FROM channel_stats").get() }, {
      max_users: 42,
      max_connected: 0,
      last_updated: 7,
    });
    db.close();
  });
});
