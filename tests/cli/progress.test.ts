import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createProgress, plainProgressLine, ttyProgressLine } from "../../src/cli/progress.ts";
import type { ProgressSnapshot } from "../../src/run/events.ts";

function snapshot(elapsedS: number): ProgressSnapshot {
  return {
    elapsedS,
    remainingS: 60 - elapsedS,
    phase: "steady",
    warmup: false,
    offeredRate: 500,
    achievedRate: 498,
    published: elapsedS * 500,
    persisted: elapsedS * 500 - 12,
    pending: 12,
    lost: 2,
    p99Us: 3_104,
    errors: 0,
  };
}

describe("createProgress without a terminal", () => {
  it("prints a progress line every interval with phase, elapsed, offered/achieved, persisted, lost and p99", () => {
    const out: string[] = [];
    const progress = createProgress("plain", (t) => out.push(t), { intervalS: 10 });
    progress({ type: "phase-start", phase: "steady", kind: "steady", index: 0, durationMs: 60_000 });
    for (let s = 1; s <= 25; s++) progress({ type: "progress", snapshot: snapshot(s) });
    const lines = out.join("").trimEnd().split("\n");
    assert.equal(lines.length, 3, lines.join("\n"));
    assert.match(lines[0]!, /^phase 1: steady/);
    assert.equal(
      lines[1],
      "progress [steady] 10s elapsed, 50s left | offered 500/s, achieved 498/s | published 5000, persisted 4988, " +
        "lost 2 (10 pending) | p99 3.10ms | errors 0",
    );
    assert.match(lines[2]!, /^progress \[steady\] 20s elapsed/);
    assert.doesNotMatch(out.join(""), /\r/, "no terminal control characters in a log");
  });

  it("prints none with interval 0, only progress lines when asked, and none when quiet", () => {
    const events = [1, 2, 3].map((s) => ({ type: "progress" as const, snapshot: snapshot(s) }));
    const none: string[] = [];
    const off = createProgress("plain", (t) => none.push(t), { intervalS: 0 });
    events.forEach(off);
    assert.deepEqual(none, []);
    const only: string[] = [];
    const each = createProgress("plain", (t) => only.push(t), { intervalS: 1, progressOnly: true });
    each({ type: "phase-start", phase: "steady", kind: "steady", index: 0, durationMs: 3000 });
    events.forEach(each);
    assert.equal(only.length, 3);
    assert.ok(only.every((l) => l.startsWith("progress [steady]")));
    const quiet: string[] = [];
    const q = createProgress("quiet", (t) => quiet.push(t), { intervalS: 1 });
    events.forEach(q);
    assert.deepEqual(quiet, []);
  });

  it("shows a dash for p99 before the first sample, never 0us, on a terminal and in a log", () => {
    const first = { ...snapshot(1), p99Us: null };
    assert.match(plainProgressLine(first), /\| p99 – \|/);
    assert.match(ttyProgressLine(first), /\| p99 – \|/);
    assert.doesNotMatch(ttyProgressLine(first), /0us/);
    assert.match(ttyProgressLine(snapshot(1)), /\| p99 3\.10ms \|/);
  });

  it("counts as the summary does: a warmup says it is not counted instead of showing counts", () => {
    const warm = { ...snapshot(1), phase: "warmup", warmup: true, published: 0, persisted: 0, pending: 0, lost: 0 };
    for (const line of [plainProgressLine(warm), ttyProgressLine(warm)]) {
      assert.match(line, /\| warmup, not counted \|/, line);
      assert.doesNotMatch(line, /published/);
    }
    assert.match(ttyProgressLine(snapshot(1)), /\| published 500 persisted 488 lost 2 \(10 pending\) \|/);
  });

  it("shows replies of requests apart from persisted events", () => {
    const mixed = { ...snapshot(10), published: 5000, persisted: 4550, pending: 0, lost: 0, replied: 450 };
    assert.match(plainProgressLine(mixed), /published 5000, persisted 4550, lost 0, replied 450 \|/);
    assert.match(ttyProgressLine(mixed), /published 5000 persisted 4550 lost 0 replied 450 \|/);
    assert.doesNotMatch(plainProgressLine(snapshot(10)), /replied/, "no replies without requests");
  });
});
