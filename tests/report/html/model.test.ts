import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  alignSeries,
  htmlModel,
  partialSecond,
  thresholdLines,
  thresholdPlacement,
} from "../../../src/report/html/model.ts";
import type { RunResult } from "../../../src/result/types.ts";
import { fixture, syntheticSide } from "../../support/results.ts";

describe("report.html chart model", () => {
  it("draws each threshold on the charts that judge it, in their units, limited to its phase", () => {
    const lines = thresholdLines(fixture("single-event-latency"));
    const p95 = lines.filter((l) => l.label === "latency.persisted p95 < 10ms");
    assert.deepEqual(p95.map((l) => [l.chart, l.value, l.pass]), [
      ["percentiles", 10, true],
      ["latency", 10, true],
      ["runs-latency", 10, true],
    ]);
    const steady = lines.find((l) => l.label === "latency.persisted{phase: steady} p(99.9) < 25ms")!;
    assert.deepEqual([steady.value, steady.from, steady.to], [25, 0.5, 3.5]);
    assert.ok(!lines.some((l) => l.label.includes("count >=")), "a count is no latency");
    assert.ok(!lines.some((l) => l.label.startsWith("events.lost")), "no chart shows losses");
    const rate = thresholdLines(fixture("report-fixture")).find((l) => l.chart === "rate")!;
    assert.deepEqual([rate.label, rate.value, rate.pass], ["throughput.achieved >= 100/s", 100, true]);
    const failed = thresholdLines(fixture("report-fixture")).find((l) => l.label.includes("p99 < 1ms"))!;
    assert.equal(failed.pass, false);
  });

  it("draws an A/B experiment's lines from the charted side's checks, none from the other side or the budgets", () => {
    const run = fixture("single-event-latency");
    const tagged = (side: "a" | "b") =>
      run.checks.map((c) => ({ ...c, key: `[${side.toUpperCase()}] ${c.key}`, side, pass: side === "a" }));
    const budget = { ...run.checks[0]!, key: "[B vs A] latency.persisted p95", side: "b-vs-a" as const };
    const experiment: RunResult = { ...run, checks: [...tagged("a"), ...tagged("b"), budget] };
    const lines = thresholdLines(experiment);
    const plain = thresholdLines(run);
    assert.ok(plain.length > 0);
    assert.deepEqual(
      lines.map((l) => [l.chart, l.value, l.label]),
      plain.map((l) => [l.chart, l.value, `[B] ${l.label}`]),
    );
    assert.ok(lines.every((l) => l.pass === false), "B's verdicts, not A's");
    const onlyA: RunResult = { ...run, checks: tagged("a") };
    assert.deepEqual(thresholdLines(onlyA).map((l) => l.label), plain.map((l) => `[A] ${l.label}`));
  });

  it("places resource thresholds on the CPU and memory charts", () => {
    assert.deepEqual(thresholdPlacement("service.cpu", { stat: { kind: "avg" }, value: 80 }), {
      charts: ["cpu"],
      value: 80,
    });
    assert.deepEqual(thresholdPlacement("nats.memory", { stat: { kind: "max" }, value: 200e6 }), {
      charts: ["rss"],
      value: 200,
    });
    assert.equal(thresholdPlacement("latency.persisted", { stat: { kind: "count" }, value: 5 }), undefined);
    assert.equal(thresholdPlacement("throughput.achieved.ratio", { stat: { kind: "value" }, value: 90 }), undefined);
  });

  it("keeps only lines whose chart exists, and marks a last second cut short by the run's end", () => {
    const r: RunResult = structuredClone(fixture("report-fixture"));
    const model = htmlModel(r);
    assert.ok(model.thresholds.every((l) => model.charts.some((c) => c.id === l.chart)));
    assert.ok(!model.thresholds.some((l) => l.chart.startsWith("runs-")));
    assert.equal(partialSecond(r), undefined, "12.9 s of run, series to 6 s: the last second is whole");
    r.durationMs = 5400;
    assert.equal(partialSecond(r), 5);
    assert.equal(htmlModel(r).partialFrom, 5);
  });

  it("aligns series with different x values on one axis, null where a series has no point", () => {
    assert.deepEqual(alignSeries([{ label: "a", x: [0, 2], y: [1, 3] }, { label: "b", x: [1, 2], y: [5, 6] }]), {
      x: [0, 1, 2],
      series: [{ label: "a", values: [1, null, 3] }, { label: "b", values: [null, 5, 6] }],
    });
  });

  it("charts the latency in ms and every rate per second from the series", () => {
    const r = fixture("single-event-latency");
    const model = htmlModel(r);
    const latency = model.charts.find((c) => c.id === "latency")!;
    assert.deepEqual(latency.x, r.timeseries.map((p) => p.t + 0.5));
    const p99 = latency.series.find((s) => s.label === "p99")!;
    assert.deepEqual(p99.values, r.timeseries.map((p) => Number((p.p99 / 1000).toPrecision(4))));
    const rate = model.charts.find((c) => c.id === "rate")!;
    assert.deepEqual(rate.series.map((s) => s.label), ["offered", "sent", "delivered", "persisted"]);
    assert.deepEqual(model.phases.map((p) => [p.name, p.warmup]), [["warmup", true], ["steady", false]]);
    const runs = syntheticSide({ runs: 2, seed: 5 }).map((x) => ({ ...x, timeseries: r.timeseries }));
    const side = htmlModel(r, runs.map((result) => ({ result }))).charts.find((c) => c.id === "runs-latency")!;
    assert.deepEqual(side.series.map((s) => s.label), runs.map((x) => x.runId));
    const labelled = htmlModel(r, runs.map((result, i) => ({ result, label: `A ${i + 1}` })), { only: "runs" });
    assert.deepEqual(labelled.charts.map((c) => c.id), ["runs-latency", "runs-rate"], "only the runs' charts");
    assert.deepEqual(labelled.charts[0]!.series.map((s) => s.label), ["A 1", "A 2"]);
  });
});
