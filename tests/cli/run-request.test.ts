import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRunRequest, reproduceCommand, runOptionsFor, shellQuote } from "../../src/cli/run-request.ts";
import { UsageError } from "../../src/errors.ts";
import { chatEvent, phase, scenario as makeScenario } from "../support/scenario.ts";

const signal = new AbortController().signal;

describe("parseRunRequest", () => {
  it("builds a single run's request from its flags", () => {
    const r = parseRunRequest(
      ["burst", "--quick", "--seed", "3", "--max-lag", "40", "--out", "o", "--service-command", "svc", "--repeat", "2"],
      {},
    );
    assert.equal(r.ref, "burst");
    assert.equal(r.all, undefined);
    assert.equal(r.quick, true);
    assert.equal(r.seed, 3);
    assert.equal(r.maxLagMs, 40);
    assert.equal(r.out, "o");
    assert.deepEqual(r.serviceCommand, { command: "svc" });
    assert.equal(r.extras.repeat, 2);
    assert.equal(r.progressIntervalS, undefined, "the default interval is the display's");
    assert.equal(parseRunRequest(["burst", "--progress-interval", "30"], {}).progressIntervalS, 30);
    assert.equal(parseRunRequest(["--all", "--progress-interval", "0"], {}).progressIntervalS, 0);
    assert.throws(() => parseRunRequest(["a", "--progress-interval", "soon"], {}), /`--progress-interval` expects/);
  });

  it("builds a catalogue run's request; only --nats (not NATS_URL) overrides each scenario's target", () => {
    const env = { NATS_URL: "nats://env:4222" };
    const all = parseRunRequest(["--all", "--tag", "ci", "--tag", "x", "--dir", "d"], env);
    assert.deepEqual(all.all, { dir: "d", tags: ["ci", "x"], allowCommands: false });
    assert.equal(all.natsUrl, undefined);
    assert.equal(parseRunRequest(["burst"], env).natsUrl, "nats://env:4222");
    assert.equal(parseRunRequest(["--all", "--nats", "nats://flag:1"], env).natsUrl, "nats://flag:1");
  });

  it("refuses stray arguments and selection flags without --all", () => {
    assert.throws(() => parseRunRequest([], {}), (e) => e instanceof UsageError && /name a scenario/.test(e.message));
    assert.throws(() => parseRunRequest(["a", "b"], {}), /unexpected argument `b`/);
    assert.throws(() => parseRunRequest(["--all", "a"], {}), /`--all` runs every scenario; remove `a`/);
    assert.throws(() => parseRunRequest(["a", "--tag", "ci"], {}), /`--tag` selects scenarios for `--all`/);
    assert.throws(() => parseRunRequest(["a", "--max-lag", "x"], {}), UsageError);
  });
});

describe("runOptionsFor", () => {
  const scenario = makeScenario({
    name: "tiny",
    prefix: "p",
    events: [chatEvent("p")],
    phases: [phase("steady", "steady", 1000, { kind: "concurrency", workers: 1, thinkTimeMs: 0 })],
  });

  it("maps the same request to the same run options for a single run and for --all", () => {
    const single = runOptionsFor(parseRunRequest(["tiny", "--max-lag", "50", "--seed", "9"], {}), scenario, { signal });
    const all = runOptionsFor(parseRunRequest(["--all", "--max-lag", "50", "--seed", "9"], {}), scenario, { signal });
    for (const o of [single, all]) {
      assert.deepEqual(o.health, { maxLagP99Us: 50_000 });
      assert.equal(o.seed, 9);
    }
    assert.equal(single.command, "busmark run tiny --max-lag 50 --seed 9");
    assert.equal(all.command, "busmark run tiny --max-lag 50 --seed 9");
  });

  it("shell-quotes each argument of the reproduce line that needs it", () => {
    assert.equal(shellQuote("tiny"), "tiny");
    assert.equal(shellQuote("--out=a/b.c"), "--out=a/b.c");
    assert.equal(shellQuote("it's here"), `'it'\\''s here'`);
    assert.equal(shellQuote(""), "''");
    const r = parseRunRequest(["my dir/tiny.yaml", "--service-command", "svc --db '{db}' && echo $HOME"], {});
    assert.equal(
      reproduceCommand(r, "tiny"),
      `busmark run 'my dir/tiny.yaml' --service-command 'svc --db '\\''{db}'\\'' && echo $HOME'`,
    );
    const all = parseRunRequest(["--all", "--dir", "d", "--allow-commands", "--tag", "a b", "--seed", "3"], {});
    assert.equal(reproduceCommand(all, "x"), "busmark run x --seed 3");
  });

  it("refuses --service-db without --service-command", () => {
    assert.throws(
      () => parseRunRequest(["tiny", "--service-db", "x.db"], {}),
      (e) => e instanceof UsageError && /`--service-db` names the database of `--service-command`/.test(e.message),
    );
  });

  it("masks secrets in the reproduce line", () => {
    const r = parseRunRequest(["tiny", "--nats-pass", "hunter2", "--nats-user", "u"], {});
    assert.doesNotMatch(reproduceCommand(r, "tiny"), /hunter2/);
  });
});
