import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "../../src/errors.ts";
import { parseServiceArgs, SERVICE_USAGE } from "../../src/service/options.ts";

const noEnv = () => undefined;

describe("parseServiceArgs", () => {
  it("takes the same NATS connection flags as busmark run, with their environment fallbacks", () => {
    const { options } = parseServiceArgs(
      ["--db", "x.db", "--nats", "nats://127.0.0.1:4333", "--nats-user", "svc"],
      (name) => name === "NATS_PASSWORD" ? "s3cret" : undefined,
    );
    assert.equal(options.natsUrl, "nats://127.0.0.1:4333");
    assert.equal(options.connection?.user, "svc");
    assert.equal(options.connection?.pass, "s3cret");
    const token = parseServiceArgs(["--db", "x.db", "--nats-token=tok"], noEnv).options.connection;
    assert.equal(token?.token, "tok");
  });

  it("applies the defaults", () => {
    const { options, quiet } = parseServiceArgs(["--db", "x.db"], noEnv);
    assert.equal(quiet, false);
    assert.deepEqual(options, {
      natsUrl: "nats://127.0.0.1:4222",
      connection: { servers: ["nats://127.0.0.1:4222"] },
      dbPath: "x.db",
      prefix: "rosey.db",
      jetstream: false,
      batchMax: 1000,
      maxPayload: 65536,
      pruneIntervalS: 60,
      js: { stream: undefined, durable: undefined, ackWaitMs: undefined },
    });
  });

  it("reads every flag, in both spellings, and NATS_URL", () => {
    const { options, quiet } = parseServiceArgs([
      "--db=a.db",
      "--prefix",
      "team-1.db",
      "--jetstream",
      "--batch-max=10",
      "--max-payload",
      "1024",
      "--prune-interval",
      "5",
      "--stream",
      "S",
      "--durable",
      "D",
      "--ack-wait",
      "1500",
      "--quiet",
    ], (name) => name === "NATS_URL" ? "nats://h:1" : undefined);
    assert.equal(quiet, true);
    assert.deepEqual(options, {
      natsUrl: "nats://h:1",
      connection: { servers: ["nats://h:1"] },
      dbPath: "a.db",
      prefix: "team-1.db",
      jetstream: true,
      batchMax: 10,
      maxPayload: 1024,
      pruneIntervalS: 5,
      js: { stream: "S", durable: "D", ackWaitMs: 1500 },
    });
    assert.equal(
      parseServiceArgs(["--db", "a", "--nats", "nats://x:2"], (name) => name === "NATS_URL" ? "nats://h:1" : undefined)
        .options.natsUrl,
      "nats://x:2",
    );
  });

  it("names the problem with a bad command line", () => {
    const cases: [string[], RegExp][] = [
      [[], /--db PATH is required/],
      [["--db"], /--db: it needs a value/],
      [["--db", "a", "--frobnicate"], /--frobnicate: unknown option/],
      [["--db", "a", "--prefix", "a.*"], /--prefix a\.\*/],
      [["--db", "a", "--prefix", "a..b"], /--prefix a\.\.b/],
      [["--db", "a", "--batch-max", "0"], /--batch-max 0: expected an integer from 1/],
      [["--db", "a", "--batch-max", "1.5"], /--batch-max 1\.5/],
      [["--db", "a", "--ack-wait", "5"], /--ack-wait 5/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(
        () => parseServiceArgs(argv, noEnv),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
        argv.join(" "),
      );
    }
  });

  it("documents every flag it accepts", () => {
    for (
      const flag of [
        "--db",
        "--nats",
        "--prefix",
        "--jetstream",
        "--batch-max",
        "--max-payload",
        "--prune-interval",
        "--stream",
        "--durable",
        "--ack-wait",
        "--quiet",
      ]
    ) {
      assert.ok(SERVICE_USAGE.includes(flag), flag);
    }
  });
});
