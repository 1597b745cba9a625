/**
 * `busmark run --repeat N`: the combined view of N runs of one scenario. Every run keeps its own result (with its
 * histograms); the combined result merges them: latency histograms merge exactly (the summaries are recomputed
 * from the merged histogram), counts add, single values (throughput, ratios, cost, growth, recovery) are averaged,
 * resource summaries are pooled (their percentiles approximately, as count-weighted means), and the thresholds are
 * judged again on the combined figures ({@link aggregateRepeats}). Per-run timelines (time series, resource
 * samples) stay in each run's report; the combined result has none.
 * @module
 */
import { Histogram, type LatencySummary } from "../metrics/histogram.ts";
import type { CountEntry, FaultOutcome, MetricEntry, MicroResult, RunResult, RunStatus } from "../result/types.ts";
import { repeatIdOf } from "../result/repeat.ts";
import type { HealthBounds } from "./health.ts";
import { combineConfirmation } from "./confirmation.ts";
import { judge } from "./judge.ts";
import { KEPT_REPLY_FAILURES } from "../run/recorder.ts";

function sliceKey(
  e: { metric?: string; event?: string | undefined; phase?: string | undefined; bench?: string | undefined },
) {
  return JSON.stringify([e.metric ?? "", e.event ?? "", e.phase ?? "", e.bench ?? ""]);
}

function slice<T extends { event?: string; phase?: string; bench?: string }>(
  e: T,
): Pick<T, "event" | "phase" | "bench"> {
  const out: Pick<T, "event" | "phase" | "bench"> = {};
  if (e.event !== undefined) out.event = e.event;
  if (e.phase !== undefined) out.phase = e.phase;
  if (e.bench !== undefined) out.bench = e.bench;
  return out;
}

/** Pools summaries without histograms: exact count, min, max, mean and variance; count-weighted percentiles. */
export function poolSummaries(list: readonly LatencySummary[]): LatencySummary {
  const parts = list.filter((s) => s.count > 0);
  const count = parts.reduce((s, x) => s + x.count, 0);
  if (count === 0) return { ...list[0]! };
  const w = (f: (s: LatencySummary) => number) => parts.reduce((s, x) => s + f(x) * x.count, 0) / count;
  const avg = w((s) => s.avg);
  const variance = w((s) => s.stddev ** 2 + (s.avg - avg) ** 2);
  return {
    count,
    min: Math.min(...parts.map((s) => s.min)),
    max: Math.max(...parts.map((s) => s.max)),
    avg,
    stddev: Math.sqrt(variance),
    p50: w((s) => s.p50),
    p90: w((s) => s.p90),
    p95: w((s) => s.p95),
    p99: w((s) => s.p99),
    p999: w((s) => s.p999),
  };
}

function combineEntries(group: readonly MetricEntry[]): MetricEntry {
  const first = group[0]!;
  const out: MetricEntry = { metric: first.metric, ...slice(first) };
  if (group.every((e) => e.histogram !== undefined)) {
    const merged = new Histogram();
    try {
      for (const e of group) merged.merge(Histogram.decode(e.histogram!));
      out.summary = merged.summary();
      out.histogram = merged.encode();
      return out;
    } catch {
      // An undecodable histogram: fall back to pooling the summaries.
    }
  }
  const summaries = group.map((e) => e.summary).filter((s): s is LatencySummary => s !== undefined);
  if (summaries.length > 0) out.summary = poolSummaries(summaries);
  const values = group.map((e) => e.value).filter((v): v is number => v !== undefined);
  if (values.length > 0) out.value = values.reduce((s, v) => s + v, 0) / values.length;
  if (out.summary === undefined && out.value === undefined) out.value = 0;
  return out;
}

const COUNT_FIELDS = [
  "published",
  "delivered",
  "persisted",
  "lost",
  "unsettled",
  "duplicated",
  "invalid",
  "requestErrors",
  "requestTimeouts",
  "publishErrors",
  "expectedPersisted",
  "checksPassed",
  "checksFailed",
] as const;

/** Count fields present only when the scenario has what they count (reply checks). */
const OPTIONAL_COUNTS: ReadonlySet<string> = new Set(["checksPassed", "checksFailed"]);

function combineCounts(all: readonly CountEntry[][]): CountEntry[] {
  const out = new Map<string, CountEntry>();
  for (const counts of all) {
    for (const c of counts) {
      const key = sliceKey(c);
      const target = out.get(key);
      if (!target) {
        out.set(key, { ...c });
        continue;
      }
      for (const f of COUNT_FIELDS) {
        if (OPTIONAL_COUNTS.has(f) && target[f] === undefined && c[f] === undefined) continue;
        target[f] = (target[f] ?? 0) + (c[f] ?? 0);
      }
    }
  }
  return [...out.values()];
}

