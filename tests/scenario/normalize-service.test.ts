import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { base, check, problems, valid } from "./support.ts";

describe("normalizeTarget", () => {
  it("leaves an empty or absent URL to default resolution", () => {
    assert.deepEqual(valid(check(base())).target, {});
    assert.deepEqual(valid(check(base({ target: { nats: "${NATS_URL:-}" } }))).target, {});
    assert.deepEqual(valid(check(base({ target: {} }))).target, {});
  });

  it("takes a URL, a list of URLs, or `embedded`", () => {
    assert.deepEqual(valid(check(base({ target: { nats: "nats://10.0.0.1:4222" } }))).target, {
      url: "nats://10.0.0.1:4222",
    });
    assert.deepEqual(valid(check(base({ target: { nats: "a:4222, tls://b:4223" } }))).target, {
      url: "a:4222, tls://b:4223",
    });
    assert.deepEqual(valid(check(base({ target: { nats: "embedded" } }))).target, { embedded: true });
  });

  it("interpolates the URL from the environment", () => {
    const env = { NATS_URL: "nats://127.0.0.1:5000" };
    assert.equal(valid(check(base({ target: { nats: "${NATS_URL:-}" } }), { env })).target.url, env.NATS_URL);
  });

  it("rejects what is not a NATS URL", () => {
    assert.deepEqual(problems(check(base({ target: { nats: "localhost" } }))), [
      "invalid-value: expected a NATS URL like `nats://127.0.0.1:4222` (or `embedded`, or empty), got `localhost`",
    ]);
  });
});

describe("normalizeService", () => {
  it("defaults to the reference service", () => {
    assert.deepEqual(valid(check(base())).service, {
      kind: "reference",
      prefix: "rosey.db",
      jetstream: false,
      batchMax: 1000,
    });
  });

  it("takes the reference service's settings", () => {
    const s = valid(check(base({ service: { reference: { prefix: "bot.db", jetstream: true, batchMax: 10 } } })));
    assert.deepEqual(s.service, { kind: "reference", prefix: "bot.db", jetstream: true, batchMax: 10 });
    assert.equal(s.events[0]!.subject, "bot.db.message.log");
  });

  it("normalizes external and none services and their probes", () => {
    const external = valid(check(base({ service: { external: { db: "/tmp/x.db", ready: { delay: "2s" } } } })));
    assert.deepEqual(external.service, {
      kind: "external",
      prefix: "rosey.db",
      db: "/tmp/x.db",
      ready: { kind: "delay", ms: 2000 },
    });
    const noProbe = valid(check(base({ service: { external: {} } })));
    assert.deepEqual(noProbe.service, { kind: "external", prefix: "rosey.db", ready: { kind: "delay", ms: 0 } });
    const sub = valid(check(base({
      service: { command: { run: "svc", ready: { subscription: "message.log" } } },
    })));
    assert.deepEqual(sub.service, {
      kind: "command",
      prefix: "rosey.db",
      command: "svc",
      ready: { kind: "subscription", subject: "rosey.db.message.log", timeoutMs: 10_000 },
      env: {},
    });
    const none = check(base({ service: { none: { prefix: "x" } }, events: { e: { subject: "a.b" } } }));
    assert.deepEqual(valid(none).service, { kind: "none", prefix: "x" });
    assert.equal(valid(none).events[0]!.persisted, false);
  });

  it("rejects a bad prefix and bad probes", () => {
    assert.deepEqual(problems(check(base({ service: { reference: { prefix: "rosey.*" } } }))), [
      "invalid-subject: prefix `rosey.*` contains a wildcard; events are published to concrete subjects",
    ]);
    const two = check(base({
      service: { command: { run: "svc", ready: { request: "_stats", delay: "1s", timeout: "2s" } } },
    }));
    assert.deepEqual(problems(two), [
      "invalid-probe: a readiness probe takes one of `request`, `subscription`, `delay`, not request and delay",
      "invalid-probe: a `delay` probe has no `timeout`",
    ]);
    const onlyTimeout = check(base({ service: { command: { run: "svc", ready: { timeout: "2s" } } } }));
    assert.deepEqual(problems(onlyTimeout), [
      "invalid-probe: a readiness probe needs one of `request`, `subscription`, `delay`",
    ]);
    const long = check(base({ service: { external: { ready: { request: "a b", timeout: "1h" } } } }));
    assert.deepEqual(problems(long), [
      "invalid-subject: subject `a b` contains white space",
      "out-of-range: a readiness timeout must be at most 600s (the cap), got `1h`",
    ]);
  });

  it("requires the reference storage for the direct path", () => {
    assert.equal(valid(check(base({ path: "direct" }))).path, "direct");
    assert.deepEqual(problems(check(base({ path: "direct", service: { external: {} } }))), [
      "invalid-service: the `direct` path writes with the reference storage: use `reference`",
    ]);
  });

  it("requires the reference storage for a phase on the direct path", () => {
    const phases = [
      { name: "a", kind: "steady", duration: "1s", load: { rate: 10 } },
      { name: "b", kind: "steady", duration: "1s", load: { rate: 10 }, path: "direct" },
    ];
    const r = check(base({ phases, service: { command: { run: "svc", ready: { delay: "1s" } } } }));
    assert.deepEqual(problems(r), [
      "invalid-service: the `direct` path writes with the reference storage: use `reference`",
    ]);
    assert.equal(r.problems[0]!.path, "/phases/1/path");
  });

  it("reads `notices` of a command or external service", () => {
    const command = valid(check(base({
      service: { command: { run: "svc", ready: { delay: "1s" }, notices: true } },
    }))).service;
    assert.equal(command.kind === "command" && command.notices, true);
    const external = valid(check(base({ service: { external: { notices: false, db: "/x.db" } } }))).service;
    assert.deepEqual(external, {
      kind: "external",
      prefix: "rosey.db",
      db: "/x.db",
      notices: false,
      ready: { kind: "delay", ms: 0 },
    });
    assert.deepEqual(problems(check(base({ service: { reference: { notices: true } } }))), [
      "unknown-property: unknown property `notices`; expected one of prefix, jetstream, batchMax",
    ]);
  });
});
