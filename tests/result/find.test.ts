import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findCounts, findMetric } from "../../src/result/find.ts";
import { syntheticResult } from "./fixture.ts";

describe("findMetric", () => {
  it("matches metric and selector exactly", () => {
    const r = syntheticResult();
    assert.equal(findMetric(r, "latency.persisted")?.event, undefined);
    assert.equal(findMetric(r, "latency.persisted", {})?.histogram, r.metrics[0]!.histogram);
    assert.equal(findMetric(r, "latency.persisted", { event: "chat" }), r.metrics[1]);
    assert.equal(findMetric(r, "latency.persisted", { phase: "steady" }), r.metrics[2]);
    assert.equal(findMetric(r, "latency.persisted", { event: "chat", phase: "steady" }), undefined);
    assert.equal(findMetric(r, "latency.persisted", { event: "nope" }), undefined);
    assert.equal(findMetric(r, "micro.op", { bench: "insert" }), r.metrics[12]);
    assert.equal(findMetric(r, "micro.op"), undefined);
    assert.equal(findMetric(r, "latency.delivered"), undefined);
  });
});

describe("findCounts", () => {
  it("finds the overall, per-event and per-phase counts", () => {
    const r = syntheticResult();
    assert.equal(findCounts(r), r.counts[0]);
    assert.equal(findCounts(r, { event: "recent" })?.requestTimeouts, 1);
    assert.equal(findCounts(r, { phase: "steady" }), r.counts[3]);
    assert.equal(findCounts(r, { phase: "warmup" }), undefined);
    assert.equal(findCounts(r, { bench: "insert" }), undefined);
  });
});