function combineMicro(runs: readonly RunResult[]): MicroResult[] {
  const byName = new Map<string, MicroResult[]>();
  for (const r of runs) for (const m of r.micro) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  return [...byName.values()].map((list) => {
    const avg = (f: (m: MicroResult) => number) => list.reduce((s, m) => s + f(m), 0) / list.length;
    return {
      ...list[0]!,
      avgNs: avg((m) => m.avgNs),
      stddevNs: Math.sqrt(avg((m) => m.stddevNs ** 2)),
      p50Ns: avg((m) => m.p50Ns),
      p90Ns: avg((m) => m.p90Ns),
      p95Ns: avg((m) => m.p95Ns),
      p99Ns: avg((m) => m.p99Ns),
      p999Ns: avg((m) => m.p999Ns),
      minNs: Math.min(...list.map((m) => m.minNs)),
      maxNs: Math.max(...list.map((m) => m.maxNs)),
      samples: list.reduce((s, m) => s + m.samples, 0),
    };
  });
}

const STATUS_RANK: Record<RunStatus, number> = { completed: 0, aborted: 1, invalid: 2, interrupted: 3 };

/**
 * The combined result of several runs of one scenario (see the module doc), not yet judged: it keeps each run's
 * invalid reasons (prefixed with the run id) and the worst status; `runId` is the repeat id.
 */
export function combineResults(runs: readonly RunResult[], repeatId = repeatIdOf(runs)): RunResult {
  if (runs.length === 0) throw new RangeError("Cannot combine runs: there are none");
  const first = runs[0]!;
  const groups = new Map<string, MetricEntry[]>();
  for (const r of runs) {
    for (const m of r.metrics) {
      const key = sliceKey(m);
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
  }
  const status = runs.map((r) => r.status).reduce((a, b) => (STATUS_RANK[b] > STATUS_RANK[a] ? b : a));
  const faults: FaultOutcome[] = runs.flatMap((r) =>
    r.faults.map((f) => ({ ...f, note: `run ${r.runId}${f.note ? `: ${f.note}` : ""}` }))
  );
  const reproduce = first.notes.filter((n) => n.startsWith("reproduce: "));
  const replyFailures = runs.flatMap((r) => r.replyFailures ?? []).slice(0, KEPT_REPLY_FAILURES);
  const { replyFailures: _first, ...rest } = first;
  const combined: RunResult = {
    ...rest,
    ...(replyFailures.length > 0 ? { replyFailures } : {}),
    runId: repeatId,
    status,
    invalidReasons: runs.flatMap((r) => r.invalidReasons.map((reason) => `run ${r.runId}: ${reason}`)),
    startedAt: runs.reduce((a, r) => (r.startedAt < a ? r.startedAt : a), first.startedAt),
    endedAt: runs.reduce((a, r) => (r.endedAt > a ? r.endedAt : a), first.endedAt),
    durationMs: runs.reduce((s, r) => s + r.durationMs, 0),
    phases: combinePhaseStreams(runs),
    metrics: [...groups.values()].map((g) => combineEntries(g)),
    counts: combineCounts(runs.map((r) => r.counts)),
    timeseries: [],
    resources: {},
    faults,
    micro: combineMicro(runs),
    checks: [],
    ...(first.confirmation ? { confirmation: combineConfirmation(runs)! } : {}),
    notes: [
      ...reproduce,
      `combined view of ${runs.length} runs (${
        runs.map((r) => r.runId).join(", ")
      }): latency histograms merged, counts summed, single values averaged; each run's own report is under runs/`,
    ],
  };
  return combined;
}

/**
 * The first run's phases with each phase's duration and each stream's offered and published summed over the runs,
 * as the counts are: a rate read off the combined view (count over duration) is then the runs' rate, not N times it.
 */
function combinePhaseStreams(runs: readonly RunResult[]): RunResult["phases"] {
  return runs[0]!.phases.map((p, i) => {
    const durationMs = runs.reduce((n, r) => n + (r.phases[i]?.durationMs ?? 0), 0);
    if (!p.streams) return { ...p, durationMs };
    const sum = (j: number, key: "offered" | "published") =>
      runs.reduce((n, r) => n + (r.phases[i]?.streams?.[j]?.[key] ?? 0), 0);
    const streams = p.streams.map((_, j) => ({ offered: sum(j, "offered"), published: sum(j, "published") }));
    return { ...p, durationMs, streams };
  });
}

/** Combines repeated runs and judges the combined view once, with the same self-health bounds the runs had. */
export function aggregateRepeats(
  runs: readonly RunResult[],
  health?: HealthBounds,
  repeatId = repeatIdOf(runs),
): RunResult {
  return judge(combineResults(runs, repeatId), { health });
}
