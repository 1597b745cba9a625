import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { canonicalUnit, findMetric, metricNames, METRICS, statDimension } from "../../src/metrics/catalog.ts";

/** The metrics the issue names; the catalogue must hold each. */
const REQUIRED = [
  "latency.persisted",
  "latency.delivered",
  "latency.request",
  "latency.schedule",
  "micro.op",
  "recovery.time",
  "burst.drain",
  "nats.reconnect",
  "cost.cpu",
  "throughput.offered",
  "throughput.achieved",
  "throughput.delivered",
  "throughput.persisted",
  "events.published",
  "events.delivered",
  "events.persisted",
  "events.lost",
  "events.duplicated",
  "events.invalid",
  "publish.errors",
  "requests.errors",
  "requests.timeouts",
  "checks.failed",
  "events.persisted.ratio",
  "events.lost.ratio",
  "throughput.achieved.ratio",
  "checks.passed.ratio",
  "service.cpu",
  "nats.cpu",
  "busmark.cpu",
  "overhead.cpu",
  "overhead.memory",
  "service.memory",
  "nats.memory",
  "busmark.memory",
  "service.memory.growth",
  "nats.memory.growth",
  "busmark.memory.growth",
];

describe("metric catalogue", () => {
  it("holds every metric of the issue, once", () => {
    assert.deepEqual([...metricNames()].sort(), [...REQUIRED].sort());
    assert.equal(new Set(metricNames()).size, METRICS.length);
  });

  it("describes each metric consistently", () => {
    for (const m of METRICS) {
      assert.ok(m.description.endsWith("."), m.name);
      assert.ok(m.stats.length > 0, m.name);
      if (m.defaultStat !== undefined) assert.ok(m.stats.includes(m.defaultStat), m.name);
      if (m.dimension === "count" || m.dimension === "rate" || m.dimension === "bytesPerHour") {
        assert.deepEqual(m.stats, ["value"], `${m.name} has a single value`);
      }
      if (m.events !== "any") assert.ok(m.selectors.includes("event"), `${m.name} filters events it can select`);
    }
  });

  it("finds metrics and their units", () => {
    assert.equal(findMetric("latency.persisted")?.dimension, "time");
    assert.equal(findMetric("latency.persisted")?.defaultStat, undefined, "a latency needs a stat");
    assert.equal(findMetric("events.lost")?.defaultStat, "value");
    assert.equal(findMetric("recovery.time")?.defaultStat, "value");
    assert.equal(findMetric("nope"), undefined);
    assert.deepEqual(
      (["time", "rate", "count", "percent", "bytes", "bytesPerHour"] as const).map(canonicalUnit),
      ["us", "/s", "", "%", "B", "B/h"],
    );
  });

  it("gives count and rate stats of a time metric their own dimension", () => {
    const latency = findMetric("latency.persisted")!;
    assert.equal(statDimension(latency, "count"), "count");
    assert.equal(statDimension(latency, "rate"), "rate");
    assert.equal(statDimension(latency, "percentile"), "time");
    assert.equal(statDimension(findMetric("events.lost")!, "value"), "count");
  });

  it("is documented row by row in docs/scenario-language.md", () => {
    const doc = readFileSync(new URL("../../docs/scenario-language.md", import.meta.url), "utf8");
    for (const m of METRICS) {
      const row = doc.split("\n").find((l) => l.startsWith(`| \`${m.name}\` `));
      assert.ok(row, `${m.name} has no row`);
      assert.ok(row.includes(m.description), `${m.name}: the row's meaning differs from the catalogue`);
      assert.ok(row.includes(` ${m.dimension} `), `${m.name}: the row's dimension differs`);
    }
  });
});
