import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkScenarioText } from "../../src/scenario/check.ts";

const HEAD = `version: 1
name: t
description: A test scenario.
events:
  chat: { subject: message.log, payload: { username: a, message: b } }
  recent: { subject: stats.recent_chat.get, request: true, payload: { limit: 2 } }
  user: { subject: user.joined, payload: { username: a } }
phases:
`;

/** Checks the phases (YAML, indented as list items under `phases:`, starting at line 9) plus optional tail. */
function check(phases: string, tail = "", quick = false) {
  return checkScenarioText(HEAD + phases + tail, "t.yaml", { env: {}, quick });
}

/** `line:column kind: message` of each problem. */
function problems(phases: string, tail = ""): string[] {
  return check(phases, tail).problems.map((p) => `${p.line}:${p.column} ${p.kind}: ${p.message}`);
}

const STEADY = `  - name: steady
    kind: steady
    duration: 2s
    streams:
`;

describe("phase streams", () => {
  it("reads each stream's events and load, and a summary mix of all of them", () => {
    const r = check(
      STEADY + `      - { event: chat, rate: 200 }
      - { event: recent, rate: { from: 5, to: 15 } }
      - { mix: { user: 1 }, concurrency: 3, thinkTime: 10ms }
`,
    );
    assert.deepEqual(r.problems, []);
    const p = r.scenario!.phases[0]!;
    assert.deepEqual(p.load, {
      kind: "streams",
      streams: [
        { mix: [{ event: "chat", weight: 1 }], load: { kind: "rate", from: 200, to: 200 } },
        { mix: [{ event: "recent", weight: 1 }], load: { kind: "rate", from: 5, to: 15 } },
        { mix: [{ event: "user", weight: 1 }], load: { kind: "concurrency", workers: 3, thinkTimeMs: 10 } },
      ],
    });
    assert.deepEqual(p.mix.map((m) => m.event), ["chat", "recent", "user"]);
    assert.ok(Math.abs(p.mix.reduce((s, m) => s + m.weight, 0) - 1) < 1e-9);
  });

  it("needs no top-level mix with several event types", () => {
    assert.deepEqual(problems(STEADY + "      - { mix: { chat: 3, recent: 1 }, rate: 10 }\n"), []);
  });

  it("rejects `load` and `mix` beside `streams`, at their keys", () => {
    assert.deepEqual(
      problems(
        STEADY + `      - { event: chat, rate: 10 }
    load: { rate: 5 }
    mix: { chat: 1 }
`,
      ),
      [
        "14:5 invalid-load: `streams` excludes `load` on the same phase: give each stream its own `event` or `mix` and its load",
        "15:5 invalid-load: `streams` excludes `mix` on the same phase: give each stream its own `event` or `mix` and its load",
      ],
    );
  });

  it("positions every problem of a stream", () => {
    assert.deepEqual(
      problems(
        STEADY + `      - { event: chta, rate: 10 }
      - { mix: { recnt: 1 }, rate: 10 }
      - { event: user, mix: { user: 1 }, rate: 10 }
      - { rate: 10 }
      - { event: user }
      - { event: user, rate: 5, concurrency: 2 }
      - { event: recent, rate: 5, thinkTime: 1ms }
      - { event: chat, rate: { from: 0, to: 0 } }
`,
      ),
      [
        "13:18 unknown-event: unknown event `chta` — did you mean `chat`?",
        "14:18 unknown-event: unknown event `recnt` — did you mean `recent`?",
        "15:24 invalid-stream: `event` (one event type) and `mix` (weights) exclude each other",
        "16:9 invalid-stream: a stream needs `event:` (one event type) or `mix:` (weights)",
        "17:9 invalid-stream: a stream needs `rate:` (open loop) or `concurrency:` (closed loop)",
        "18:18 invalid-stream: event `user` is already in stream 5 of this phase: an event belongs to one stream",
        "18:24 invalid-load: `rate` (open loop) and `concurrency` (closed loop) are different load models: pick one",
        "19:35 invalid-load: `thinkTime` belongs to a closed loop: add `concurrency`",
        "20:30 out-of-range: a ramp from 0 to 0 sends nothing; one end must be above 0",
      ],
    );
  });

  it("rejects an event in two streams, at the second one", () => {
    assert.deepEqual(
      problems(
        STEADY + `      - { mix: { chat: 1, user: 1 }, rate: 10 }
      - { mix: { recent: 1, user: 2 }, concurrency: 1 }
`,
      ),
      ["14:29 invalid-stream: event `user` is already in stream 1 of this phase: an event belongs to one stream"],
    );
  });

  it("rejects `count` and `micro` in a stream with the reason", () => {
    assert.deepEqual(
      problems(
        STEADY + `      - { event: chat, count: 10 }
      - { event: recent, micro: [] }
`,
      ),
      [
        "13:24 invalid-property: `count` (a fixed number, as fast as possible) is a whole-phase load: give it its own " +
        "phase with `load: { count: N }`",
        "14:26 invalid-property: `micro` benchmarks are a whole-phase load: give them a phase of kind `micro` with " +
        "`load: { micro: [...] }`",
      ],
    );
  });

  it("reports an unknown stream key with the known ones (not the refused ones)", () => {
    assert.deepEqual(problems(STEADY + "      - { event: chat, rat: 10 }\n"), [
      "13:24 unknown-property: unknown property `rat` — did you mean `rate`?",
    ]);
  });

  it("keeps the caps of one load for the sum of the streams", () => {
    assert.deepEqual(
      problems(
        STEADY + `      - { event: chat, rate: 150000 }
      - { event: recent, rate: { from: 10, to: 60000 } }
  - name: closed
    kind: steady
    duration: 1s
    streams:
      - { event: recent, concurrency: 600 }
      - { event: user, concurrency: 600 }
`,
      ),
      [
        "13:7 out-of-range: the streams' rates add up to 210000/s, over the cap of 200000/s",
        "19:7 out-of-range: the streams' workers add up to 1200, over the cap of 1000",
      ],
    );
    assert.deepEqual(
      problems(STEADY + "      - { event: chat, rate: 150000 }\n      - { event: recent, rate: 50000 }\n"),
      [],
    );
  });

  it("rejects streams in a micro phase", () => {
    assert.deepEqual(
      problems(`  - name: m
    kind: micro
    duration: 1s
    streams:
      - { event: chat, rate: 10 }
`),
      ["13:7 invalid-load: a `micro` phase runs benchmarks, not streams: use `load: { micro: [...] }`"],
    );
  });
});

