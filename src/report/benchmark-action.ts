/**
 * The `customSmallerIsBetter` JSON that the github-action-benchmark action reads: an array of
 * `{ name, unit, value, range?, extra? }`. Only smaller-is-better figures belong there: the latencies (mean, p50,
 * p95, p99 in ms), the CPU cost per 1000 events, and each process's mean CPU and memory. With several runs of a
 * scenario the value is their mean and `range` their standard deviation.
 * @module
 */
import { findMetric } from "../result/find.ts";
import type { RunResult } from "../result/types.ts";

/** One entry of the action's input. */
export interface BenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

type Pick = (r: RunResult) => number | undefined;

const LATENCY: readonly [string, "avg" | "p50" | "p95" | "p99", string][] = [
  ["latency.persisted", "avg", "mean"],
  ["latency.persisted", "p50", "p50"],
  ["latency.persisted", "p95", "p95"],
  ["latency.persisted", "p99", "p99"],
  ["latency.delivered", "p99", "p99"],
  ["latency.request", "avg", "mean"],
  ["latency.request", "p99", "p99"],
];

function figures(): [string, string, Pick][] {
  const out: [string, string, Pick][] = [];
  for (const [metric, stat, label] of LATENCY) {
    out.push([`${metric} ${label}`, "ms", (r) => {
      const s = findMetric(r, metric, {})?.summary;
      return s && s.count > 0 ? s[stat] / 1000 : undefined;
    }]);
  }
  out.push(["cost.cpu per 1000 events", "ms", (r) => {
    const v = findMetric(r, "cost.cpu", {})?.value;
    return v === undefined ? undefined : v / 1000;
  }]);
  for (const p of ["service", "nats", "busmark"]) {
    out.push([`${p}.cpu mean`, "%", (r) => findMetric(r, `${p}.cpu`, {})?.summary?.avg]);
    out.push([`${p}.memory mean`, "MB", (r) => {
      const v = findMetric(r, `${p}.memory`, {})?.summary?.avg;
      return v === undefined ? undefined : v / 1e6;
    }]);
  }
  return out;
}

function round(n: number): number {
  return Number(n.toPrecision(6));
}

/** The entries for a set of results (grouped by scenario; several runs of one scenario are averaged). */
export function benchmarkEntries(results: readonly RunResult[]): BenchmarkEntry[] {
  const byScenario = new Map<string, RunResult[]>();
  for (const r of results) {
    const key = `${r.scenario.name}${r.scenario.quick ? " (quick)" : ""}`;
    byScenario.set(key, [...(byScenario.get(key) ?? []), r]);
  }
  const out: BenchmarkEntry[] = [];
  for (const [scenario, runs] of byScenario) {
    for (const [name, unit, pick] of figures()) {
      const values = runs.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));
      if (values.length === 0) continue;
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const entry: BenchmarkEntry = { name: `${scenario} · ${name}`, unit, value: round(mean) };
      if (values.length > 1) {
        const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
        entry.range = `± ${round(sd)}`;
        entry.extra = `mean of ${values.length} runs`;
      }
      out.push(entry);
    }
  }
  return out;
}

/** The action's JSON file content. */
export function renderBenchmarkAction(results: readonly RunResult[]): string {
  return `${JSON.stringify(benchmarkEntries(results), null, 2)}\n`;
}
