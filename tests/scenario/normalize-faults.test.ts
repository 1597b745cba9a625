import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { base, check, problems, valid } from "./support.ts";

const TEN_SECONDS = [{ name: "s", kind: "steady", duration: "10s", load: { rate: 10 } }];

function faults(list: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return check(base({ phases: TEN_SECONDS, faults: list, ...extra }));
}

describe("normalizeFaults", () => {
  it("accepts pause then resume, and a kill that is never undone", () => {
    const s = valid(faults([
      { at: "1s", action: "pause" },
      { at: "2s", action: "resume" },
      { at: "3s", action: "stop", duration: "1s" },
      { at: "5s", action: "kill" },
    ]));
    assert.deepEqual(s.faults.map((f) => [f.action, f.atMs, f.durationMs]), [
      ["pause", 1000, 0],
      ["resume", 2000, 0],
      ["stop", 3000, 1000],
      ["kill", 5000, 0],
    ]);
  });

  it("rejects a resume without a pause, and durations on instant actions", () => {
    assert.deepEqual(problems(faults([{ at: "1s", action: "resume", duration: "1s" }])), [
      "invalid-fault: `resume` needs an earlier `pause` without a `duration`",
      "invalid-fault: `resume` takes no `duration`",
    ]);
    assert.deepEqual(problems(faults([{ at: "1s", action: "restart", duration: "1s" }])), [
      "invalid-fault: `restart` takes no `duration`",
    ]);
  });

  it("rejects faults that end after the run, or overlap", () => {
    assert.deepEqual(problems(faults([{ at: "9s", action: "kill", duration: "2s" }])), [
      "fault-after-end: the fault would end at 11s, after the run ends (10s)",
    ]);
    assert.deepEqual(problems(faults([{ at: "1s", action: "kill" }, { at: "9s", action: "restart" }])), [
      "fault-overlap: this fault overlaps the `kill` at 1s (line 21)",
    ]);
  });

  it("lets NATS restarts overlap service faults", () => {
    const s = valid(faults([{ at: "1s", action: "kill", duration: "5s" }, { at: "2s", action: "restart-nats" }]));
    assert.deepEqual(s.target, { embedded: true });
    assert.deepEqual(valid(faults([{ at: "2s", action: "restart-nats" }], { target: { nats: "embedded" } })).target, {
      embedded: true,
    });
  });

  it("rejects faults on parts busmark does not control", () => {
    assert.deepEqual(problems(faults([{ at: "1s", action: "pause" }], { path: "direct" })), [
      "invalid-fault: the `direct` path has no service or NATS server to fault",
    ]);
    const allDirect = [{ name: "s", kind: "steady", duration: "10s", load: { rate: 10 }, path: "direct" }];
    assert.deepEqual(problems(check(base({ phases: allDirect, faults: [{ at: "1s", action: "restart" }] }))), [
      "invalid-fault: the `direct` path has no service or NATS server to fault",
    ]);
    const oneOnNats = [...allDirect, { name: "n", kind: "steady", duration: "1s", load: { rate: 10 }, path: "nats" }];
    assert.equal(valid(check(base({ phases: oneOnNats, faults: [{ at: "1s", action: "restart" }] }))).faults.length, 1);
    assert.deepEqual(
      problems(faults([{ at: "1s", action: "stop" }], { service: { none: {} }, events: { e: { subject: "x" } } })),
      [
        "invalid-fault: `stop` needs a service busmark starts (`reference` or `command`), not `none`",
      ],
    );
  });

  it("uses quick.faults in the quick variant", () => {
    const r = check(
      base({
        phases: TEN_SECONDS,
        faults: [{ at: "8s", action: "kill", duration: "1s" }],
        quick: { phases: { s: { duration: "3s" } }, faults: [{ at: "1s", action: "kill", duration: "1s" }] },
      }),
      { quick: true },
    );
    assert.deepEqual(valid(r).faults.map((f) => f.atMs), [1000]);
    assert.equal(valid(r).faults[0]!.pos.line > 0, true);
  });
});
