import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type NatsConnection, nkeys } from "nats";
import { InfrastructureError } from "../../src/errors.ts";
import { connectNats } from "../../src/nats/connect.ts";
import { freePort, type NatsServerHandle, startNatsServer } from "../../src/runtime/nats-server.ts";

const TOKEN = "tok-9f8e7d6c5b4a";
const PASS = "pw-Zq81xLm2";

/** Publishes and receives one message, proving the connection is usable. */
async function roundTrip(nc: NatsConnection): Promise<void> {
  const sub = nc.subscribe("busmark.test.ping", { max: 1 });
  await nc.flush();
  nc.publish("busmark.test.ping", new TextEncoder().encode("hi"));
  for await (const msg of sub) assert.equal(new TextDecoder().decode(msg.data), "hi");
}

/** Asserts that `promise` rejects with an InfrastructureError whose message matches and hides `secrets`. */
async function rejectsMasked(promise: Promise<unknown>, message: RegExp, secrets: string[]): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof InfrastructureError, String(e));
    assert.equal(e.component, "nats");
    assert.match(e.message, message);
    for (const s of secrets) assert.ok(!e.message.includes(s), `secret shown in: ${e.message}`);
    return true;
  });
}

describe("connectNats with token auth", () => {
  let server: NatsServerHandle;
  before(async () => {
    server = await startNatsServer({ args: ["--auth", TOKEN] });
  });
  after(() => server.dispose());

  it("connects with the right token, as an option or in the URL", async () => {
    for (
      const [url, auth] of [[server.url, { token: TOKEN }], [`nats://${TOKEN}@127.0.0.1:${server.port}`, {}]] as const
    ) {
      const nc = await connectNats(url, auth, { name: "busmark-test" });
      await roundTrip(nc);
      await nc.close();
    }
  });

  it("rejects a wrong or missing token with the secret masked", async () => {
    await rejectsMasked(
      connectNats(server.url, { token: "wrong-token-123" }),
      new RegExp(`^Cannot connect to NATS at nats://127\\.0\\.0\\.1:${server.port}: authorization violation`),
      ["wrong-token-123"],
    );
    await rejectsMasked(
      connectNats(`nats://wrong-token-456@127.0.0.1:${server.port}`, {}),
      new RegExp(`at nats://\\*\\*\\*@127\\.0\\.0\\.1:${server.port}: authorization`),
      ["wrong-token-456"],
    );
    await rejectsMasked(connectNats(server.url, {}), /authorization violation/, []);
  });
});

describe("connectNats with user/password", () => {
  let server: NatsServerHandle;
  before(async () => {
    server = await startNatsServer({ args: ["--user", "bench", "--pass", PASS] });
  });
  after(() => server.dispose());

  it("connects with the right user and password, as options or in the URL", async () => {
    for (
      const [url, auth] of [[server.url, { user: "bench", pass: PASS }], [
        `nats://bench:${PASS}@127.0.0.1:${server.port}`,
        {},
      ]] as const
    ) {
      const nc = await connectNats(url, auth);
      await roundTrip(nc);
      await nc.close();
    }
  });

  it("rejects a wrong password with it masked, in options or in the URL", async () => {
    await rejectsMasked(connectNats(server.url, { user: "bench", pass: "not-the-pw" }), /authorization violation/, [
      "not-the-pw",
    ]);
    await rejectsMasked(
      connectNats(`nats://bench:not-the-pw@127.0.0.1:${server.port}`, {}),
      new RegExp(`at nats://bench:\\*\\*\\*@127\\.0\\.0\\.1:${server.port}: authorization`),
      ["not-the-pw"],
    );
  });
});

describe("connectNats with an NKey", () => {
  const dir = mkdtempSync(join(tmpdir(), "busmark-nkey-"));
  const user = nkeys.createUser();
  const seed = new TextDecoder().decode(user.getSeed());
  let server: NatsServerHandle;
  before(async () => {
    const conf = join(dir, "server.conf");
    writeFileSync(conf, `authorization { users = [ { nkey: "${user.getPublicKey()}" } ] }\n`);
    server = await startNatsServer({ args: ["-c", conf] });
  });
  after(async () => {
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("connects with the seed, and is refused with another one", async () => {
    const nc = await connectNats(server.url, { nkeySeed: seed });
    await roundTrip(nc);
    await nc.close();
    const other = new TextDecoder().decode(nkeys.createUser().getSeed());
    await rejectsMasked(connectNats(server.url, { nkeySeed: other }), /authorization violation/, [other]);
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("connectNats with TLS and client certificates", { skip: !hasOpenssl() && "openssl is not installed" }, () => {
  const dir = mkdtempSync(join(tmpdir(), "busmark-tls-"));
  const f = (name: string) => join(dir, name);
  let server: NatsServerHandle;
  before(async () => {
    const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    ssl("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=busmark test CA");
    writeFileSync(f("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    writeFileSync(f("client.ext"), "extendedKeyUsage=clientAuth\n");
    for (const who of ["server", "client"]) {
      ssl("req", ...ec, "-keyout", `${who}.key`, "-out", `${who}.csr`, "-subj", `/CN=busmark ${who}`);
      ssl(
        "x509",
        "-req",
        "-in",
        `${who}.csr`,
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "1",
        "-out",
        `${who}.pem`,
        "-extfile",
        `${who}.ext`,
      );
    }
    server = await startNatsServer({
      args: [
        "--tls",
        "--tlscert",
        f("server.pem"),
        "--tlskey",
        f("server.key"),
        "--tlsverify",
        "--tlscacert",
        f("ca.pem"),
      ],
    });
  });
  after(async () => {
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("connects with the CA and a client certificate", async () => {
    const nc = await connectNats(server.url, { tlsCa: f("ca.pem"), tlsCert: f("client.pem"), tlsKey: f("client.key") });
    await roundTrip(nc);
    await nc.close();
  });

  it("fails without the client certificate", async () => {
    await rejectsMasked(
      connectNats(server.url, { tlsCa: f("ca.pem") }, { timeoutMs: 1000 }),
      /^Cannot connect to NATS at /,
      [],
    );
  });
});

describe("connectNats failures and reconnects", () => {
  it("throws an InfrastructureError when nothing listens", async () => {
    const port = await freePort();
    await rejectsMasked(
      connectNats(`nats://u:secret-pw@127.0.0.1:${port}`, {}),
      new RegExp(`^Cannot connect to NATS at nats://u:\\*\\*\\*@127\\.0\\.0\\.1:${port}: connection refused`),
      ["secret-pw"],
    );
  });

  it("finds a restarted server again when reconnecting, and closes without reconnect", async () => {
    const server = await startNatsServer();
    try {
      const nc = await connectNats(server.url, {}, { reconnect: true });
      const once = await connectNats(server.url, {}, { reconnect: false });
      const events: string[] = [];
      void (async () => {
        for await (const s of nc.status()) events.push(String(s.type));
      })();
      await server.stop();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<string>((resolve) => timer = setTimeout(() => resolve("open"), 5000));
      assert.equal(await Promise.race([once.closed().then(() => "closed"), timeout]), "closed");
      clearTimeout(timer);
      await server.start();
      const deadline = Date.now() + 10_000;
      while (!events.includes("reconnect") && Date.now() < deadline) await delay(50, null);
      assert.ok(events.includes("reconnect"), `status events: ${events.join(",")}`);
      await roundTrip(nc);
      await nc.close();
    } finally {
      await server.dispose();
    }
  });
});

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}
