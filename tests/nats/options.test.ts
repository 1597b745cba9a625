import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { type Authenticator, nkeys } from "nats";
import { UsageError } from "../../src/errors.ts";
import { connectionOptions, NATS_FLAG_USAGE, parseNatsFlags } from "../../src/nats/options.ts";

describe("parseNatsFlags", () => {
  const cases: {
    name: string;
    args: string[];
    env?: Record<string, string>;
    url?: string;
    auth?: object;
    rest?: string[];
  }[] = [
    { name: "nothing", args: ["run", "x"], rest: ["run", "x"], auth: {} },
    {
      name: "every flag, space form",
      args: [
        "--nats",
        "nats://h:1",
        "--nats-user",
        "u",
        "--nats-pass",
        "p",
        "--nats-token",
        "t",
        "--nats-creds",
        "c.creds",
        "--nats-nkey",
        "k.nk",
        "--tls-ca",
        "ca.pem",
        "--tls-cert",
        "c.pem",
        "--tls-key",
        "k.pem",
      ],
      url: "nats://h:1",
      auth: {
        user: "u",
        pass: "p",
        token: "t",
        creds: "c.creds",
        nkeySeed: "k.nk",
        tlsCa: "ca.pem",
        tlsCert: "c.pem",
        tlsKey: "k.pem",
      },
      rest: [],
    },
    {
      name: "equals form keeps '=' inside values",
      args: ["--nats=nats://h:2", "--nats-pass=a=b", "scenario"],
      url: "nats://h:2",
      auth: { pass: "a=b" },
      rest: ["scenario"],
    },
    {
      name: "env fallbacks",
      args: [],
      env: {
        NATS_URL: "nats://e:3",
        NATS_USER: "eu",
        NATS_PASSWORD: "ep",
        NATS_TOKEN: "et",
        NATS_CREDS: "e.creds",
        NATS_NKEY: "e.nk",
        NATS_CA: "eca",
        NATS_CERT: "ecert",
        NATS_KEY: "ekey",
      },
      url: "nats://e:3",
      auth: {
        user: "eu",
        pass: "ep",
        token: "et",
        creds: "e.creds",
        nkeySeed: "e.nk",
        tlsCa: "eca",
        tlsCert: "ecert",
        tlsKey: "ekey",
      },
      rest: [],
    },
    {
      name: "flags win over env, empty env ignored",
      args: ["--nats-user", "flag-user", "--nats", "nats://f:1"],
      env: { NATS_USER: "env-user", NATS_PASSWORD: "env-pass", NATS_URL: "nats://e:1", NATS_TOKEN: "" },
      url: "nats://f:1",
      auth: { user: "flag-user", pass: "env-pass" },
      rest: [],
    },
    {
      name: "unknown args untouched, in order; nothing after --",
      args: ["--quick", "a", "--nats-token", "t", "--natsy", "b", "--", "--nats", "x"],
      auth: { token: "t" },
      rest: ["--quick", "a", "--natsy", "b", "--", "--nats", "x"],
    },
    { name: "last repeat wins", args: ["--nats-token", "a", "--nats-token=b"], auth: { token: "b" }, rest: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const parsed = parseNatsFlags(c.args, c.env ?? {});
      assert.equal(parsed.url, c.url);
      assert.deepEqual(parsed.auth, c.auth ?? {});
      assert.deepEqual(parsed.rest, c.rest ?? []);
    });
  }

  it("tells whether the URL came from the flag or the environment", () => {
    assert.equal(parseNatsFlags(["--nats", "a"], { NATS_URL: "b" }).urlSource, "flag");
    assert.equal(parseNatsFlags([], { NATS_URL: "b" }).urlSource, "env");
    assert.equal(parseNatsFlags([], {}).urlSource, undefined);
  });

  for (const args of [["--nats"], ["--nats-pass", "--quick"], ["--tls-key="], ["x", "--nats-creds"]]) {
    it(`rejects a flag without a value: ${args.join(" ")}`, () => {
      assert.throws(
        () => parseNatsFlags(args, {}),
        (e: unknown) => e instanceof UsageError && /needs a value/.test(e.message),
      );
    });
  }

  it("documents every flag and variable", () => {
    for (
      const word of [
        "--nats ",
        "--nats-user",
        "--nats-pass",
        "--nats-token",
        "--nats-creds",
        "--nats-nkey",
        "--tls-ca",
        "--tls-cert",
        "--tls-key",
        "NATS_URL",
        "NATS_PASSWORD",
        "NATS_CREDS",
      ]
    ) {
      assert.ok(NATS_FLAG_USAGE.includes(word), word);
    }
  });
});