describe("quick overrides of streams", () => {
  const phases = STEADY + `      - { event: chat, rate: 200 }
      - { event: recent, rate: 10 }
`;

  it("replace a phase's streams with `quick.phases.NAME.streams`", () => {
    const tail = `quick:
  phases:
    steady: { duration: 1s, streams: [{ event: chat, rate: 20 }, { event: user, concurrency: 1 }] }
`;
    const full = check(phases, tail);
    assert.deepEqual(full.problems, []);
    const q = check(phases, tail, true).scenario!.phases[0]!;
    assert.equal(q.durationMs, 1000);
    assert.deepEqual(q.load, {
      kind: "streams",
      streams: [
        { mix: [{ event: "chat", weight: 1 }], load: { kind: "rate", from: 20, to: 20 } },
        { mix: [{ event: "user", weight: 1 }], load: { kind: "concurrency", workers: 1, thinkTimeMs: 0 } },
      ],
    });
    assert.equal(full.scenario!.phases[0]!.load.kind, "streams");
  });

  it("replace a phase's load and mix with streams", () => {
    const tail = `quick:
  phases:
    steady: { streams: [{ event: chat, rate: 20 }] }
`;
    const plain = `  - name: steady
    kind: steady
    duration: 2s
    load: { rate: 100 }
    mix: { chat: 1, recent: 1 }
`;
    const r = check(plain, tail, true);
    assert.deepEqual(r.problems, []);
    assert.equal(r.scenario!.phases[0]!.load.kind, "streams");
    assert.equal(check(plain, tail).scenario!.phases[0]!.load.kind, "rate");
  });

  it("reject a quick `load` or `mix` on a phase with streams, and problems inside quick streams, at their place", () => {
    const tail = `quick:
  phases:
    steady: { load: { rate: 5 }, mix: { chat: 1 } }
`;
    assert.deepEqual(problems(phases, tail), [
      "17:15 invalid-load: with --quick: phase `steady` has `streams`: override them with `streams`, not `load`",
      "17:34 invalid-load: with --quick: phase `steady` has `streams`: override them with `streams`, not `mix`",
    ]);
    const bad = `quick:
  phases:
    steady: { streams: [{ event: chatt, rate: 5 }] }
`;
    assert.deepEqual(problems(phases, bad), [
      "17:34 unknown-event: with --quick: unknown event `chatt` — did you mean `chat`?",
    ]);
  });
});
