import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { connect, type NatsConnection } from "nats";
import type { SqliteDatabase } from "../../src/runtime/sqlite.ts";
import { EVENT_SUBJECTS } from "../../src/service/contract.ts";
import { type RunningService, startService } from "../../src/service/service.ts";
import type { ServiceStats } from "../../src/service/stats.ts";
import type { RejectReason } from "../../src/service/validate.ts";
import { eventually, NoticeLog, openCheck, publish, request, SHARED_NATS, tempDb, uniquePrefix } from "./support.ts";

const TABLES = [
  "user_stats",
  "recent_chat",
  "user_count_history",
  "channel_stats",
  "current_status",
  "outbound_messages",
];
const enc = (s: string) => new TextEncoder().encode(s);

/** Deterministic PRNG (mulberry32) so a failing fuzz run can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("service bad input", () => {
  const tmp = tempDb();
  const prefix = uniquePrefix();
  let service: RunningService;
  let nc: NatsConnection;
  let notices: NoticeLog;
  let check: SqliteDatabase;
  let seq = 0;
  const lines: string[] = [];

  const stats = async () => await request(nc, `${prefix}._stats`) as ServiceStats;
  const snapshot = () =>
    TABLES.map((t) => JSON.stringify(check.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())).join("\n");

  /** Sends one bad marked message and proves: counted once under `reason`, reported invalid, nothing written. */
  async function rejects(reason: RejectReason, subject: string, payload: Uint8Array | unknown): Promise<void> {
    const before = await stats();
    const tables = snapshot();
    const id = `b.${++seq}`;
    publish(nc, `${prefix}.${subject}`, payload, id);
    assert.ok(await eventually(() => notices.invalid.has(id)), `${id} not reported invalid`);
    const after = await stats();
    assert.equal(after.invalid[reason], before.invalid[reason] + 1, reason);
    assert.equal(after.invalidTotal, before.invalidTotal + 1);
    assert.equal(after.committed, before.committed);
    assert.equal(notices.committed.has(id), false);
    assert.equal(snapshot(), tables, "nothing written");
    // and the service keeps going
    const ok = `b.${++seq}`;
    publish(nc, `${prefix}.user.joined`, { username: `after-${reason}` }, ok);
    assert.ok(await eventually(() => notices.committed.has(ok)), "a valid event after it is stored");
  }

  before(async () => {
    service = await startService({
      natsUrl: SHARED_NATS,
      dbPath: tmp.path,
      prefix,
      jetstream: false,
      batchMax: 500,
      maxPayload: 64 * 1024,
      pruneIntervalS: 60,
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

  it("oversized", () => rejects("oversized", "message.log", { username: "u", message: "x".repeat(70_000) }));
  it("invalid-json", () => rejects("invalid-json", "message.log", enc('{"username": "u", ')));
  it("not-object", () => rejects("not-object", "user.joined", ["u"]));
  it("missing-field", () => rejects("missing-field", "message.log", { username: "u" }));
  it("wrong-type", () => rejects("wrong-type", "stats.user_count", { chat_count: "3", connected_count: 4 }));
  it("invalid-value", () => rejects("invalid-value", "messages.outbound.mark_sent", { message_id: -4 }));
  it("unknown-subject", () => rejects("unknown-subject", "message.delete", { username: "u" }));
  it("storage-error", async () => {
    check.exec(`CREATE TRIGGER refuse BEFORE INSERT ON user_count_history
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    try {
      await rejects("storage-error", "stats.user_count", { chat_count: 1, connected_count: 1 });
    } finally {
      check.exec("DROP TRIGGER refuse");
    }
  });
  it("no-reply: a request published without a reply subject is counted", async () => {
    const before = await stats();
    publish(nc, `${prefix}.stats.recent_chat.get`, {});
    assert.ok(await eventually(async () => (await stats()).invalid["no-reply"] === before.invalid["no-reply"] + 1));
  });

  it("logs each reason at most once per second, counting what it held back", async () => {
    const logged = () => lines.filter((l) => l.includes("(invalid-json)"));
    const before = logged().length;
    const s0 = (await stats()).invalid["invalid-json"];
    const start = Date.now();
    for (let i = 0; i < 200; i++) publish(nc, `${prefix}.message.log`, enc("nope"));
    assert.ok(await eventually(async () => (await stats()).invalid["invalid-json"] === s0 + 200));
    const elapsedS = (Date.now() - start) / 1000;
    assert.ok(
      logged().length - before <= Math.ceil(elapsedS) + 1,
      `${logged().length - before} lines in ${elapsedS} s`,
    );
    await new Promise((r) => setTimeout(r, 1100));
    publish(nc, `${prefix}.message.log`, enc("nope"));
    assert.ok(await eventually(async () => (await stats()).invalid["invalid-json"] === s0 + 201));
    const last = logged().at(-1) ?? "";
    const held = Number(/\((\d+) more like it suppressed\)/.exec(last)?.[1] ?? 0);
    assert.ok(held >= 150, `the next line reports the held-back ones: ${last}`);
  });

  it("survives a bounded fuzz run with every event accounted and the database intact", async () => {
    const rand = prng(20240611);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const str = (n: number) =>
      Array.from({ length: n }, () => String.fromCharCode(Math.floor(rand() * 0xd7ff))).join("");
    const values = [null, true, false, 0, -1, 1.5, 2 ** 60, -0, "", "x", "server", [], {}, [1, "a"], { a: { b: 1 } }];
    const fields = ["username", "message", "chat_count", "connected_count", "status_data", "message_id", "bot_name"];
    const payloads: (() => Uint8Array)[] = [
      () => new Uint8Array(Array.from({ length: Math.floor(rand() * 200) }, () => Math.floor(rand() * 256))),
      () => enc("[".repeat(2000 + Math.floor(rand() * 3000)) + "]".repeat(10)),
      () => {
        const depth = 500 + Math.floor(rand() * 2000);
        return enc('{"username":'.repeat(depth) + '"x"' + "}".repeat(depth));
      },
      () => enc(JSON.stringify({ username: str(10), message: str(100).repeat(600 + Math.floor(rand() * 100)) })),
      () => {
        const obj: Record<string, unknown> = {};
        for (let i = Math.floor(rand() * 5); i >= 0; i--) obj[pick(fields)] = pick(values);
        return enc(JSON.stringify(obj));
      },
      () => {
        const status: Record<string, unknown> = {};
        for (const f of ["bot_name", "bot_rank", "bot_afk", "playlist_items", "junk"]) {
          if (rand() < 0.5) status[f] = pick(values);
        }
        return enc(JSON.stringify({ status_data: status }));
      },
      () =>
        enc(JSON.stringify({ username: str(1 + Math.floor(rand() * 20)), message: str(1 + Math.floor(rand() * 100)) })),
      () => enc(JSON.stringify({ chat_count: Math.floor(rand() * 100), connected_count: Math.floor(rand() * 100) })),
    ];
    const N = 2000;
    const ids: string[] = [];
    const before = await stats();
    for (let i = 0; i < N; i++) {
      const subject = rand() < 0.05 ? "fuzz.unknown" : pick(EVENT_SUBJECTS);
      const id = `f.${i}`;
      ids.push(id);
      publish(nc, `${prefix}.${subject}`, pick(payloads)(), id);
      if (i % 200 === 199) await nc.flush();
    }
    const replies: unknown[] = [];
    for (let i = 0; i < 50; i++) {
      replies.push(
        await request(nc, `${prefix}.${pick(["stats.recent_chat.get", "messages.outbound.get"])}`, pick(payloads)()),
      );
    }
    assert.ok(
      await eventually(() => ids.every((id) => notices.committed.has(id) || notices.invalid.has(id)), 30_000),
      "every fuzzed event is accounted for",
    );
    for (const id of ids) {
      assert.ok(!(notices.committed.has(id) && notices.invalid.has(id)), `${id} both stored and rejected`);
    }
    const after = await stats();
    assert.equal(after.received - before.received, N);
    const committed = ids.filter((id) => notices.committed.has(id)).length;
    assert.equal(after.committed - before.committed, committed);
    assert.ok(committed > 100 && committed < N, `a mix of valid and invalid (${committed} valid)`);
    assert.ok(after.invalid.oversized > before.invalid.oversized);
    assert.ok(after.invalid["invalid-json"] > before.invalid["invalid-json"]);
    for (const reply of replies) {
      assert.ok(
        Array.isArray(reply) || typeof (reply as { error?: unknown }).error === "string",
        JSON.stringify(reply),
      );
    }
    assert.equal(check.prepare("PRAGMA integrity_check").get()?.integrity_check, "ok");
    assert.equal(check.prepare("SELECT count(*) AS n FROM channel_stats").get()?.n, 1);
    assert.equal(check.prepare("SELECT count(*) AS n FROM current_status").get()?.n, 1);
  });
});
