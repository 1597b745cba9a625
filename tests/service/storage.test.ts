import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { EventKind } from "../../src/service/contract.ts";
import { Storage } from "../../src/service/storage.ts";
import { tempDb } from "./support.ts";

const row = (s: Storage, sql: string, ...p: (string | number)[]) => ({ ...s.db.prepare(sql).get(...p) });
const T = 1_700_000_000;

describe("Storage", () => {
  const tmp = tempDb();
  let s: Storage;
  before(async () => {
    s = await Storage.open(tmp.path, { pruneIntervalS: 60 });
  });
  after(async () => {
    await s.close();
    tmp.dispose();
  });

  it("accounts sessions: join inserts, rejoin restarts the session, leave adds its length", () => {
    s.applyEvent(EventKind.UserJoined, { username: "ann" }, T);
    assert.deepEqual(row(s, "SELECT * FROM user_stats WHERE username = 'ann'"), {
      username: "ann",
      first_seen: T,
      last_seen: T,
      total_chat_lines: 0,
      total_time_connected: 0,
      current_session_start: T,
    });
    s.applyEvent(EventKind.UserLeft, { username: "ann" }, T + 30);
    s.applyEvent(EventKind.UserLeft, { username: "ann" }, T + 99); // no open session: no change
    s.applyEvent(EventKind.UserJoined, { username: "ann" }, T + 100);
    s.applyEvent(EventKind.UserLeft, { username: "ann" }, T + 112);
    s.applyEvent(EventKind.UserLeft, { username: "nobody" }, T + 112);
    assert.deepEqual(
      row(
        s,
        "SELECT first_seen, last_seen, total_time_connected, current_session_start, typeof(total_time_connected) AS ty FROM user_stats WHERE username = 'ann'",
      ),
      {
        first_seen: T,
        last_seen: T + 112,
        total_time_connected: 42,
        current_session_start: null,
        ty: "integer",
      },
    );
    assert.equal(s.rowCount("user_stats"), 1);
  });

  it("logs chat: counts lines of known users, stores every line except the server's", () => {
    s.applyEvent(EventKind.MessageLog, { username: "ann", message: "hello" }, T + 200);
    s.applyEvent(EventKind.MessageLog, { username: "stranger", message: "hi" }, T + 201);
    s.applyEvent(EventKind.MessageLog, { username: "Server", message: "restarting" }, T + 202);
    assert.equal(row(s, "SELECT total_chat_lines FROM user_stats WHERE username = 'ann'").total_chat_lines, 1);
    assert.equal(row(s, "SELECT last_seen FROM user_stats WHERE username = 'ann'").last_seen, T + 200);
    assert.equal(s.rowCount("user_stats"), 1, "message.log does not create users");
    assert.deepEqual(s.recentChat(10), [
      { timestamp: T + 200, username: "ann", message: "hello" },
      { timestamp: T + 201, username: "stranger", message: "hi" },
    ]);
    assert.deepEqual(s.recentChat(1), [{ timestamp: T + 201, username: "stranger", message: "hi" }]);
  });

  it("prunes chat older than 150 h at most once per interval", () => {
    s.db.prepare("INSERT INTO recent_chat (timestamp, username, message) VALUES (?, 'old', 'x')").run(T - 151 * 3600);
    s.db.prepare("INSERT INTO recent_chat (timestamp, username, message) VALUES (?, 'old', 'y')").run(T - 149 * 3600);
    // The previous test's inserts pruned at T+200; the next prune is due at T+260.
    s.applyEvent(EventKind.MessageLog, { username: "ann", message: "a" }, T + 259);
    assert.equal(row(s, "SELECT count(*) AS n FROM recent_chat WHERE username = 'old'").n, 2);
    s.applyEvent(EventKind.MessageLog, { username: "ann", message: "b" }, T + 260);
    assert.deepEqual(
      s.db.prepare("SELECT message FROM recent_chat WHERE username = 'old'").all().map((r) => r.message),
      ["y"],
    );
    assert.equal(s.pruned, 1);
  });

  it("keeps user counts and raises the high-water marks only upward", () => {
    s.applyEvent(EventKind.UserCount, { chat_count: 3, connected_count: 9 }, T + 300);
    assert.deepEqual(
      row(s, "SELECT timestamp, chat_users, connected_users, typeof(chat_users) AS ty FROM user_count_history"),
      {
        timestamp: T + 300,
        chat_users: 3,
        connected_users: 9,
        ty: "integer",
      },
    );
    s.applyEvent(EventKind.HighWater, { chat_count: 5 }, T + 301);
    s.applyEvent(EventKind.HighWater, { chat_count: 4, connected_count: 10 }, T + 302);
    s.applyEvent(EventKind.HighWater, { chat_count: 2, connected_count: 0 }, T + 303);
    assert.deepEqual(
      row(
        s,
        "SELECT max_users, max_users_timestamp, max_connected, max_connected_timestamp, last_updated FROM channel_stats",
      ),
      {
        max_users: 5,
        max_users_timestamp: T + 301,
        max_connected: 10,
        max_connected_timestamp: T + 302,
        last_updated: T + 302,
      },
    );
  });

  it("updates only allow-listed status columns and counts the others", () => {
    const ignored = s.applyEvent(EventKind.StatusUpdate, {
      status_data: { bot_name: "rosey", bot_rank: 2.5, bot_afk: true, playlist_items: 12, hacker: 1, "id = 2; --": 3 },
    }, T + 400);
    assert.equal(ignored, 2);
    assert.deepEqual(
      row(s, "SELECT id, bot_name, bot_rank, bot_afk, playlist_items, channel_name, last_updated FROM current_status"),
      {
        id: 1,
        bot_name: "rosey",
        bot_rank: 2.5,
        bot_afk: 1,
        playlist_items: 12,
        channel_name: null,
        last_updated: T + 400,
      },
    );
    assert.equal(s.applyEvent(EventKind.StatusUpdate, { status_data: { junk: 1 } }, T + 500), 1);
    assert.equal(row(s, "SELECT last_updated FROM current_status").last_updated, T + 400, "nothing allowed: no write");
    s.applyEvent(EventKind.StatusUpdate, { status_data: { bot_name: null, channel_name: "c" } }, T + 501);
    assert.deepEqual(row(s, "SELECT bot_name, channel_name, bot_rank FROM current_status"), {
      bot_name: null,
      channel_name: "c",
      bot_rank: 2.5,
    });
  });

  it("marks outbound messages sent and applies the retry backoff from the last attempt", () => {
    const a = s.enqueueOutbound("first", T);
    const b = s.enqueueOutbound("second", T + 1);
    const c = s.enqueueOutbound("third", T + 2);
    s.applyEvent(EventKind.MarkSent, { message_id: a }, T + 10);
    assert.deepEqual(row(s, "SELECT sent, sent_timestamp FROM outbound_messages WHERE id = ?", a), {
      sent: 1,
      sent_timestamp: T + 10,
    });
    s.markOutboundFailed(b, "timeout", false, T + 20); // retry 1: not before T+20+120
    s.markOutboundFailed(c, "muted", true, T + 20); // permanent: never again
    assert.deepEqual(s.unsentOutbound(50, 3, T + 139).map((r) => r.id), []);
    assert.deepEqual(s.unsentOutbound(50, 3, T + 140), [
      { id: b, timestamp: T + 1, message: "second", retry_count: 1, last_error: "timeout" },
    ]);
    s.markOutboundFailed(b, "timeout", false, T + 200); // retry 2: not before T+200+240
    assert.deepEqual(s.unsentOutbound(50, 3, T + 439), []);
    assert.equal(s.unsentOutbound(50, 3, T + 440).length, 1);
    assert.equal(s.unsentOutbound(50, 2, T + 10_000).length, 0, "retry_count reached max_retries");
    const d = s.enqueueOutbound("fourth", T + 3);
    assert.deepEqual(s.unsentOutbound(1, 3, T + 10_000).map((r) => r.id), [b], "oldest first, limited");
    assert.deepEqual(s.unsentOutbound(5, 3, T + 10_000).map((r) => r.id), [b, d]);
  });

  it("records applied JetStream sequences once and forgets them below the ack floor", () => {
    assert.equal(s.markApplied(10), true);
    assert.equal(s.markApplied(10), false);
    assert.equal(s.markApplied(11), true);
    s.forgetApplied(10);
    assert.equal(s.rowCount("busmark_js_applied"), 1);
    s.clearApplied();
    assert.equal(s.rowCount("busmark_js_applied"), 0);
    s.setMeta("k", "v");
    assert.equal(s.getMeta("k"), "v");
    assert.equal(s.getMeta("missing"), undefined);
    assert.throws(() => s.rowCount("x; drop table y"), /Cannot count rows/);
  });

  it("commits and rolls back transactions", () => {
    s.begin();
    s.applyEvent(EventKind.UserJoined, { username: "tx" }, T);
    s.rollback();
    assert.equal(row(s, "SELECT count(*) AS n FROM user_stats WHERE username = 'tx'").n, 0);
    s.rollback(); // none open: ignored
    s.begin();
    s.applyEvent(EventKind.UserJoined, { username: "tx" }, T);
    s.commit();
    assert.equal(row(s, "SELECT count(*) AS n FROM user_stats WHERE username = 'tx'").n, 1);
  });

  it("prepares no statement per call once open: every operation runs a statement prepared at open", () => {
    s.rowCount("recent_chat"); // a count prepares once per table
    const prepared: string[] = [];
    const db = s.db as { prepare: (sql: string) => unknown };
    const original = db.prepare;
    db.prepare = (sql: string) => {
      prepared.push(sql);
      return original.call(s.db, sql);
    };
    try {
      s.begin();
      const id = s.enqueueOutbound("hello", T);
      s.markOutboundFailed(id, "busy", false, T);
      s.markApplied(99);
      s.forgetApplied(99);
      s.setMeta("probe", "1");
      assert.equal(s.getMeta("probe"), "1");
      const event = { username: "p", message: "m", chat_count: 1, connected_count: 1, status_data: {}, message_id: id };
      for (const kind of Object.values(EventKind)) s.applyEvent(kind, event, T);
      s.recentChat(2);
      s.unsentOutbound(10, 5, T);
      s.rowCount("recent_chat");
      s.prune(T);
      s.commit();
    } finally {
      db.prepare = original;
    }
    assert.deepEqual(prepared, []);
  });
});
