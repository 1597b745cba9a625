import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { connect, type NatsConnection } from "nats";
import { isDeno } from "../../src/runtime/detect.ts";
import type { SqliteDatabase } from "../../src/runtime/sqlite.ts";
import { DEFAULT_MAX_PAYLOAD } from "../../src/service/contract.ts";
import { type RunningService, startService } from "../../src/service/service.ts";
import type { ServiceStats } from "../../src/service/stats.ts";
import {
  countRows,
  eventually,
  NoticeLog,
  openCheck,
  publish,
  request,
  SHARED_NATS,
  tempDb,
  uniquePrefix,
} from "./support.ts";

const NOW_MS = 1_750_000_000_000;
const NOW = NOW_MS / 1000;

describe("service conformance over NATS (core mode)", () => {
  const tmp = tempDb();
  const prefix = uniquePrefix();
  let service: RunningService;
  let nc: NatsConnection;
  let notices: NoticeLog;
  let check: SqliteDatabase;
  let seq = 0;
  const lines: string[] = [];

  /** Publishes one marked event and waits until a notice accounts for it. */
  async function send(suffix: string, payload: unknown): Promise<"committed" | "invalid"> {
    const id = `c.${++seq}`;
    publish(nc, `${prefix}.${suffix}`, payload, id);
    assert.ok(await eventually(() => notices.committed.has(id) || notices.invalid.has(id)), `no notice for ${id}`);
    return notices.committed.has(id) ? "committed" : "invalid";
  }
  const row = (sql: string, ...params: (string | number)[]) => ({ ...check.prepare(sql).get(...params) });
  const stats = async () => await request(nc, `${prefix}._stats`) as ServiceStats;

  before(async () => {
    service = await startService({
      natsUrl: SHARED_NATS,
      dbPath: tmp.path,
      prefix,
      jetstream: false,
      batchMax: 1000,
      maxPayload: DEFAULT_MAX_PAYLOAD,
      pruneIntervalS: 60,
      clock: () => NOW_MS,
      log: (line) => lines.push(line),
    });
    await service.ready;
    nc = await connect({ servers: SHARED_NATS });
    notices = new NoticeLog(nc, prefix);
    await nc.flush();
    check = await openCheck(tmp.path);
    check.exec("PRAGMA busy_timeout = 5000");
  });
  after(async () => {
    notices.close();
    await nc.close();
    await service.stop();
    check.close();
    tmp.dispose();
  });

  it("is ready and says so once on its log", async () => {
    const s = await stats();
    assert.equal(s.mode, "core");
    assert.equal(s.prefix, prefix);
    assert.ok(lines.some((l) => /ready \(core\)/.test(l)));
  });

  it("user.joined inserts a user, and a rejoin restarts the session keeping first_seen", async () => {
    check.prepare(
      "INSERT INTO user_stats (username, first_seen, last_seen, current_session_start) VALUES (?, ?, ?, NULL)",
    )
      .run("bob", NOW - 500, NOW - 400);
    assert.equal(await send("user.joined", { username: "ann" }), "committed");
    assert.equal(await send("user.joined", { username: "bob" }), "committed");
    assert.deepEqual(row("SELECT * FROM user_stats WHERE username = 'ann'"), {
      username: "ann",
      first_seen: NOW,
      last_seen: NOW,
      total_chat_lines: 0,
      total_time_connected: 0,
      current_session_start: NOW,
    });
    assert.deepEqual(
      row("SELECT first_seen, last_seen, current_session_start FROM user_stats WHERE username = 'bob'"),
      {
        first_seen: NOW - 500,
        last_seen: NOW,
        current_session_start: NOW,
      },
    );
  });

  it("user.left adds the session length and clears the session", async () => {
    check.prepare("UPDATE user_stats SET current_session_start = ?, total_time_connected = 5 WHERE username = 'bob'")
      .run(NOW - 100);
    assert.equal(await send("user.left", { username: "bob" }), "committed");
    assert.deepEqual(
      row("SELECT last_seen, total_time_connected, current_session_start FROM user_stats WHERE username = 'bob'"),
      {
        last_seen: NOW,
        total_time_connected: 105,
        current_session_start: null,
      },
    );
  });

  it("message.log counts the line and stores it, except a `server` line which is only counted", async () => {
    check.prepare("INSERT INTO user_stats (username, first_seen, last_seen) VALUES ('server', 1, 1)").run();
    assert.equal(await send("message.log", { username: "ann", message: "hello there" }), "committed");
    assert.equal(await send("message.log", { username: "server", message: "restarting" }), "committed");
    assert.deepEqual(
      check.prepare("SELECT timestamp, username, message FROM recent_chat").all().map((r) => ({ ...r })),
      [
        { timestamp: NOW, username: "ann", message: "hello there" },
      ],
    );
    assert.equal(row("SELECT total_chat_lines FROM user_stats WHERE username = 'ann'").total_chat_lines, 1);
    assert.equal(row("SELECT total_chat_lines FROM user_stats WHERE username = 'server'").total_chat_lines, 1);
  });

  it("stats.user_count appends to user_count_history", async () => {
    assert.equal(await send("stats.user_count", { chat_count: 7, connected_count: 12 }), "committed");
    assert.deepEqual(
      check.prepare("SELECT timestamp, chat_users, connected_users FROM user_count_history").all().map((r) => ({
        ...r,
      })),
      [
        { timestamp: NOW, chat_users: 7, connected_users: 12 },
      ],
    );
  });

  it("stats.high_water raises the marks with their timestamps, never lowers them", async () => {
    assert.equal(await send("stats.high_water", { chat_count: 9, connected_count: 20 }), "committed");
    assert.equal(await send("stats.high_water", { chat_count: 3 }), "committed");
    assert.deepEqual(row("SELECT * FROM channel_stats"), {
      id: 1,
      max_users: 9,
      max_users_timestamp: NOW,
      max_connected: 20,
      max_connected_timestamp: NOW,
      last_updated: NOW,
    });
  });

  it("status.update writes allow-listed columns only and counts the ignored ones", async () => {
    const before = (await stats()).ignoredStatusFields;
    assert.equal(
      await send("status.update", {
        status_data: { bot_name: "rosey", bot_connected: true, current_media_title: "song", id: 5, last_updated: 1 },
      }),
      "committed",
    );
    assert.deepEqual(row("SELECT id, bot_name, bot_connected, current_media_title, last_updated FROM current_status"), {
      id: 1,
      bot_name: "rosey",
      bot_connected: 1,
      current_media_title: "song",
      last_updated: NOW,
    });
    assert.equal((await stats()).ignoredStatusFields, before + 2);
  });

  it("messages.outbound.mark_sent marks the message sent", async () => {
    const id = Number(
      check.prepare("INSERT INTO outbound_messages (timestamp, message) VALUES (?, 'to send')").run(NOW - 5)
        .lastInsertRowid,
    );
    assert.equal(await send("messages.outbound.mark_sent", { message_id: id }), "committed");
    assert.deepEqual(row("SELECT sent, sent_timestamp FROM outbound_messages WHERE id = ?", id), {
      sent: 1,
      sent_timestamp: NOW,
    });
  });

  it("messages.outbound.get replies with unsent messages ready under the backoff, oldest first", async () => {
    check.exec("DELETE FROM outbound_messages");
    const insert = check.prepare(
      "INSERT INTO outbound_messages (timestamp, message, sent, retry_count, last_error, last_attempt) VALUES (?, ?, ?, ?, ?, ?)",
    );
    const id = (...p: (string | number | null)[]) => Number(insert.run(...p).lastInsertRowid);
    const fresh = id(NOW - 10, "fresh", 0, 0, null, null);
    const ready = id(NOW - 20, "retry ready", 0, 1, "timeout", NOW - 120);
    id(NOW - 30, "retry waiting", 0, 1, "timeout", NOW - 119);
    id(NOW - 40, "sent", 1, 0, null, null);
    const tired = id(NOW - 50, "gave up", 0, 3, "timeout", NOW - 100_000);
    assert.deepEqual(await request(nc, `${prefix}.messages.outbound.get`, {}), [
      { id: ready, timestamp: NOW - 20, message: "retry ready", retry_count: 1, last_error: "timeout" },
      { id: fresh, timestamp: NOW - 10, message: "fresh", retry_count: 0, last_error: null },
    ]);
    assert.deepEqual(
      (await request(nc, `${prefix}.messages.outbound.get`, { limit: 1, max_retries: 4 }) as { id: number }[]).map((
        r,
      ) => r.id),
      [tired],
    );
    assert.deepEqual(
      (await request(nc, `${prefix}.messages.outbound.get`) as { id: number }[]).map((r) => r.id),
      [ready, fresh],
      "an empty payload takes the defaults",
    );
  });

  it("stats.recent_chat.get replies with the newest rows, oldest first", async () => {
    for (let i = 0; i < 4; i++) publish(nc, `${prefix}.message.log`, { username: "ann", message: `line ${i}` });
    // Same connection, so the request is delivered after the events; the service commits before answering.
    assert.deepEqual(await request(nc, `${prefix}.stats.recent_chat.get`, { limit: 3 }), [
      { timestamp: NOW, username: "ann", message: "line 1" },
      { timestamp: NOW, username: "ann", message: "line 2" },
      { timestamp: NOW, username: "ann", message: "line 3" },
    ]);
    const all = await request(nc, `${prefix}.stats.recent_chat.get`) as unknown[];
    assert.equal(all.length, 5);
  });

  it("replies to a bad request with an error, never silence", async () => {
    assert.deepEqual(await request(nc, `${prefix}.stats.recent_chat.get`, { limit: 0 }), {
      error: "invalid-value: field `limit` must be an integer from 1 to 1000, not 0",
    });
    assert.match(
      (await request(nc, `${prefix}.messages.outbound.get`, new TextEncoder().encode("{")) as { error: string }).error,
      /^invalid-json/,
    );
  });

  it("_stats accounts for every event", async () => {
    const s = await stats();
    assert.equal(s.received, seq + 4);
    assert.equal(s.committed, seq + 4);
    assert.equal(s.invalidTotal, 2);
    assert.equal(s.driver, isDeno ? "node:sqlite" : "better-sqlite3");
    assert.equal(countRows(check, "recent_chat"), 5);
    assert.ok(s.transactions >= 1 && s.transactions <= s.committed);
    assert.equal(s.queueDepth, 0);
    assert.ok(s.notices >= seq);
  });
});
