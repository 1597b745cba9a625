/**
 * A synthetic but complete RunResult, with real encoded histograms, for schema and threshold tests.
 * @module
 */
import { Histogram } from "../../src/metrics/histogram.ts";
import { SecondSeries } from "../../src/metrics/timeseries.ts";
import type { RunResult } from "../../src/result/types.ts";
import type { Scenario, SourcePos } from "../../src/scenario/types.ts";

const pos: SourcePos = { file: "/tmp/synthetic.yaml", line: 1, column: 1 };

/** The persisted latencies of the steady phase: 1..1000 ms in 1 ms steps, as µs (avg 500.5 ms). */
export function steadyLatencies(): Histogram {
  const h = new Histogram();
  for (let i = 1; i <= 1000; i++) h.record(i * 1000);
  return h;
}

/** The normalized scenario of the fixture. */
export function syntheticScenario(): Scenario {
  return {
    version: 1,
    name: "synthetic",
    description: "A synthetic run for tests.",
    tags: ["test"],
    file: pos.file,
    quick: false,
    target: {},
    service: { kind: "reference", prefix: "rosey.db", jetstream: false, batchMax: 1000 },
    path: "nats",
    pools: [{ name: "users", values: ["alice", "bob"] }],
    events: [
      {
        name: "chat",
        subject: "rosey.db.message.log",
        payload: { kind: "literal", value: { username: "alice", message: "hi" } },
        persisted: true,
        confirm: { kind: "notices" },
        confirmDeclared: false,
        pos,
      },
      {
        name: "recent",
        subject: "rosey.db.stats.recent_chat.get",
        payload: { kind: "literal", value: {} },
        request: { timeoutMs: 1000 },
        persisted: false,
        confirm: { kind: "reply" },
        confirmDeclared: false,
        pos,
      },
    ],
    mix: [{ event: "chat", weight: 0.9 }, { event: "recent", weight: 0.1 }],
    phases: [
      {
        name: "warmup",
        kind: "warmup",
        durationMs: 2000,
        load: { kind: "rate", from: 100, to: 100 },
        mix: [],
        startMs: 0,
        pos,
      },
      {
        name: "steady",
        kind: "steady",
        durationMs: 10_000,
        load: { kind: "rate", from: 100, to: 100 },
        mix: [],
        startMs: 2000,
        pos,
      },
    ],
    faults: [],
    thresholds: [],
    durationMs: 12_000,
    graceMs: 5000,
    seed: 1,
  };
}

/** A complete, schema-valid result of a 2-phase run. */
export function syntheticResult(): RunResult {
  const steady = steadyLatencies();
  const request = new Histogram();
  for (let i = 0; i < 100; i++) request.record(200 + i);
  const series = new SecondSeries();
  for (let t = 0; t < 12; t++) {
    series.count("offered", t * 1000, 100);
    series.count("sent", t * 1000, 100);
    series.count("persisted", t * 1000 + 5, 90);
    series.latency(t * 1000 + 5, 1500);
  }
  const counts = {
    published: 1000,
    delivered: 0,
    persisted: 898,
    lost: 2,
    duplicated: 0,
    invalid: 0,
    requestErrors: 0,
    requestTimeouts: 1,
    expectedPersisted: 900,
  };
  return {
    schemaVersion: 1,
    runId: "20250101-000000-synthetic",
    status: "completed",
    invalidReasons: [],
    verdict: "pass",
    scenario: {
      name: "synthetic",
      file: pos.file,
      hash: "sha256:00",
      quick: false,
      seed: 1,
      normalized: syntheticScenario(),
    },
    environment: {
      runtime: "node",
      runtimeVersion: "20.0.0",
      os: "linux",
      cpuModel: "Test CPU",
      cpus: 2,
      natsServerVersion: "2.10.0",
      busmarkVersion: "0.1.0",
      gitCommit: "0123456789abcdef",
      hostname: "test",
    },
    target: { url: "nats://***@127.0.0.1:4222", embedded: false },
    service: { kind: "reference", prefix: "rosey.db", jetstream: false, confirm: "notices" },
    startedAt: "2025-01-01T00:00:00.000Z",
    endedAt: "2025-01-01T00:00:17.000Z",
    durationMs: 17_000,
    phases: [
      { name: "warmup", kind: "warmup", startMs: 0, durationMs: 2000, load: { kind: "rate", from: 100, to: 100 } },
      { name: "steady", kind: "steady", startMs: 2000, durationMs: 10_000, load: { kind: "rate", from: 100, to: 100 } },
    ],
    metrics: [
      { metric: "latency.persisted", summary: steady.summary(), histogram: steady.encode() },
      { metric: "latency.persisted", event: "chat", summary: steady.summary(), histogram: steady.encode() },
      { metric: "latency.persisted", phase: "steady", summary: steady.summary() },
      { metric: "latency.persisted", phase: "warmup", summary: new Histogram().summary() },
      { metric: "latency.request", summary: request.summary(), histogram: request.encode() },
      { metric: "throughput.offered", value: 100 },
      { metric: "throughput.achieved", value: 99.5 },
      { metric: "throughput.achieved.ratio", value: 99.5 },
      { metric: "events.persisted.ratio", value: (898 / 900) * 100 },
      { metric: "service.memory.growth", value: 12_000_000 },
      {
        metric: "service.cpu",
        summary: { count: 10, min: 5, max: 40, avg: 20, stddev: 10, p50: 18, p90: 35, p95: 38, p99: 40, p999: 40 },
      },
      { metric: "recovery.time", value: 1_500_000 },
      {
        metric: "micro.op",
        bench: "insert",
        summary: { count: 50, min: 3, max: 9, avg: 4.5, stddev: 1, p50: 4, p90: 6, p95: 7, p99: 9, p999: 9 },
      },
    ],
    counts: [
      counts,
      { event: "chat", ...counts, requestTimeouts: 0 },
      {
        event: "recent",
        published: 100,
        delivered: 0,
        persisted: 0,
        lost: 0,
        duplicated: 0,
        invalid: 0,
        requestErrors: 0,
        requestTimeouts: 1,
        expectedPersisted: 0,
      },
      { phase: "steady", ...counts },
    ],
    timeseries: series.rows(),
    resources: {
      service: {
        samples: [{ t: 1, cpu: 10, rss: 50_000_000 }, { t: 2, cpu: 12.5, rss: 50_010_000 }],
        growth: { bytesPerHour: 12_000_000, r2: 0.93, n: 2 },
      },
      busmark: { samples: [{ t: 1, cpu: 30, rss: 80_000_000 }] },
    },
    faults: [{ action: "kill", atMs: 5000, endMs: 7000, recoveryMs: 1500, lost: 2, note: "service killed" }],
    micro: [{
      name: "insert",
      op: "direct-insert",
      event: "chat",
      avgNs: 4500,
      stddevNs: 900,
      p50Ns: 4000,
      p90Ns: 6000,
      p95Ns: 7000,
      p99Ns: 9000,
      p999Ns: 9000,
      minNs: 3000,
      maxNs: 9000,
      samples: 50,
    }],
    checks: [],
    notes: ["synthetic"],
  };
}
