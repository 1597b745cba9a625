/** The condition grammar as a table of accepted and rejected strings. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findMetric } from "../../src/metrics/catalog.ts";
import type { Stat } from "../../src/scenario/types.ts";
import { type ConditionError, parseCondition, parseStat } from "../../src/thresholds/condition.ts";

function metric(name: string) {
  const m = findMetric(name);
  assert.ok(m, name);
  return m;
}

describe("parseCondition: accepted", () => {
  const accepted: [string, string, Stat, string, number, string][] = [
    // metric, text, stat, op, canonical value, unit as written
    ["latency.persisted", "avg < 5ms", { kind: "avg" }, "<", 5000, "ms"],
    ["latency.persisted", "mean<5ms", { kind: "avg" }, "<", 5000, "ms"],
    ["latency.persisted", "p95 < 10ms", { kind: "percentile", p: 95 }, "<", 10000, "ms"],
    ["latency.persisted", "p(99.9) < 25ms", { kind: "percentile", p: 99.9 }, "<", 25000, "ms"],
    ["latency.persisted", "p99.9 <= 25 ms", { kind: "percentile", p: 99.9 }, "<=", 25000, "ms"],
    ["latency.persisted", "P( 50 ) > 0us", { kind: "percentile", p: 50 }, ">", 0, "us"],
    ["latency.persisted", "median < 1.5s", { kind: "percentile", p: 50 }, "<", 1_500_000, "s"],
    ["latency.persisted", "med < 500µs", { kind: "percentile", p: 50 }, "<", 500, "µs"],
    ["latency.persisted", "p0 >= 1us", { kind: "percentile", p: 0 }, ">=", 1, "us"],
    ["latency.persisted", "p100 < 1m", { kind: "percentile", p: 100 }, "<", 60_000_000, "m"],
    ["latency.persisted", "max != 1h", { kind: "max" }, "!=", 3_600_000_000, "h"],
    ["latency.persisted", "min > 1e2us", { kind: "min" }, ">", 100, "us"],
    ["latency.persisted", "stddev < 2ms", { kind: "stddev" }, "<", 2000, "ms"],
    ["latency.persisted", "count >= 100", { kind: "count" }, ">=", 100, ""],
    ["latency.persisted", "rate >= 100/s", { kind: "rate" }, ">=", 100, "/s"],
    ["latency.request", "  p99 < 50ms  ", { kind: "percentile", p: 99 }, "<", 50_000, "ms"],
    ["throughput.persisted", ">= 100/s", { kind: "value" }, ">=", 100, "/s"],
    ["throughput.persisted", ">= 100", { kind: "value" }, ">=", 100, ""],
    ["throughput.achieved", "value >= 6000/min", { kind: "value" }, ">=", 100, "/min"],
    ["events.lost", "== 0", { kind: "value" }, "==", 0, ""],
    ["events.lost", "value == 0", { kind: "value" }, "==", 0, ""],
    ["throughput.achieved.ratio", ">= 99%", { kind: "value" }, ">=", 99, "%"],
    ["overhead.cpu", "< -5.5%", { kind: "value" }, "<", -5.5, "%"],
    ["service.cpu", "avg < 50%", { kind: "avg" }, "<", 50, "%"],
    ["service.cpu", "p90 < 80%", { kind: "percentile", p: 90 }, "<", 80, "%"],
    ["service.memory", "max < 512MiB", { kind: "max" }, "<", 512 * 1024 ** 2, "MiB"],
    ["service.memory", "avg < 1.5GB", { kind: "avg" }, "<", 1.5e9, "GB"],
    ["busmark.memory", "max < 300KB", { kind: "max" }, "<", 300_000, "KB"],
    ["service.memory.growth", "< 50MB/h", { kind: "value" }, "<", 50e6, "MB/h"],
    ["nats.memory.growth", "< 1MiB/min", { kind: "value" }, "<", 60 * 1024 ** 2, "MiB/min"],
    ["recovery.time", "< 2s", { kind: "value" }, "<", 2_000_000, "s"],
    ["recovery.time", "max < 2s", { kind: "max" }, "<", 2_000_000, "s"],
    ["burst.drain", "< 2s", { kind: "value" }, "<", 2_000_000, "s"],
    ["cost.cpu", "< 20ms", { kind: "value" }, "<", 20_000, "ms"],
  ];
  for (const [name, text, stat, op, value, unit] of accepted) {
    it(`${name}: ${JSON.stringify(text)}`, () => {
      const r = parseCondition(text, metric(name));
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.condition.stat, stat);
      assert.equal(r.condition.op, op);
      assert.ok(Math.abs(r.condition.value - value) < 1e-9 * Math.max(1, Math.abs(value)), `${r.condition.value}`);
      assert.equal(r.condition.unit, unit);
      assert.equal(r.condition.text, text);
    });
  }
});

describe("parseCondition: rejected", () => {
  const rejected: [string, string, ConditionError["kind"], number, string][] = [
    // metric, text, kind, offset, message excerpt
    ["latency.persisted", "p95 10ms", "invalid-condition", 4, "expected `[stat] op value[unit]`"],
    ["latency.persisted", "p95 < ms", "invalid-condition", 6, "cannot read condition"],
    ["latency.persisted", "p95 < 10 ms extra", "invalid-condition", 9, "cannot read condition"],
    ["latency.persisted", "", "invalid-condition", 0, "cannot read condition"],
    ["latency.persisted", "p95 =< 10ms", "invalid-condition", 4, "cannot read condition"],
    ["latency.persisted", "< 10ms", "missing-stat", 0, "needs a statistic"],
    ["latency.persisted", "avg < 5", "missing-unit", 6, "is a time (us, µs, ms, s, m, min, h)"],
    ["latency.persisted", "p95 < 10MB", "wrong-unit", 8, "`MB` is a size unit, but `latency.persisted` is a time"],
    ["latency.persisted", "avg < 5/s", "wrong-unit", 7, "`/s` is a rate unit"],
    ["latency.persisted", "count >= 5ms", "wrong-unit", 10, "(this statistic) is a count"],
    ["latency.persisted", "rate >= 5ms", "wrong-unit", 9, "(this statistic) is a rate"],
    ["latency.persisted", "p95 < 10 lightyears", "unknown-unit", 9, "unknown unit `lightyears`"],
    ["latency.persisted", "p101 < 1ms", "unknown-stat", 0, "a percentile must be a number from 0 to 100, got `101`"],
    ["latency.persisted", "p(x) < 1ms", "unknown-stat", 0, "got `x`"],
    ["latency.persisted", "average < 1ms", "unknown-stat", 0, "unknown statistic `average`"],
    ["latency.persisted", "value < 1ms", "unsupported-stat", 0, "has no statistic `value`"],
    ["events.lost", "p95 == 0", "unsupported-stat", 0, "`events.lost` has no statistic `p95`"],
    ["events.lost", "== 0%", "wrong-unit", 4, "`events.lost` is a count: write a plain number"],
    ["events.lost", "avg == 0", "unsupported-stat", 0, "supports value (or no stat at all)"],
    ["throughput.persisted", ">= 100ms", "wrong-unit", 6, "`ms` is a time unit"],
    ["throughput.achieved.ratio", ">= 99", "missing-unit", 3, "is a percentage (%)"],
    ["service.cpu", "< 50%", "missing-stat", 0, "avg, max, pN"],
    ["service.cpu", "min < 50%", "unsupported-stat", 0, "has no statistic `min`"],
    ["service.memory", "max < 512", "missing-unit", 6, "is a size in bytes"],
    ["service.memory.growth", "< 50MB", "wrong-unit", 4, "`MB` is a size unit"],
    ["service.memory.growth", "< 50", "missing-unit", 2, "a growth rate in bytes per hour"],
    ["recovery.time", "p95 < 1s", "unsupported-stat", 0, "has no statistic"],
    // vacuous: always true, or never satisfiable, for the metric's range
    ["events.lost", "<= 1e400", "vacuous-condition", 3, "the bound is not a finite number"],
    ["events.lost", ">= 0", "vacuous-condition", 3, "it can never fail: `events.lost` takes whole numbers 0 or more"],
    ["events.lost", "> -1", "vacuous-condition", 2, "it can never fail"],
    ["events.lost", "< 0", "vacuous-condition", 2, "it can never pass"],
    ["events.lost", "== 0.5", "vacuous-condition", 3, "it can never pass"],
    [
      "events.lost.ratio",
      "< 200%",
      "vacuous-condition",
      2,
      "it can never fail: `events.lost.ratio` takes from 0% to 100%",
    ],
    ["events.persisted.ratio", "> 100%", "vacuous-condition", 2, "it can never pass"],
    ["throughput.achieved.ratio", ">= -5%", "vacuous-condition", 3, "it can never fail"],
    ["latency.persisted", "p95 < -1ms", "vacuous-condition", 6, "it can never pass"],
    ["latency.persisted", "p95 >= 0ms", "vacuous-condition", 7, "it can never fail"],
    ["latency.persisted", "count < 0", "vacuous-condition", 8, "it can never pass"],
    ["overhead.cpu", ">= -100%", "vacuous-condition", 3, "it can never fail"],
    ["service.memory.growth", "< 1e999MB/h", "vacuous-condition", 2, "not a finite number"],
  ];
  for (const [name, text, kind, offset, excerpt] of rejected) {
    it(`${name}: ${JSON.stringify(text)}`, () => {
      const r = parseCondition(text, metric(name));
      assert.ok(!r.ok, `accepted ${text}`);
      assert.equal(r.error.kind, kind, r.error.message);
      assert.equal(r.error.offset, offset, r.error.message);
      assert.ok(r.error.message.includes(excerpt), r.error.message);
    });
  }
});

describe("parseStat", () => {
  it("reads statistic words", () => {
    assert.deepEqual(parseStat("AVG"), { stat: { kind: "avg" }, name: "avg" });
    assert.deepEqual(parseStat("p99.99"), { stat: { kind: "percentile", p: 99.99 }, name: "percentile" });
    assert.equal(parseStat("ms"), undefined);
  });
});
