import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { InfrastructureError } from "../../src/errors.ts";
import { connectNats } from "../../src/nats/connect.ts";
import { natsServerPid, NOT_INSTALLED_MESSAGE, resolveTarget } from "../../src/nats/target.ts";
import { freePort, portAnswers } from "../../src/runtime/nats-server.ts";

const SHARED = "nats://127.0.0.1:4222";

function comm(pid: number | undefined): string {
  return pid === undefined ? "" : readFileSync(`/proc/${pid}/comm`, "utf8").trim();
}

describe("resolveTarget", () => {
  it("uses the URL given, masked for display", async () => {
    const target = await resolveTarget({ url: "nats://bob:pw123@10.9.8.7:4222", env: { NATS_URL: "nats://e:1" } });
    assert.equal(target.source, "flag");
    assert.equal(target.url, "nats://bob:pw123@10.9.8.7:4222");
    assert.equal(target.maskedUrl, "nats://bob:***@10.9.8.7:4222");
    assert.equal(target.embedded, undefined);
    assert.equal(natsServerPid(target), undefined, "a remote server's pid is unknown");
    await target.dispose();
  });

  it("falls back to NATS_URL", async () => {
    const target = await resolveTarget({ env: { NATS_URL: "nats://tok@127.0.0.1:4999" }, url: " " });
    assert.equal(target.source, "env");
    assert.equal(target.maskedUrl, "nats://***@127.0.0.1:4999");
  });

  it("uses the default server when it answers, and finds its pid", async () => {
    assert.ok(await portAnswers("127.0.0.1", 4222), "the shared nats-server must run on 127.0.0.1:4222");
    const target = await resolveTarget({ env: {} });
    assert.equal(target.source, "default");
    assert.equal(target.url, SHARED);
    const pid = natsServerPid(target);
    assert.equal(comm(pid), "nats-server");
    assert.equal(natsServerPid(target), pid, "the cached pid is still right");
    await target.dispose();
    assert.ok(await portAnswers("127.0.0.1", 4222), "dispose leaves a server it did not start alone");
  });

  it("starts an embedded server when nothing answers on the default port, and stops it on dispose", async () => {
    const port = await freePort();
    const defaultUrl = `nats://127.0.0.1:${port}`;
    const target = await resolveTarget({ env: {}, defaultUrl });
    try {
      assert.equal(target.source, "embedded");
      assert.ok(target.embedded);
      assert.notEqual(target.url, defaultUrl);
      assert.equal(target.maskedUrl, target.url);
      assert.equal(natsServerPid(target), target.embedded.pid());
      assert.equal(comm(natsServerPid(target)), "nats-server");
      const nc = await connectNats(target.url, {});
      const info = await (await nc.jetstreamManager()).getAccountInfo();
      assert.ok(info.limits !== undefined, "the embedded server has JetStream");
      await nc.close();
    } finally {
      await target.dispose();
    }
    assert.equal(await portAnswers("127.0.0.1", target.embedded.port), false, "the embedded server is stopped");
    await target.dispose();
  });

  it("always starts an embedded server when asked to, whatever answers", async () => {
    const target = await resolveTarget({ embedded: true, url: SHARED, env: { NATS_URL: SHARED } });
    try {
      assert.equal(target.source, "embedded");
      assert.notEqual(target.embedded?.port, 4222);
      assert.ok(await portAnswers("127.0.0.1", target.embedded!.port));
    } finally {
      await target.dispose();
    }
    assert.equal(await portAnswers("127.0.0.1", target.embedded!.port), false);
  });

  it("refuses to start one when the embedded server is disabled", async () => {
    const port = await freePort();
    await assert.rejects(
      resolveTarget({ env: {}, defaultUrl: `nats://127.0.0.1:${port}`, allowEmbedded: false }),
      (e: unknown) => e instanceof InfrastructureError && /nothing answers/.test(e.message),
    );
  });

  it("names the install command and --nats when nats-server is not installed", async () => {
    const port = await freePort();
    await assert.rejects(
      resolveTarget({ env: {}, defaultUrl: `nats://127.0.0.1:${port}`, findServer: () => undefined }),
      (e: unknown) => {
        assert.ok(e instanceof InfrastructureError);
        assert.equal(e.component, "nats");
        assert.equal(e.message, NOT_INSTALLED_MESSAGE);
        assert.match(e.message, /apt-get install -y nats-server/);
        assert.match(e.message, /--nats URL/);
        return true;
      },
    );
  });
});

describe("natsServerPid", () => {
  it("is undefined when nothing listens on a loopback target", async () => {
    const port = await freePort();
    const target = await resolveTarget({ url: `nats://localhost:${port}`, env: {} });
    assert.equal(natsServerPid(target), undefined);
  });
});