describe("connectionOptions", () => {
  const dir = mkdtempSync(join(tmpdir(), "busmark-opts-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const user = nkeys.createUser();
  const seed = new TextDecoder().decode(user.getSeed());
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const authenticate = (fn: Authenticator | Authenticator[] | undefined, nonce: string) => {
    const list = Array.isArray(fn) ? fn : fn ? [fn] : [];
    assert.equal(list.length, 1);
    return list[0]!(nonce) as { jwt?: string; nkey?: string; sig?: string };
  };
  const verifies = (sig: string | undefined, nonce: string) =>
    user.verify(new TextEncoder().encode(nonce), nkeys.decode(sig ?? ""));

  it("moves URL credentials into options and strips them from servers", () => {
    const o = connectionOptions("nats://u:p%21@h1:1, nats://h2:2", {});
    assert.deepEqual(o.servers, ["nats://h1:1", "nats://h2:2"]);
    assert.equal(o.user, "u");
    assert.equal(o.pass, "p!");
    const t = connectionOptions("nats://tok@h:1", {});
    assert.equal(t.token, "tok");
    assert.deepEqual(t.servers, ["nats://h:1"]);
  });

  it("lets explicit auth win over the URL, without mixing users and passwords", () => {
    const o = connectionOptions("nats://u:p@h:1", { user: "v" });
    assert.equal(o.user, "v");
    assert.equal(o.pass, undefined);
    const q = connectionOptions("nats://u:p@h:1", { pass: "q" });
    assert.equal(q.user, "u");
    assert.equal(q.pass, "q");
  });

  it("builds an NKey authenticator from an inline seed or a seed file", () => {
    for (const value of [seed, file("user.nk", `# seed\n${seed}\n`)]) {
      const o = connectionOptions("nats://h:1", { nkeySeed: value });
      const out = authenticate(o.authenticator, "nonce-1");
      assert.equal(out.nkey, user.getPublicKey());
      assert.ok(verifies(out.sig, "nonce-1"));
    }
  });

  it("builds a JWT authenticator from a credentials file", () => {
    const jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.e30.c2ln";
    const creds = file(
      "user.creds",
      `-----BEGIN NATS USER JWT-----\n${jwt}\n------END NATS USER JWT------\n\n` +
        `-----BEGIN USER NKEY SEED-----\n${seed}\n------END USER NKEY SEED------\n`,
    );
    const out = authenticate(connectionOptions("nats://h:1", { creds }).authenticator, "nonce-2");
    assert.equal(out.jwt, jwt);
    assert.equal(out.nkey, user.getPublicKey());
    assert.ok(verifies(out.sig, "nonce-2"));
  });

  it("turns on TLS for TLS files or a tls:// URL", () => {
    const ca = file("ca.pem", "x");
    const cert = file("cert.pem", "x");
    const key = file("key.pem", "x");
    assert.deepEqual(connectionOptions("nats://h:1", { tlsCa: ca, tlsCert: cert, tlsKey: key }).tls, {
      caFile: ca,
      certFile: cert,
      keyFile: key,
    });
    assert.deepEqual(connectionOptions("nats://h:1", { tlsCa: ca }).tls, { caFile: ca });
    assert.deepEqual(connectionOptions("tls://h:1", {}).tls, {});
    assert.equal(connectionOptions("nats://h:1", {}).tls, undefined);
  });

  it("merges extra options last", () => {
    const o = connectionOptions("nats://h:1", { token: "t" }, { name: "x", token: "override" });
    assert.equal(o.name, "x");
    assert.equal(o.token, "override");
  });

  const bad: [string, () => unknown, RegExp][] = [
    ["empty URL", () => connectionOptions(" , ", {}), /URL is empty/],
    [
      "missing creds file",
      () => connectionOptions("h", { creds: join(dir, "nope.creds") }),
      /credentials file .*no such file/,
    ],
    ["not a creds file", () => connectionOptions("h", { creds: file("bad.creds", "hello") }), /no user JWT/],
    [
      "missing seed file",
      () => connectionOptions("h", { nkeySeed: join(dir, "nope.nk") }),
      /NKey seed file .*no such file/,
    ],
    ["seed file without a seed", () => connectionOptions("h", { nkeySeed: file("bad.nk", "hello") }), /no NKey seed/],
    ["invalid inline seed", () => connectionOptions("h", { nkeySeed: "S" + "A".repeat(57) }), /not a valid NKey seed/],
    [
      "creds and nkey together",
      () => connectionOptions("h", { creds: "a", nkeySeed: seed }),
      /both a credentials file and an NKey/,
    ],
    ["cert without key", () => connectionOptions("h", { tlsCert: "c" }), /must be given together/],
    ["missing CA file", () => connectionOptions("h", { tlsCa: join(dir, "nope.pem") }), /TLS CA file/],
  ];
  for (const [name, fn, message] of bad) {
    it(`rejects ${name} with a UsageError`, () => {
      assert.throws(
        fn,
        (e: unknown) => e instanceof UsageError && message.test(e.message) && !e.message.includes(seed),
      );
    });
  }
});
