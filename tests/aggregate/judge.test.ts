import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { healthReasons, MAX_LAG_P99_US } from "../../src/aggregate/health.ts";
import { judge } from "../../src/aggregate/judge.ts";
import { findMetric } from "../../src/metrics/catalog.ts";
import { Histogram } from "../../src/metrics/histogram.ts";
import type { RunResult } from "../../src/result/types.ts";
import { fixture } from "../support/results.ts";

/** A fixture whose steady phase is open loop with the given schedule lag (µs, every sample). */
function withLag(lagUs: number): RunResult {
  const r = fixture("single-event-latency");
  const steady = r.phases.find((p) => p.name === "steady")!;
  steady.load = { kind: "rate", from: 100, to: 100 };
  const h = new Histogram();
  for (let i = 0; i < 100; i++) h.record(lagUs);
  r.metrics.push({ metric: "latency.schedule", phase: "steady", summary: h.summary(), histogram: h.encode() });
  return r;
}

describe("healthReasons", () => {
  it("flags a measured open-loop phase whose schedule lag p99 is beyond the bound, and only then", () => {
    assert.deepEqual(healthReasons(withLag(1_000)), []);
    const [reason] = healthReasons(withLag(2 * MAX_LAG_P99_US));
    assert.match(reason ?? "", /^phase steady: schedule lag p99 40\.\d ms > 20 ms — busmark could not offer the load$/);
    assert.deepEqual(healthReasons(withLag(40_000), { maxLagP99Us: 50_000 }), [], "--max-lag 50 allows 40 ms");
  });

  it("judges the schedule lag of a phase of streams with an open-loop stream, not of one with closed loops only", () => {
    const streams = (kind: "rate" | "concurrency") => {
      const r = withLag(2 * MAX_LAG_P99_US);
      const load = kind === "rate"
        ? { kind: "rate" as const, from: 10, to: 10 }
        : { kind: "concurrency" as const, workers: 1, thinkTimeMs: 0 };
      r.phases.find((p) => p.name === "steady")!.load = {
        kind: "streams",
        streams: [
          { mix: [{ event: "chat", weight: 1 }], load: { kind: "concurrency", workers: 2, thinkTimeMs: 0 } },
          { mix: [{ event: "other", weight: 1 }], load },
        ],
      };
      return r;
    };
    assert.match(healthReasons(streams("rate")).join("\n"), /^phase steady: schedule lag p99 40\.\d ms/);
    assert.deepEqual(healthReasons(streams("concurrency")), []);
  });

  it("flags busmark's own CPU at saturation", () => {
    const r = fixture("single-event-latency");
    r.resources.busmark!.samples = r.resources.busmark!.samples.map((s) => ({ ...s, cpu: 99 }));
    assert.match(healthReasons(r).join("\n"), /busmark used 99 % of a core on average — the generator was saturated/);
    assert.deepEqual(healthReasons(r, { maxGeneratorCpu: 100 }), []);
  });
});

describe("judge", () => {
  it("sets checks, reasons, status and verdict once, keeping the reasons a result carries", () => {
    const healthy = judge(withLag(1_000));
    assert.equal(healthy.status, "completed");
    assert.equal(healthy.verdict, "pass");
    assert.ok(healthy.checks.length > 0);
    const slow = judge(withLag(40_000));
    assert.equal(slow.status, "invalid");
    assert.equal(slow.verdict, "invalid");
    assert.equal(slow.invalidReasons.length, 1);
    assert.deepEqual(judge(slow).invalidReasons, slow.invalidReasons, "judging twice adds nothing");
    const inherited = judge({ ...withLag(1_000), invalidReasons: ["run x: lag"] });
    assert.deepEqual(inherited.invalidReasons, ["run x: lag"]);
    assert.equal(inherited.verdict, "invalid");
  });

  it("judges against the thresholds it is given, and leaves its input alone", () => {
    const r = withLag(1_000);
    const before = JSON.stringify(r);
    assert.deepEqual(judge(r, { thresholds: [] }).checks, []);
    assert.equal(JSON.stringify(r), before);
  });
});

describe("final-only metrics", () => {
  it("are flagged on their catalogue entry", () => {
    for (
      const m of ["events.lost", "events.lost.ratio", "throughput.achieved", "burst.drain", "service.memory.growth"]
    ) {
      assert.equal(findMetric(m)?.finalOnly, true, m);
    }
    for (const m of ["latency.persisted", "latency.schedule", "requests.errors", "service.cpu", "events.invalid"]) {
      assert.equal(findMetric(m)?.finalOnly, false, m);
    }
  });
});
