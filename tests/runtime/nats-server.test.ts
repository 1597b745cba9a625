import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { connect } from "nats";
import { freePort, portAnswers, startNatsServer } from "../../src/runtime/nats-server.ts";

describe("startNatsServer", () => {
  it("starts a private JetStream server, survives a restart, and cleans up", async () => {
    const server = await startNatsServer();
    try {
      assert.match(server.url, /^nats:\/\/127\.0\.0\.1:\d+$/);
      const nc = await connect({ servers: server.url });
      const jsm = await nc.jetstreamManager();
      const info = await jsm.getAccountInfo();
      assert.ok(info.limits !== undefined, "JetStream is enabled");
      await nc.close();
      await server.stop();
      assert.equal(await portAnswers("127.0.0.1", server.port), false);
      await server.start();
      assert.equal(await portAnswers("127.0.0.1", server.port), true);
    } finally {
      await server.dispose();
    }
    assert.equal(await portAnswers("127.0.0.1", server.port), false);
  });

  it("finds free ports", async () => {
    const port = await freePort();
    assert.ok(port > 0 && port < 65536);
  });
});
