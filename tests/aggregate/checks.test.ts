import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compare, evaluateThresholds, observe, unitOf } from "../../src/aggregate/checks.ts";
import { verdictOf } from "../../src/aggregate/judge.ts";
import { validateResult } from "../../src/result/validate.ts";
import type { RunResult } from "../../src/result/types.ts";
import type { Op, Selector, SourcePos, Stat, Threshold } from "../../src/scenario/types.ts";
import { syntheticResult } from "../result/fixture.ts";
import { lognormalUs, syntheticResult as latencyResult } from "../support/results.ts";

const pos: SourcePos = { file: "t.yaml", line: 1, column: 1 };

/** A threshold with one condition. */
function th(
  metric: string,
  stat: Stat,
  op: Op,
  value: number,
  selector: Selector = {},
  abortOnFail = false,
): Threshold {
  const label = stat.kind === "percentile" ? `p${stat.p}` : stat.kind;
  return {
    key: metric + (Object.keys(selector).length ? JSON.stringify(selector) : ""),
    metric,
    selector,
    conditions: [{ text: `${label} ${op} ${value}`, stat, op, value, unit: "", pos }],
    abortOnFail,
    pos,
  };
}

function one(t: Threshold, result: RunResult = syntheticResult()) {
  const checks = evaluateThresholds([t], result);
  assert.equal(checks.length, 1);
  return checks[0]!;
}

const avg: Stat = { kind: "avg" };
const value: Stat = { kind: "value" };
const p = (n: number): Stat => ({ kind: "percentile", p: n });

