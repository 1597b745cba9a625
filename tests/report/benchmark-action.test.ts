import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { benchmarkEntries, renderBenchmarkAction } from "../../src/report/benchmark-action.ts";
import { fixture } from "../support/results.ts";

describe("github-action-benchmark output", () => {
  it("lists smaller-is-better figures with units, named by scenario", () => {
    const r = fixture("single-event-latency");
    const entries = benchmarkEntries([r]);
    const p99 = entries.find((e) => e.name === "single-event-latency (quick) · latency.persisted p99");
    const s = r.metrics.find((m) => m.metric === "latency.persisted" && !m.phase && !m.event)!.summary!;
    assert.equal(p99?.unit, "ms");
    assert.equal(p99?.value, Number((s.p99 / 1000).toPrecision(6)));
    assert.equal(p99?.range, undefined);
    assert.ok(entries.some((e) => e.name.endsWith("service.memory mean") && e.unit === "MB"));
    assert.ok(!entries.some((e) => e.name.includes("throughput")), "bigger-is-better figures are left out");
    for (const e of entries) assert.ok(Number.isFinite(e.value));
  });

  it("averages several runs of a scenario and gives their spread as the range", () => {
    const a = fixture("single-event-latency");
    const b = fixture("single-event-latency");
    b.metrics = b.metrics.map((m) =>
      m.metric === "latency.persisted" && !m.phase && !m.event
        ? { ...m, summary: { ...m.summary!, avg: m.summary!.avg + 2000 } }
        : m
    );
    const mean = benchmarkEntries([a, b]).find((e) => e.name.endsWith("latency.persisted mean"))!;
    const sa = a.metrics.find((m) => m.metric === "latency.persisted" && !m.phase && !m.event)!.summary!.avg;
    assert.ok(Math.abs(mean.value - (sa + 1000) / 1000) < 1e-3);
    assert.match(mean.range ?? "", /^± 1\.41421/);
    assert.equal(mean.extra, "mean of 2 runs");
    assert.ok(renderBenchmarkAction([a]).startsWith("[\n"));
  });
});
