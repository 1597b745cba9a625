import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { connect, type NatsConnection } from "nats";
import { type NatsServerHandle, startNatsServer } from "../../src/runtime/nats-server.ts";
import {
  countRows,
  eventually,
  NoticeLog,
  openCheck,
  publish,
  request,
  SHARED_NATS,
  spawnService,
  tempDb,
  uniquePrefix,
  waitForStats,
} from "./support.ts";

/** Sends `signal` and resolves to the ms until the process exited. */
async function timeToExit(service: ReturnType<typeof spawnService>, signal: NodeJS.Signals): Promise<number> {
  const start = performance.now();
  service.signal(signal);
  await service.exited();
  return performance.now() - start;
}

describe("service process on the shared NATS server", () => {
  let nc: NatsConnection;
  before(async () => {
    nc = await connect({ servers: SHARED_NATS });
  });
  after(() => nc.close());

  it("rejects bad flags with exit code 2", async () => {
    const service = spawnService(["--prefix", "x"]);
    try {
      assert.equal((await service.exited()).code, 2);
      assert.match(service.stderr(), /--db PATH is required/);
    } finally {
      await service.dispose();
    }
  });

  it("on SIGTERM commits everything already published, notifies it, and exits within 2 s", async () => {
    const tmp = tempDb();
    const prefix = uniquePrefix();
    const notices = new NoticeLog(nc, prefix);
    const service = spawnService(["--db", tmp.path, "--nats", SHARED_NATS, "--prefix", prefix, "--quiet"]);
    try {
      await waitForStats(nc, prefix);
      // Paused, the service cannot read: the events wait in its socket when the SIGTERM arrives.
      service.signal("SIGSTOP");
      const N = 5000;
      for (let i = 0; i < N; i++) publish(nc, `${prefix}.message.log`, { username: "u", message: `s.${i}` }, `s.${i}`);
      await nc.flush();
      service.signal("SIGTERM");
      const ms = await timeToExit(service, "SIGCONT");
      assert.ok(ms < 2000, `exited ${ms.toFixed(0)} ms after resuming`);
      assert.equal((await service.exited()).code, 0);
      const db = await openCheck(tmp.path);
      try {
        assert.equal(countRows(db, "recent_chat"), N);
        assert.equal(countRows(db, "recent_chat", "WHERE message GLOB 's.*'"), N);
      } finally {
        db.close();
      }
      assert.ok(await eventually(() => notices.committed.size === N, 3000), `${notices.committed.size} notified`);
    } finally {
      notices.close();
      await service.dispose();
      tmp.dispose();
    }
  });

  it("after SIGKILL the database opens cleanly with every notified event; core mode loses what is sent while down", async () => {
    const tmp = tempDb();
    const prefix = uniquePrefix();
    const notices = new NoticeLog(nc, prefix);
    const args = ["--db", tmp.path, "--nats", SHARED_NATS, "--prefix", prefix, "--quiet", "--batch-max", "200"];
    let service = spawnService(args);
    let published = 0;
    try {
      await waitForStats(nc, prefix);
      const until = Date.now() + 5000;
      while (Date.now() < until && notices.committed.size < 2000) {
        for (let i = 0; i < 100; i++, published++) {
          publish(nc, `${prefix}.message.log`, { username: "u", message: `k.${published}` }, `k.${published}`);
        }
        await nc.flush();
      }
      service.signal("SIGKILL");
      await service.exited();
      const db = await openCheck(tmp.path);
      try {
        assert.equal(db.prepare("PRAGMA integrity_check").get()?.integrity_check, "ok");
        const stored = new Set(db.prepare("SELECT message FROM recent_chat").all().map((r) => String(r.message)));
        assert.ok(notices.committed.size > 0, "some transactions were committed before the kill");
        for (const id of notices.committed.keys()) assert.ok(stored.has(id), `${id} notified but not in the database`);
        assert.ok(stored.size <= published);
        assert.equal(countRows(db, "recent_chat"), stored.size, "no duplicates");
      } finally {
        db.close();
      }
      for (let i = 0; i < 50; i++) {
        publish(nc, `${prefix}.message.log`, { username: "u", message: `down.${i}` }, `down.${i}`);
      }
      await nc.flush();
      service = spawnService(args);
      await waitForStats(nc, prefix);
      publish(nc, `${prefix}.message.log`, { username: "u", message: "up.0" }, "up.0");
      assert.ok(await eventually(() => notices.committed.has("up.0")), "the restarted service stores new events");
      const rows = await request(nc, `${prefix}.stats.recent_chat.get`, { limit: 1000 }) as { message: string }[];
      assert.equal(rows.filter((r) => r.message.startsWith("down.")).length, 0, "published while down: lost");
    } finally {
      notices.close();
      await service.dispose();
      tmp.dispose();
    }
  });
});

describe("service process with its own NATS server", () => {
  let server: NatsServerHandle;
  before(async () => {
    server = await startNatsServer();
  });
  after(() => server.dispose());

  it("waits for NATS, reconnects after a NATS restart, and stops within 2 s while NATS is down", async () => {
    const tmp = tempDb();
    const prefix = uniquePrefix();
    await server.stop();
    const service = spawnService(["--db", tmp.path, "--nats", server.url, "--prefix", prefix]);
    let nc: NatsConnection | undefined;
    try {
      assert.ok(await eventually(() => /waiting for NATS/.test(service.stderr()), 20_000), "it waits for NATS");
      await server.start();
      nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
      await waitForStats(nc, prefix);
      const notices = new NoticeLog(nc, prefix);
      await nc.flush();
      publish(nc, `${prefix}.user.joined`, { username: "before" }, "n.1");
      assert.ok(await eventually(() => notices.committed.has("n.1")));
      await server.stop();
      await server.start();
      await waitForStats(nc, prefix);
      await nc.flush();
      publish(nc, `${prefix}.user.joined`, { username: "after" }, "n.2");
      assert.ok(await eventually(() => notices.committed.has("n.2")), "stored after the NATS restart");
      notices.close();
      await server.stop();
      const ms = await timeToExit(service, "SIGTERM");
      assert.ok(ms < 2000, `exited after ${ms.toFixed(0)} ms with NATS down`);
      const db = await openCheck(tmp.path);
      try {
        assert.equal(countRows(db, "user_stats"), 2);
      } finally {
        db.close();
      }
    } finally {
      await nc?.close();
      await service.dispose();
      tmp.dispose();
      await server.start();
    }
  });

  it("stops within 2 s when NATS never answered", async () => {
    const tmp = tempDb();
    await server.stop();
    const service = spawnService(["--db", tmp.path, "--nats", server.url, "--quiet"]);
    try {
      await new Promise((r) => setTimeout(r, 1500));
      const ms = await timeToExit(service, "SIGINT");
      assert.ok(ms < 2000, `exited after ${ms.toFixed(0)} ms`);
      assert.equal((await service.exited()).code, 0);
    } finally {
      await service.dispose();
      tmp.dispose();
      await server.start();
    }
  });
});
