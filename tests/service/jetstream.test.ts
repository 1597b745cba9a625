import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { connect, headers, type NatsConnection } from "nats";
import { type NatsServerHandle, startNatsServer } from "../../src/runtime/nats-server.ts";
import { DEFAULT_MAX_PAYLOAD } from "../../src/service/contract.ts";
import { defaultStreamName } from "../../src/service/jetstream.ts";
import { BM_ID_HEADER } from "../../src/service/notices.ts";
import { startService } from "../../src/service/service.ts";
import type { ServiceStats } from "../../src/service/stats.ts";
import {
  countRows,
  eventually,
  json,
  NoticeLog,
  openCheck,
  request,
  spawnService,
  tempDb,
  uniquePrefix,
  waitForStats,
} from "./support.ts";

describe("JetStream mode", () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  before(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
  });
  after(async () => {
    await nc.close();
    await server.dispose();
  });

  /** Publishes through JetStream (awaiting the stream's acks) a marked message.log event. */
  function jsPublish(prefix: string, id: string) {
    const h = headers();
    h.set(BM_ID_HEADER, id);
    return nc.jetstream().publish(`${prefix}.message.log`, json({ username: "u", message: id }), { headers: h });
  }

  it("loses nothing and duplicates nothing while the service is killed and restarted", async () => {
    const tmp = tempDb();
    const prefix = uniquePrefix();
    const notices = new NoticeLog(nc, prefix);
    const args = ["--db", tmp.path, "--nats", server.url, "--prefix", prefix, "--jetstream", "--ack-wait", "1000"];
    let service = spawnService([...args, "--batch-max", "50"]);
    const N = 2000;
    try {
      await waitForStats(nc, prefix);
      for (let chunk = 0; chunk < 40; chunk++) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => jsPublish(prefix, `j.${chunk * 50 + i}`)));
        if (chunk === 10 || chunk === 25) {
          service.signal("SIGKILL");
          await service.exited();
        }
        if (chunk === 15 || chunk === 30) service = spawnService(args);
        await new Promise((r) => setTimeout(r, 20));
      }
      const db = await openCheck(tmp.path);
      try {
        const rows = () => countRows(db, "recent_chat");
        assert.ok(await eventually(() => rows() >= N, 30_000), `only ${rows()} of ${N} stored`);
        await new Promise((r) => setTimeout(r, 1500)); // longer than the ack wait: late redeliveries would show
        assert.equal(rows(), N);
        assert.equal(Number(db.prepare("SELECT count(DISTINCT message) AS n FROM recent_chat").get()?.n), N);
      } finally {
        db.close();
      }
      for (const [id, times] of notices.committed) assert.equal(times, 1, `${id} reported committed ${times} times`);
      const stats = await request(nc, `${prefix}._stats`) as ServiceStats;
      assert.equal(stats.mode, "jetstream");
      const last = await request(nc, `${prefix}.stats.recent_chat.get`, { limit: 1 }) as { username: string }[];
      assert.equal(last.length, 1);
      assert.equal(last[0]!.username, "u");
      service.signal("SIGTERM");
      await service.exited();
    } finally {
      notices.close();
      await service.dispose();
      tmp.dispose();
    }
  });

  it("answers requests through core NATS, skips redeliveries, and restarts dedup when the stream is recreated", async () => {
    const tmp = tempDb();
    const prefix = uniquePrefix();
    const notices = new NoticeLog(nc, prefix);
    const options = {
      natsUrl: server.url,
      dbPath: tmp.path,
      prefix,
      jetstream: true,
      batchMax: 100,
      maxPayload: DEFAULT_MAX_PAYLOAD,
      pruneIntervalS: 60,
      js: { ackWaitMs: 1000, durable: "t-durable" },
    };
    let service = await startService(options);
    try {
      await service.ready;
      for (let i = 0; i < 3; i++) await jsPublish(prefix, `a.${i}`);
      assert.ok(await eventually(() => notices.committed.size === 3));
      const rows = await request(nc, `${prefix}.stats.recent_chat.get`, { limit: 10 }) as { message: string }[];
      assert.deepEqual(rows.map((r) => r.message), ["a.0", "a.1", "a.2"], "a reply, not a stream PubAck");
      await service.stop();

      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(defaultStreamName(prefix));
      service = await startService(options);
      await service.ready;
      for (let i = 0; i < 3; i++) await jsPublish(prefix, `b.${i}`); // stream sequences 1..3 again
      assert.ok(await eventually(() => notices.committed.size === 6), `${notices.committed.size} committed`);
      const stats = service.stats();
      assert.equal(stats.duplicates, 0);
      assert.equal(stats.mode, "jetstream");
    } finally {
      notices.close();
      await service.stop();
      const db = await openCheck(tmp.path);
      assert.equal(countRows(db, "recent_chat"), 6);
      db.close();
      tmp.dispose();
    }
  });
});
