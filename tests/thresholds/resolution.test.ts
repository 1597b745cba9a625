import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  expectedSamples,
  insufficientReason,
  minSamplesFor,
  resolutionWarnings,
} from "../../src/thresholds/resolution.ts";
import { chatEvent, phase, scenario, threshold } from "../support/scenario.ts";

const pct = (p: number) => ({ stat: { kind: "percentile" as const, p }, op: "<" as const, value: 10_000, unit: "ms" });

describe("percentile resolution", () => {
  it("needs 10 samples beyond a percentile: 20 for p50, 200 for p95, 1000 for p99, 10 000 for p99.9", () => {
    assert.deepEqual([50, 95, 99, 99.9].map(minSamplesFor), [20, 200, 1000, 10_000]);
    assert.equal(minSamplesFor(100), Infinity);
    assert.match(
      insufficientReason(99.9, 300) ?? "",
      /^p99\.9 from 300 samples: about 0\.3 lie beyond it, it needs at least 10000/,
    );
    assert.equal(insufficientReason(99, 1000), undefined);
    assert.match(insufficientReason(99, 999) ?? "", /about 10 lie beyond it/);
  });

  it("predicts the samples of open-loop and count phases, not of closed-loop ones", () => {
    const events = [chatEvent("p")];
    const s = scenario({
      prefix: "p",
      events,
      phases: [
        phase("warm", "warmup", 1000, { kind: "rate", from: 100, to: 100 }),
        phase("ramp", "ramp", 2000, { kind: "rate", from: 0, to: 200 }, { mix: [{ event: "chat", weight: 0.5 }] }),
        phase("burst", "burst", 1000, { kind: "count", count: 50, concurrency: 5 }, {
          mix: [{ event: "chat", weight: 1 }],
        }),
      ],
    });
    assert.equal(expectedSamples(s, {}), 250, "warmup left out: 200 ramped + 50 counted");
    assert.equal(expectedSamples(s, { event: "chat" }), 150, "half the ramp is chat");
    assert.equal(expectedSamples(s, { phase: "warm" }), 100);
    const closed = scenario({
      prefix: "p",
      events,
      phases: [phase("loop", "steady", 1000, { kind: "concurrency", workers: 2, thinkTimeMs: 0 })],
    });
    assert.equal(expectedSamples(closed, {}), undefined);
  });

  it("predicts the samples of a phase of streams from its rate streams, per event", () => {
    const events = [chatEvent("p"), chatEvent("p", "a"), chatEvent("p", "b")];
    const one = (event: string, load: { kind: "rate"; from: number; to: number }) => ({
      mix: [{ event, weight: 1 }],
      load,
    });
    const s = scenario({
      prefix: "p",
      events,
      phases: [phase("steady", "steady", 2000, {
        kind: "streams",
        streams: [
          one("chat", { kind: "rate", from: 200, to: 200 }),
          one("a", { kind: "rate", from: 0, to: 20 }),
          { mix: [{ event: "b", weight: 1 }], load: { kind: "concurrency", workers: 1, thinkTimeMs: 0 } },
        ],
      })],
    });
    assert.equal(expectedSamples(s, { event: "chat" }), 400);
    assert.equal(expectedSamples(s, { event: "a" }), 20);
    assert.equal(expectedSamples(s, { event: "b" }), undefined, "closed loop: unpredictable");
    assert.equal(expectedSamples(s, {}), undefined, "the whole phase has a closed-loop stream");
  });

  it("warns, at the condition, about a p99.9 budget on 300 samples and not about a p50 on them", () => {
    const s = scenario({
      prefix: "p",
      events: [chatEvent("p")],
      phases: [phase("steady", "steady", 3000, { kind: "rate", from: 100, to: 100 })],
      thresholds: [threshold("latency.persisted", [pct(99.9), pct(50)]), threshold("events.lost", [pct(99.9)])],
    });
    const warnings = resolutionWarnings(s, "quick");
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.equal(warnings[0]!.kind, "unresolved-percentile");
    assert.match(
      warnings[0]!.message,
      /^warning: `latency\.persisted: percentile < 10000ms` cannot be resolved in the quick variant: p99\.9 from 300 samples/,
    );
  });

  it("warns about a memory-growth budget on fewer than 5 min of measured samples, not on an hour", () => {
    const growth = threshold("service.memory.growth", [{
      stat: { kind: "value" },
      op: "<",
      value: 50e6,
      unit: "MB/h",
    }]);
    const short = scenario({
      prefix: "p",
      events: [chatEvent("p")],
      phases: [
        phase("warm", "warmup", 600_000, { kind: "rate", from: 100, to: 100 }),
        phase("steady", "steady", 12_000, { kind: "rate", from: 100, to: 100 }),
      ],
      thresholds: [growth],
    });
    const [w, ...rest] = resolutionWarnings(short, "quick");
    assert.equal(rest.length, 0);
    assert.equal(w!.kind, "unresolved-growth");
    assert.match(
      w!.message,
      /^warning: `service\.memory\.growth: value < 50000000MB\/h` cannot be resolved in the quick variant: 12 s of measured samples, a memory trend needs at least 5 min/,
    );
    const hour = scenario({
      prefix: "p",
      events: [chatEvent("p")],
      phases: [phase("steady", "steady", 3_600_000, { kind: "rate", from: 100, to: 100 })],
      thresholds: [growth],
    });
    assert.deepEqual(resolutionWarnings(hour, "full"), []);
  });
});