describe("evaluateThresholds on a synthetic result", () => {
  it("passes and fails latency conditions on the summary, with the observed value in µs", () => {
    // Steady latencies are 1..1000 ms: avg ≈ 500.5 ms, p95 ≈ 950 ms.
    const pass = one(th("latency.persisted", avg, "<", 600_000));
    assert.equal(pass.pass, true);
    assert.ok(Math.abs(pass.observed! - 500_500) < 500_500 * 0.001, `avg ${pass.observed}`);
    assert.equal(pass.unit, "us");
    const fail = one(th("latency.persisted", p(95), "<", 10_000));
    assert.equal(fail.pass, false);
    assert.ok(Math.abs(fail.observed! - 950_000) <= 950, `p95 ${fail.observed}`);
    assert.equal(fail.reason, undefined);
    assert.equal(one(th("latency.persisted", { kind: "max" }, "<=", 1_001_000)).pass, true);
    assert.equal(one(th("latency.persisted", { kind: "min" }, ">", 1000)).pass, false);
    assert.equal(one(th("latency.persisted", { kind: "stddev" }, ">", 250_000)).pass, true);
    assert.equal(one(th("latency.persisted", p(99.9), "<", 999_000)).pass, false);
    assert.equal(one(th("latency.persisted", p(99.9), "<", 1_000_000)).pass, true);
  });

  it("computes other percentiles from the encoded histogram", () => {
    const c = one(th("latency.persisted", p(75), "<", 800_000));
    assert.equal(c.pass, true);
    assert.ok(Math.abs(c.observed! - 750_000) <= 750, `p75 ${c.observed}`);
    assert.equal(one(th("latency.persisted", p(75), "<", 700_000)).pass, false);
    const perEvent = one(th("latency.persisted", p(99.99), ">=", 999_000, { event: "chat" }));
    assert.equal(perEvent.pass, true);
  });

  it("reads count and rate stats of a distribution", () => {
    const count = one(th("latency.persisted", { kind: "count" }, "==", 1000));
    assert.deepEqual([count.pass, count.observed, count.unit], [true, 1000, ""]);
    // 1000 samples over the 10 s measured (warmup excluded).
    const rate = one(th("latency.persisted", { kind: "rate" }, ">=", 100));
    assert.deepEqual([rate.pass, rate.observed, rate.unit], [true, 100, "/s"]);
    assert.equal(one(th("latency.persisted", { kind: "rate" }, ">", 100, { phase: "steady" })).pass, false);
  });

  it("reads single values in their canonical units", () => {
    const tp = one(th("throughput.achieved", value, ">=", 100));
    assert.deepEqual([tp.pass, tp.observed, tp.unit], [false, 99.5, "/s"]);
    assert.equal(one(th("throughput.achieved.ratio", value, ">=", 99)).pass, true);
    assert.equal(one(th("throughput.achieved.ratio", value, ">=", 99)).unit, "%");
    const ratio = one(th("events.persisted.ratio", value, ">=", 99.9));
    assert.equal(ratio.pass, false);
    const growth = one(th("service.memory.growth", value, "<", 50_000_000));
    assert.deepEqual([growth.pass, growth.observed, growth.unit], [true, 12_000_000, "B/h"]);
    assert.equal(one(th("service.memory.growth", value, "<", 10_000_000)).pass, false);
    assert.equal(one(th("service.cpu", avg, "<", 25)).pass, true);
    assert.equal(one(th("service.cpu", p(95), "<", 25)).pass, false);
    assert.equal(one(th("micro.op", p(99), "<", 10, { bench: "insert" })).pass, true);
    // A single value answers max too (recovery.time allows value and max).
    assert.deepEqual(one(th("recovery.time", { kind: "max" }, "<", 2_000_000)).observed, 1_500_000);
  });

  it("flags memory growth from a run shorter than 5 min as not resolvable, with its window and interval", () => {
    const short = syntheticResult();
    short.resources.service!.growth = { bytesPerHour: 12_000_000, r2: 0.5, n: 12, low: -3e9, high: 3e9, seconds: 12 };
    const flagged = one(th("service.memory.growth", value, "<", 50_000_000), short);
    assert.equal(flagged.pass, true, "judged on the slope still");
    assert.equal(flagged.resolution, "insufficient");
    assert.equal(flagged.windowS, 12);
    assert.deepEqual(flagged.interval, { low: -3e9, high: 3e9 });
    assert.match(flagged.resolutionReason!, /^memory growth from 12 s of samples: a trend needs at least 5 min/);
    assert.equal(one(th("service.memory.growth", value, "<", 10_000_000), short).pass, false, "a gross leak fails");
    const long = syntheticResult();
    long.resources.service!.growth = { bytesPerHour: 12_000_000, r2: 0.5, n: 600, low: 1e7, high: 1.4e7, seconds: 600 };
    const resolved = one(th("service.memory.growth", value, "<", 50_000_000), long);
    assert.equal(resolved.resolution, "sufficient");
    assert.equal(resolved.resolutionReason, undefined);
    // A result without the fit's window (a combined repeat) is judged on its measured phases: 10 s here.
    const combined = syntheticResult();
    delete combined.resources.service;
    const phases = one(th("service.memory.growth", value, "<", 50_000_000), combined);
    assert.deepEqual([phases.resolution, phases.windowS, phases.interval], ["insufficient", 10, undefined]);
    assert.deepEqual(validateResult({ ...short, checks: [flagged] }), []);
  });

  it("reads count metrics from the counts, overall or for the exact selector", () => {
    const lost = one(th("events.lost", value, "==", 0));
    assert.deepEqual([lost.pass, lost.observed, lost.unit], [false, 2, ""]);
    assert.equal(one(th("events.lost", value, "<=", 2)).pass, true);
    assert.equal(one(th("events.persisted", { kind: "count" }, ">=", 898, { event: "chat" })).pass, true);
    assert.equal(one(th("requests.timeouts", value, "==", 0, { event: "chat" })).pass, true);
    assert.equal(one(th("requests.timeouts", value, "==", 0, { event: "recent" })).pass, false);
    assert.equal(one(th("events.published", { kind: "rate" }, "==", 100, { phase: "steady" })).observed, 100);
    assert.equal(one(th("events.duplicated", value, "!=", 0)).pass, false);
  });

  it("fails a check that finds no data, with observed null and a reason", () => {
    const cases: Threshold[] = [
      th("latency.delivered", avg, "<", 5000), // never recorded
      th("latency.persisted", avg, "<", 5000, { phase: "nope" }), // no such slice
      th("latency.persisted", avg, "<", 5000, { event: "chat", phase: "steady" }), // not recorded per event+phase
      th("latency.persisted", avg, "<", 5000, { phase: "warmup" }), // zero samples
      th("latency.persisted", p(75), "<", 5000, { phase: "steady" }), // no histogram for p75
      th("events.lost", value, "==", 0, { phase: "warmup" }), // no counts entry
      th("events.lost", avg, "==", 0), // a stat that does not apply to a count
      th("throughput.persisted", value, ">=", 0), // missing even with a bound anything would meet
      th("service.cpu", value, ">=", 0), // entry without a single value
      th("unknown.metric", value, ">=", 0),
    ];
    for (const t of cases) {
      const c = one(t);
      assert.equal(c.pass, false, `${t.key} ${t.conditions[0]!.text} must fail`);
      assert.equal(c.observed, null);
      assert.match(c.reason ?? "", /^no data/);
    }
    // A zero-sample warmup slice has no data even for p50, but its count is a real 0.
    assert.equal(one(th("latency.persisted", { kind: "count" }, "==", 0, { phase: "warmup" })).pass, true);
  });

  it("fails when a histogram cannot be decoded", () => {
    const r = syntheticResult();
    r.metrics[0]!.histogram = "HISTbroken";
    const c = one(th("latency.persisted", p(75), "<", 1e12), r);
    assert.equal(c.pass, false);
    assert.match(c.reason ?? "", /^no data: Cannot decode histogram/);
  });

  it("evaluates every condition of every threshold in order and keeps the threshold's fields", () => {
    const t1 = th("latency.persisted", avg, "<", 600_000, {}, true);
    t1.conditions.push({ text: "p95 < 10ms", stat: p(95), op: "<", value: 10_000, unit: "ms", pos });
    const t2 = th("events.lost", value, "==", 0, { event: "chat" });
    const checks = evaluateThresholds([t1, t2], syntheticResult());
    assert.deepEqual(checks.map((c) => [c.key, c.condition, c.pass, c.abortOnFail]), [
      [t1.key, "avg < 600000", true, true],
      [t1.key, "p95 < 10ms", false, true],
      [t2.key, "value == 0", false, false],
    ]);
    assert.deepEqual(checks[2]!.selector, { event: "chat" });
    const result = syntheticResult();
    result.checks = checks;
    result.verdict = verdictOf(result);
    assert.equal(result.verdict, "fail");
    assert.deepEqual(validateResult(result), []);
  });

  it("returns no checks for no thresholds", () => {
    assert.deepEqual(evaluateThresholds([], syntheticResult()), []);
  });
});

