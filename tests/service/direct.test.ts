import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { connect } from "nats";
import { openDatabase } from "../../src/runtime/sqlite.ts";
import { DEFAULT_MAX_PAYLOAD } from "../../src/service/contract.ts";
import { openDirectPath } from "../../src/service/direct.ts";
import type { CommitNotice } from "../../src/service/notices.ts";
import { startService } from "../../src/service/service.ts";
import { Storage } from "../../src/service/storage.ts";
import { eventually, json, NoticeLog, publish, SHARED_NATS, tempDb, uniquePrefix } from "./support.ts";

const NOW_MS = 1_760_000_000_000;
const TABLES = [
  "user_stats",
  "recent_chat",
  "user_count_history",
  "channel_stats",
  "current_status",
  "outbound_messages",
];

/** A fixed mix of every event kind, some invalid. */
const EVENTS: [string, unknown][] = [
  ["user.joined", { username: "ann" }],
  ["user.joined", { username: "bob" }],
  ["message.log", { username: "ann", message: "hi" }],
  ["message.log", { username: "server", message: "notice" }],
  ["message.log", { username: "carl", message: "unknown user" }],
  ["message.log", { username: "ann" }],
  ["user.left", { username: "bob" }],
  ["user.left", { username: "nobody" }],
  ["stats.user_count", { chat_count: 2, connected_count: 5 }],
  ["stats.high_water", { chat_count: 2, connected_count: 5 }],
  ["stats.high_water", { chat_count: 1 }],
  ["status.update", { status_data: { bot_name: "rosey", bot_afk: false, extra: 1 } }],
  ["status.update", { status_data: { bot_rank: "x" } }],
  ["messages.outbound.mark_sent", { message_id: 1 }],
  ["messages.outbound.mark_sent", { message_id: 99 }],
  ["no.such.subject", {}],
];

async function dump(path: string): Promise<string> {
  const db = await openDatabase(path);
  try {
    return TABLES.map((t) => `${t}: ${JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())}`).join(
      "\n",
    );
  } finally {
    db.close();
  }
}

async function seed(path: string): Promise<void> {
  const storage = await Storage.open(path);
  storage.enqueueOutbound("one", NOW_MS / 1000 - 60);
  storage.enqueueOutbound("two", NOW_MS / 1000 - 30);
  await storage.close();
}

describe("direct path", () => {
  it("writes the same rows as the service for the same events", async () => {
    const viaService = tempDb();
    const viaDirect = tempDb();
    const prefix = uniquePrefix();
    await seed(viaService.path);
    await seed(viaDirect.path);
    const service = await startService({
      natsUrl: SHARED_NATS,
      dbPath: viaService.path,
      prefix,
      jetstream: false,
      batchMax: 1000,
      maxPayload: DEFAULT_MAX_PAYLOAD,
      pruneIntervalS: 60,
      clock: () => NOW_MS,
    });
    const nc = await connect({ servers: SHARED_NATS });
    const notices = new NoticeLog(nc, prefix);
    try {
      await service.ready;
      await nc.flush();
      EVENTS.forEach(([suffix, payload], i) => publish(nc, `${prefix}.${suffix}`, payload, `e.${i}`));
      assert.ok(await eventually(() => notices.committed.size + notices.invalid.size === EVENTS.length));

      const direct = await openDirectPath(viaDirect.path, { clock: () => NOW_MS });
      EVENTS.forEach(([suffix, payload], i) => direct.write(suffix, json(payload), `e.${i}`));
      await direct.flush();
      const stats = direct.stats();
      await direct.close();

      const expected = await dump(viaService.path);
      assert.match(expected, /"message":"hi"/, "the service wrote rows");
      assert.equal(await dump(viaDirect.path), expected);
      assert.equal(stats.committed, notices.committed.size);
      assert.equal(stats.invalidTotal, notices.invalid.size);
    } finally {
      notices.close();
      await nc.close();
      await service.stop();
      viaService.dispose();
      viaDirect.dispose();
    }
  });

  it("reports ids per transaction, answers requests, and counts like the service", async () => {
    const tmp = tempDb();
    const notices: CommitNotice[] = [];
    const problems: string[] = [];
    const direct = await openDirectPath(tmp.path, {
      batchMax: 2,
      onNotice: (n) => notices.push(n),
      onProblem: (reason) => problems.push(reason),
    });
    try {
      direct.write("message.log", json({ username: "a", message: "1" }), "d.1");
      direct.write("message.log", json({ username: "a", message: "2" }), "d.2");
      direct.write("message.log", json({ username: "a", message: "3" }), "d.3");
      assert.equal(notices.length, 1, "the cap commits at once");
      assert.equal(direct.stats().queueDepth, 1);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(notices.map((n) => n.runs), [{ d: [[1, 2]] }, { d: [[3, 3]] }], "the rest on the next tick");
      direct.write("bogus", json({}), "d.4");
      await direct.flush();
      assert.deepEqual(notices.at(-1)?.invalid, { d: [[4, 4]] });
      assert.deepEqual(problems, ["unknown-subject"]);
      const chat = direct.request("stats.recent_chat.get", json({ limit: 2 })) as { message: string }[];
      assert.deepEqual(chat.map((r) => r.message), ["2", "3"]);
      assert.deepEqual(direct.request("messages.outbound.get"), []);
      assert.deepEqual(direct.request("nope"), { error: "unknown-subject: no request subject `nope`" });
      const stats = direct.request("_stats") as ReturnType<typeof direct.stats>;
      assert.equal(stats.mode, "direct");
      assert.equal(stats.committed, 3);
      assert.equal(stats.received, 4);
      assert.equal(stats.invalid["unknown-subject"], 2);
      assert.equal(direct.storage.rowCount("recent_chat"), 3);
    } finally {
      await direct.close();
      await direct.close();
      tmp.dispose();
    }
  });
});
