import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aggregateRepeats, combineResults, poolSummaries } from "../../src/aggregate/combine.ts";
import { isRepeatManifest, repeatIdOf, repeatManifest } from "../../src/result/repeat.ts";
import { Histogram } from "../../src/metrics/histogram.ts";
import { findCounts, findMetric } from "../../src/result/find.ts";
import { validateResult } from "../../src/result/validate.ts";
import { fixture } from "../support/results.ts";

function twoRuns() {
  const a = fixture("single-event-latency");
  const b = fixture("single-event-latency");
  b.runId = `${a.runId}-b`;
  return [a, b];
}

describe("combining repeated runs", () => {
  it("merges histograms exactly, sums counts, averages single values and validates", () => {
    const [a, b] = twoRuns();
    const combined = combineResults([a!, b!]);
    assert.deepEqual(validateResult(JSON.parse(JSON.stringify(combined))), []);
    assert.equal(combined.runId, `${a!.runId}-x2`);
    const la = findMetric(a!, "latency.persisted")!;
    const lc = findMetric(combined, "latency.persisted")!;
    assert.equal(lc.summary!.count, 2 * la.summary!.count);
    const merged = Histogram.decode(la.histogram!);
    merged.merge(Histogram.decode(la.histogram!));
    assert.deepEqual(lc.summary, merged.summary());
    assert.equal(Histogram.decode(lc.histogram!).count, lc.summary!.count);
    assert.equal(findCounts(combined)!.published, 2 * findCounts(a!)!.published);
    const ta = findMetric(a!, "throughput.achieved")!.value!;
    assert.ok(Math.abs(findMetric(combined, "throughput.achieved")!.value! - ta) < 1e-9);
    assert.equal(combined.timeseries.length, 0);
    assert.deepEqual(combined.resources, {});
    assert.match(combined.notes.join("\n"), /combined view of 2 runs/);
    assert.match(combined.notes[0]!, /^reproduce: /);
  });

  it("sums each phase's duration over the runs, so a rate read off the combined view is the runs' rate", () => {
    const [a, b] = twoRuns();
    const combined = combineResults([a!, b!]);
    const count = (r: typeof a) => findMetric(r!, "latency.persisted")!.summary!.count;
    const seconds = (r: typeof a) =>
      r!.phases.filter((p) => p.kind !== "warmup").reduce((s, p) => s + p.durationMs, 0) / 1000;
    for (const [i, p] of combined.phases.entries()) {
      assert.equal(p.durationMs, a!.phases[i]!.durationMs + b!.phases[i]!.durationMs, p.name);
    }
    assert.ok(Math.abs(count(combined) / seconds(combined) - count(a) / seconds(a)) < 1e-9);
  });

  it("sums each stream's offered and published over the runs, as it sums counts", () => {
    const [a, b] = twoRuns();
    for (const [r, n] of [[a!, 100], [b!, 60]] as const) {
      const steady = r.phases.find((p) => p.name === "steady")!;
      steady.load = {
        kind: "streams",
        streams: [{ mix: [{ event: "chat", weight: 1 }], load: { kind: "rate", from: 50, to: 50 } }],
      };
      steady.streams = [{ offered: 100, published: n }];
    }
    const combined = combineResults([a!, b!]);
    assert.deepEqual(combined.phases.find((p) => p.name === "steady")!.streams, [{ offered: 200, published: 160 }]);
    assert.equal(combined.phases.find((p) => p.name !== "steady")?.streams, undefined);
    assert.deepEqual(validateResult(JSON.parse(JSON.stringify(combined))), []);
  });

  it("sums reply-check counts where there are any and keeps the first 5 failing replies", () => {
    const [a, b] = twoRuns();
    const failure = (n: number) => ({ event: "chat", phase: "steady", reason: `r${n}`, reply: "[]" });
    Object.assign(findCounts(a!)!, { checksPassed: 4, checksFailed: 3 });
    Object.assign(findCounts(b!)!, { checksPassed: 1, checksFailed: 4 });
    a!.replyFailures = [failure(1), failure(2), failure(3)];
    b!.replyFailures = [failure(4), failure(5), failure(6)];
    const combined = combineResults([a!, b!]);
    assert.deepEqual(validateResult(JSON.parse(JSON.stringify(combined))), []);
    assert.equal(findCounts(combined)!.checksPassed, 5);
    assert.equal(findCounts(combined)!.checksFailed, 7);
    assert.equal(findCounts(combined, { phase: "steady" })!.checksFailed, undefined, "absent where no run had any");
    assert.deepEqual(combined.replyFailures!.map((f) => f.reason), ["r1", "r2", "r3", "r4", "r5"]);
    assert.equal(combineResults(twoRuns()).replyFailures, undefined);
  });

  it("evaluates the thresholds again on the combined figures", () => {
    const [a, b] = twoRuns();
    b!.metrics = b!.metrics.map((m) =>
      m.metric === "latency.persisted" && !m.phase && !m.event ? { ...m, histogram: undefined as unknown as string } : m
    );
    const combined = aggregateRepeats([a!, b!]);
    assert.equal(combined.checks.length, a!.checks.length);
    assert.equal(combined.verdict, "pass");
    // Make one run lose events: the combined `events.lost == 0` check must fail.
    const [c, d] = twoRuns();
    d!.counts = d!.counts.map((x) => ({ ...x, lost: x.lost + 3 }));
    const failing = aggregateRepeats([c!, d!]);
    const lost = failing.checks.find((x) => x.metric === "events.lost")!;
    assert.equal(lost.pass, false);
    assert.equal(lost.observed, 3);
    assert.equal(failing.verdict, "fail");
  });

  it("takes the worst status and keeps every run's invalid reasons and faults", () => {
    const [a, b] = twoRuns();
    b!.status = "invalid";
    b!.invalidReasons = ["lag"];
    b!.faults = [{ action: "kill", atMs: 10 }];
    const combined = aggregateRepeats([a!, b!]);
    assert.equal(combined.status, "invalid");
    assert.equal(combined.verdict, "invalid");
    assert.deepEqual(combined.invalidReasons, [`run ${b!.runId}: lag`]);
    assert.equal(combined.faults[0]!.note, `run ${b!.runId}`);
    assert.throws(() => combineResults([]), /Cannot combine runs/);
  });

  it("pools summaries without histograms (exact mean, count-weighted percentiles)", () => {
    const s = { count: 1, min: 1, max: 1, avg: 1, stddev: 0, p50: 1, p90: 1, p95: 1, p99: 1, p999: 1 };
    const t = { count: 3, min: 3, max: 5, avg: 4, stddev: 1, p50: 4, p90: 5, p95: 5, p99: 5, p999: 5 };
    const p = poolSummaries([s, t]);
    assert.equal(p.count, 4);
    assert.equal(p.avg, 13 / 4);
    assert.equal(p.min, 1);
    assert.equal(p.max, 5);
    assert.equal(p.p50, 13 / 4);
  });

  it("averages micro benchmarks by name", () => {
    const [a, b] = twoRuns();
    const m = {
      name: "insert",
      op: "direct-insert",
      event: "chat",
      avgNs: 1000,
      stddevNs: 30,
      p50Ns: 900,
      p90Ns: 1500,
      p95Ns: 1800,
      p99Ns: 2000,
      p999Ns: 3000,
      minNs: 500,
      maxNs: 5000,
      samples: 10,
    };
    a!.micro = [m];
    b!.micro = [{ ...m, avgNs: 3000, stddevNs: 40, minNs: 400, maxNs: 4000, samples: 20 }];
    const [c] = combineResults([a!, b!]).micro;
    assert.equal(c!.avgNs, 2000);
    assert.equal(c!.stddevNs, Math.sqrt((30 ** 2 + 40 ** 2) / 2));
    assert.equal(c!.minNs, 400);
    assert.equal(c!.maxNs, 5000);
    assert.equal(c!.samples, 30);
  });

  it("describes a repeat in a manifest", () => {
    const runs = twoRuns();
    const m = repeatManifest(runs);
    assert.equal(m.repeatId, repeatIdOf(runs));
    assert.deepEqual(m.runs.map((r) => r.dir), runs.map((r) => `runs/${r.runId}`));
    assert.ok(isRepeatManifest(JSON.parse(JSON.stringify(m))));
    assert.equal(isRepeatManifest(runs[0]), false);
    assert.equal(isRepeatManifest(null), false);
  });
});