describe("observe, compare, unitOf", () => {
  it("treat non-finite values as no data", () => {
    const r = syntheticResult();
    r.metrics.push({ metric: "overhead.cpu", value: Number.POSITIVE_INFINITY });
    assert.match(observe(r, "overhead.cpu", {}, value) as string, /^no data/);
  });

  it("compare implements every operator", () => {
    const table: [Op, boolean, boolean, boolean][] = [
      // op, 1 vs 2, 2 vs 2, 3 vs 2
      ["<", true, false, false],
      ["<=", true, true, false],
      [">", false, false, true],
      [">=", false, true, true],
      ["==", false, true, false],
      ["!=", true, false, true],
    ];
    for (const [op, lt, eq, gt] of table) {
      assert.deepEqual([compare(1, op, 2), compare(2, op, 2), compare(3, op, 2)], [lt, eq, gt], op);
    }
  });

  it("unitOf follows the catalogue", () => {
    assert.equal(unitOf("latency.request", p(99)), "us");
    assert.equal(unitOf("latency.request", { kind: "count" }), "");
    assert.equal(unitOf("busmark.memory", avg), "B");
    assert.equal(unitOf("nope", avg), "");
  });
});

describe("verdictOf", () => {
  const base = { status: "completed" as const, invalidReasons: [], checks: [] };
  const failing = [{
    key: "k",
    metric: "m",
    selector: {},
    condition: "c",
    observed: 1,
    unit: "",
    pass: false,
    abortOnFail: false,
  }];
  const passing = [{ ...failing[0]!, pass: true }];

  it("passes when every check passes (or there are none)", () => {
    assert.equal(verdictOf(base), "pass");
    assert.equal(verdictOf({ ...base, checks: passing }), "pass");
  });

  it("fails on any failed check, or an abort", () => {
    assert.equal(verdictOf({ ...base, checks: [...passing, ...failing] }), "fail");
    assert.equal(verdictOf({ ...base, status: "aborted", checks: passing }), "fail");
  });

  it("is invalid when the load could not be offered, interrupted when interrupted", () => {
    assert.equal(verdictOf({ ...base, status: "invalid" }), "invalid");
    assert.equal(verdictOf({ ...base, invalidReasons: ["lag"], checks: failing }), "invalid");
    assert.equal(verdictOf({ ...base, status: "interrupted", checks: failing }), "interrupted");
  });
});

describe("percentile checks say how sure they are", () => {
  it("counts the samples beyond the observed value, and marks a p99.9 on 300 samples insufficient", () => {
    const few = latencyResult({ runId: "few", latenciesUs: lognormalUs(300, 2000, 0.5, 1), throughput: 100 });
    const c = one(th("latency.persisted", p(99.9), "<", 1_000_000), few);
    assert.equal(c.pass, true);
    assert.equal(c.samples?.total, 300);
    assert.equal(c.samples?.beyond, 0, "p99.9 of 300 samples is the maximum");
    assert.equal(c.resolution, "insufficient");
    assert.match(c.resolutionReason ?? "", /p99\.9 from 300 samples: .* at least 10000 samples/);
    const failing = one(th("latency.persisted", p(99.9), "<", 1), few);
    assert.equal(failing.pass, false, "still judged: marked, never silent");
    assert.equal(failing.resolution, "insufficient");
    assert.deepEqual(validateResult({ ...few, checks: [c, failing] }), [], "the schema accepts the fields");
  });

  it("resolves a p99 on 20 000 samples, about 1 % of them beyond it", () => {
    const many = latencyResult({ runId: "many", latenciesUs: lognormalUs(20_000, 2000, 0.5, 2), throughput: 100 });
    const c = one(th("latency.persisted", p(99), "<", 1_000_000), many);
    assert.equal(c.resolution, "sufficient");
    assert.equal(c.resolutionReason, undefined);
    assert.equal(c.samples?.total, 20_000);
    assert.ok(c.samples!.beyond > 100 && c.samples!.beyond <= 200, `beyond ${c.samples!.beyond}`);
    const mean = one(th("latency.persisted", avg, "<", 1_000_000), many);
    assert.equal(mean.samples, undefined, "only percentiles carry samples");
    assert.equal(mean.resolution, undefined);
  });
});
