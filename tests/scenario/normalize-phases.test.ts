import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { base, check, problems, valid } from "./support.ts";

function phases(...list: Record<string, unknown>[]) {
  return base({ phases: list });
}

describe("phase paths", () => {
  it("keeps a phase's own path and leaves the others to the scenario's", () => {
    const s = valid(check(phases(
      { name: "a", kind: "steady", duration: "1s", load: { rate: 10 }, path: "nats" },
      { name: "b", kind: "steady", duration: "1s", load: { rate: 10 }, path: "direct" },
      { name: "c", kind: "steady", duration: "1s", load: { rate: 10 } },
    )));
    assert.deepEqual(s.phases.map((p) => p.path), ["nats", "direct", undefined]);
    assert.equal(s.path, "nats");
  });

  it("rejects an unknown path", () => {
    const r = check(phases({ name: "a", kind: "steady", duration: "1s", load: { rate: 10 }, path: "tcp" }));
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.kind, "invalid-value");
    assert.equal(r.problems[0]!.path, "/phases/0/path");
  });
});

describe("normalizeLoad", () => {
  it("reads each load model", () => {
    const s = valid(check(phases(
      { name: "a", kind: "steady", duration: "1s", load: { rate: 10 } },
      { name: "b", kind: "ramp", duration: "1s", load: { rate: { from: 0, to: 10 } } },
      { name: "c", kind: "steady", duration: "1s", load: { concurrency: 3 } },
      { name: "d", kind: "burst", duration: "1s", load: { count: 7 } },
      { name: "e", kind: "cooldown", duration: "1s" },
      { name: "f", kind: "cooldown", duration: "1s", load: { rate: 5 } },
    )));
    assert.deepEqual(s.phases.map((p) => p.load), [
      { kind: "rate", from: 10, to: 10 },
      { kind: "rate", from: 0, to: 10 },
      { kind: "concurrency", workers: 3, thinkTimeMs: 0 },
      { kind: "count", count: 7, concurrency: 1 },
      { kind: "idle" },
      { kind: "rate", from: 5, to: 5 },
    ]);
  });

  it("rejects load keys that do not go together", () => {
    const load = (l: Record<string, unknown>, kind = "steady") =>
      problems(check(phases({ name: "a", kind, duration: "1s", load: l })));
    assert.deepEqual(load({ count: 5, rate: 3, thinkTime: "1ms" }), [
      "invalid-load: `count` (as fast as possible) takes no `rate`",
      "invalid-load: `count` (as fast as possible) takes no `thinkTime`",
    ]);
    assert.deepEqual(load({ rate: 3, thinkTime: "1ms" }), [
      "invalid-load: `thinkTime` belongs to a closed loop: add `concurrency`",
    ]);
    assert.deepEqual(load({ rate: { from: 0, to: 0 } }), [
      "out-of-range: a ramp from 0 to 0 sends nothing; one end must be above 0",
    ]);
    assert.deepEqual(load({ micro: [{ name: "x", op: "publish", event: "chat" }], rate: 5, thinkTime: "1s" }), [
      "invalid-load: a `micro` load belongs in a phase of kind `micro`",
      "invalid-load: a `micro` load takes no other model",
      "invalid-load: a `micro` load has no `thinkTime`",
    ]);
    assert.deepEqual(load({ rate: 5 }, "micro"), ["invalid-load: a `micro` phase needs `load: { micro: [...] }`"]);
  });

  it("checks micro benches", () => {
    const r = check(base({
      events: {
        chat: { subject: "message.log", payload: { username: "a", message: "b" } },
        audit: { subject: { absolute: "audit" } },
      },
      phases: [
        { name: "s", kind: "steady", duration: "1s", load: { rate: 1 }, mix: { chat: 1 } },
        {
          name: "m",
          kind: "micro",
          duration: "1s",
          load: {
            micro: [
              { name: "x", op: "request", event: "chat" },
              { name: "x", op: "direct-insert", event: "audit" },
              { name: "y", op: "encode", event: "audit" },
            ],
          },
        },
      ],
    }));
    assert.deepEqual(problems(r), [
      "invalid-load: op `request` needs a request event; `chat` is not one",
      "duplicate-name: duplicate bench name `x`",
      "invalid-load: op `direct-insert` needs a persisted event; `audit` is not one",
    ]);
  });
});

describe("normalizePhases", () => {
  it("a micro phase needs micro load, other phases need a load", () => {
    assert.deepEqual(
      problems(check(phases(
        { name: "a", kind: "steady", duration: "1s", load: { rate: 1 } },
        { name: "m", kind: "micro", duration: "1s" },
      ))),
      ["missing-load: a `micro` phase needs `load: { micro: [...] }` (only a cooldown may have none)"],
    );
  });

  it("rejects a zero-length phase", () => {
    assert.deepEqual(problems(check(phases({ name: "a", kind: "steady", duration: "0s", load: { rate: 1 } }))), [
      "out-of-range: a phase must last longer than 0",
    ]);
  });

  it("applies quick overrides of mix and load, and reports them at the override", () => {
    const s = check(
      base({
        events: {
          chat: { subject: "message.log", payload: { username: "a", message: "b" } },
          left: { subject: "user.left", payload: { username: "a" } },
        },
        mix: { chat: 1, left: 1 },
        phases: [{ name: "s", kind: "steady", duration: "10s", load: { rate: 10 } }],
        quick: { phases: { s: { mix: { left: 1 }, load: { concurrency: 2 } } } },
      }),
      { quick: true },
    );
    const p = valid(s).phases[0]!;
    assert.deepEqual(p.mix, [{ event: "left", weight: 1 }]);
    assert.deepEqual(p.load, { kind: "concurrency", workers: 2, thinkTimeMs: 0 });
    const bad = check(base({ quick: { phases: { steady: { load: { rate: 1, count: 1 } } } } }));
    assert.deepEqual(problems(bad), ["invalid-load: with --quick: `count` (as fast as possible) takes no `rate`"]);
    assert.equal(bad.problems[0]!.path, "/quick/phases/steady/load/rate");
  });

  it("checks the timeline: measured phases, warmup, total", () => {
    assert.deepEqual(
      problems(check(phases(
        { name: "w", kind: "warmup", duration: "2s", load: { rate: 1 } },
        { name: "s", kind: "steady", duration: "2s", load: { rate: 1 } },
      ))),
      ["warmup-too-long: the warmup (2s) must be shorter than the measured phases (2s)"],
    );
    const quickOnly = check(base({
      phases: [
        { name: "w", kind: "warmup", duration: "2s", load: { rate: 1 } },
        { name: "s", kind: "steady", duration: "10s", load: { rate: 1 } },
      ],
      quick: { phases: { s: { skip: true } } },
    }));
    assert.deepEqual(problems(quickOnly), [
      "no-measured-phase: with --quick: needs at least one measured phase (not `warmup` or `cooldown`)",
    ]);
  });
});
