/**
 * Run results for report and comparison tests: the recorded fixtures under tests/fixtures/results/, and synthetic
 * results whose latency distribution and throughput a test chooses (built on a fixture, so they validate).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { evaluateThresholds } from "../../src/aggregate/checks.ts";
import { createRng } from "../../src/load/rng.ts";
import { Histogram } from "../../src/metrics/histogram.ts";
import type { MetricEntry, RunResult } from "../../src/result/types.ts";
import type { Threshold } from "../../src/scenario/types.ts";

/** Directory of the result fixtures and golden files. */
export const RESULTS_DIR = fileURLToPath(new URL("../fixtures/results/", import.meta.url));

/** The recorded fixtures (a real run each): an invalid run with a service kill, and a passing quick run. */
export const FIXTURES = ["report-fixture", "single-event-latency"] as const;

/** A fresh copy of a recorded fixture. */
export function fixture(name: (typeof FIXTURES)[number]): RunResult {
  return JSON.parse(readFileSync(`${RESULTS_DIR}${name}.result.json`, "utf8")) as RunResult;
}

/** A log-normal sample of `n` latencies (µs) with median `medianUs`, from a seeded generator. */
export function lognormalUs(n: number, medianUs: number, sigma: number, seed: number): number[] {
  const rng = createRng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // Box-Muller
    const u = Math.max(rng(), 1e-12);
    const v = rng();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    out.push(medianUs * Math.exp(sigma * z));
  }
  return out;
}

/** A latency entry with summary and encoded histogram of the given values (µs). */
export function latencyEntry(metric: string, values: readonly number[], where: Partial<MetricEntry> = {}): MetricEntry {
  const h = new Histogram();
  for (const v of values) h.record(v);
  return { metric, ...where, summary: h.summary(), histogram: h.encode() };
}

/** Options of {@link syntheticResult}. */
export interface SyntheticOptions {
  runId: string;
  /** Latencies (µs) of `latency.persisted`. */
  latenciesUs: readonly number[];
  /** `throughput.achieved`, events/s. */
  throughput: number;
  scenario?: string;
  thresholds?: Threshold[];
}

/**
 * A valid result whose metrics are only `latency.persisted` (from the given latencies) and
 * `throughput.achieved`; everything else comes from the passing fixture.
 */
export function syntheticResult(opts: SyntheticOptions): RunResult {
  const base = fixture("single-event-latency");
  const name = opts.scenario ?? "synthetic";
  return {
    ...base,
    runId: opts.runId,
    scenario: {
      ...base.scenario,
      name,
      normalized: { ...base.scenario.normalized, name, thresholds: opts.thresholds ?? [] },
    },
    metrics: [
      latencyEntry("latency.persisted", opts.latenciesUs),
      { metric: "throughput.achieved", value: opts.throughput },
      { metric: "throughput.offered", value: opts.throughput },
    ],
    checks: [],
    faults: [],
    micro: [],
  };
}

/**
 * `runs` synthetic runs of one side: run i has latencies log-normal around `medianUs × shift × f_i` and
 * throughput `1000 / (shift × f_i)`, where `f_i` is run-to-run noise (normal, relative sd `runNoise`).
 */
export function syntheticSide(opts: {
  runs: number;
  seed: number;
  shift?: number;
  runNoise?: number;
  medianUs?: number;
  samples?: number;
  scenario?: string;
  thresholds?: Threshold[];
}): RunResult[] {
  const rng = createRng(opts.seed);
  const out: RunResult[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const u = Math.max(rng(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
    const factor = (opts.shift ?? 1) * (1 + (opts.runNoise ?? 0.02) * z);
    out.push(syntheticResult({
      runId: `run-${opts.seed}-${i}`,
      latenciesUs: lognormalUs(opts.samples ?? 2000, (opts.medianUs ?? 2000) * factor, 0.5, opts.seed * 1000 + i),
      throughput: 1000 / factor,
      ...(opts.scenario ? { scenario: opts.scenario } : {}),
      ...(opts.thresholds ? { thresholds: opts.thresholds } : {}),
    }));
  }
  return out;
}

/**
 * The report fixture (a 12 s run) judged again with a memory-growth budget on busmark, whose slope over those
 * seconds (7.39 GB/h) is garbage not collected yet: `pass` picks a bound the slope meets (`< 50GB/h`) or not
 * (`< 50MB/h`). The check is `resolution: insufficient` with the fit's window and interval.
 */
export function shortGrowthResult(pass: boolean): RunResult {
  const r = fixture("report-fixture");
  const growth = r.resources.busmark!.growth!;
  Object.assign(growth, { low: 3.7e9, high: 1.11e10, seconds: 12 });
  const bound = pass ? 50e9 : 50e6;
  const pos = { file: "t.yaml", line: 1, column: 1 };
  const [check] = evaluateThresholds([{
    key: "busmark.memory.growth",
    metric: "busmark.memory.growth",
    selector: {},
    conditions: [{
      text: pass ? "< 50GB/h" : "< 50MB/h",
      stat: { kind: "value" },
      op: "<",
      value: bound,
      unit: "",
      pos,
    }],
    abortOnFail: false,
    pos,
  }], r);
  r.checks = [check!];
  return r;
}
