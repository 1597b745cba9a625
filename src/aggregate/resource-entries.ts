/**
 * Resource and cost entries of a run: CPU and RSS statistics and memory growth per process (measured phases only),
 * the CPU cost per 1000 events per phase and path, and the NATS path's CPU and memory overhead over the direct path.
 * @module
 */
import type { MemoryGrowth, MetricEntry } from "../result/types.ts";
import { memoryGrowth } from "../resources/growth.ts";
import type { RunContext } from "../run/context.ts";
import type { PhaseOutcome } from "../run/phases.ts";
import { summarizeNumbers } from "./entries.ts";

/** The resource samples of a run by process name (`service`, `nats`, `busmark`), as the sampler returns them. */
export type Resources = Record<string, { samples: { t: number; cpu: number; rss: number }[]; growth?: MemoryGrowth }>;

/** Seconds from the run start to the first measured (non-warmup) phase. */
export function measuredStartS(ctx: RunContext): number {
  const first = ctx.plan.phases.find((p) => p.measured);
  return first ? first.startMs / 1000 : 0;
}

/**
 * Memory growth per process: the least-squares slope of the samples taken during measured phases (warmup excluded,
 * as for every other figure). Computed once per run; both the metric entries and the result's resources use it.
 */
export function growthByProcess(resources: Resources, measuredFromS = 0): Map<string, MemoryGrowth | undefined> {
  return new Map(
    Object.entries(resources).map(([name, r]) => [name, memoryGrowth(r.samples.filter((s) => s.t >= measuredFromS))]),
  );
}

/**
 * Resource entries: CPU and RSS statistics and memory growth per process, over the samples taken during measured
 * phases (warmup excluded, as for every other figure); the growth is the least-squares slope of those samples.
 */
export function resourceEntries(
  resources: Resources,
  measuredFromS = 0,
  growths: ReadonlyMap<string, MemoryGrowth | undefined> = growthByProcess(resources, measuredFromS),
): MetricEntry[] {
  const out: MetricEntry[] = [];
  for (const [name, r] of Object.entries(resources)) {
    const samples = r.samples.filter((s) => s.t >= measuredFromS);
    if (samples.length === 0) continue;
    out.push({ metric: `${name}.cpu`, summary: summarizeNumbers(samples.map((s) => s.cpu)) });
    out.push({ metric: `${name}.memory`, summary: summarizeNumbers(samples.map((s) => s.rss)) });
    const growth = growths.get(name);
    if (growth) out.push({ metric: `${name}.memory.growth`, value: growth.bytesPerHour });
  }
  return out;
}

/** CPU cost per 1000 events (µs of CPU of every involved process), per phase and per path, and the NATS overhead. */
export function costEntries(ctx: RunContext, phases: readonly PhaseOutcome[]): MetricEntry[] {
  const out: MetricEntry[] = [];
  const byPath = { nats: { cpu: 0, n: 0 }, direct: { cpu: 0, n: 0 } };
  for (const outcome of phases) {
    const ph = ctx.plan.phases[outcome.index]!;
    const events = ctx.recorder.total("published", [ph.index]);
    if (events === 0 || ph.load.kind === "micro") continue;
    out.push({ metric: "cost.cpu", phase: ph.name, value: (outcome.cpuMs / events) * 1000 * 1000 });
    if (ph.measured) {
      byPath[ph.path].cpu += outcome.cpuMs;
      byPath[ph.path].n += events;
    }
  }
  const total = byPath.nats.n + byPath.direct.n;
  if (total > 0) out.push({ metric: "cost.cpu", value: ((byPath.nats.cpu + byPath.direct.cpu) / total) * 1e6 });
  if (byPath.nats.n > 0 && byPath.direct.n > 0 && byPath.direct.cpu > 0) {
    const nats = byPath.nats.cpu / byPath.nats.n;
    const direct = byPath.direct.cpu / byPath.direct.n;
    out.push({ metric: "overhead.cpu", value: (nats / direct - 1) * 100 });
  }
  return out;
}

/** Memory overhead: average RSS of everything involved in NATS phases vs busmark alone in direct phases. */
export function memoryOverhead(ctx: RunContext, resources: Resources): MetricEntry[] {
  const within = (path: "nats" | "direct", t: number) =>
    ctx.plan.phases.some((p) =>
      p.measured && p.path === path && t * 1000 >= p.startMs && t * 1000 < p.startMs + p.durationMs
    );
  const avgOf = (names: string[], path: "nats" | "direct") => {
    const byT = new Map<number, number>();
    for (const name of names) {
      for (const s of resources[name]?.samples ?? []) {
        if (within(path, s.t)) byT.set(s.t, (byT.get(s.t) ?? 0) + s.rss);
      }
    }
    const values = [...byT.values()];
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
  };
  const nats = avgOf(["service", "nats", "busmark"], "nats");
  const direct = avgOf(["busmark"], "direct");
  return nats !== undefined && direct !== undefined && direct > 0
    ? [{ metric: "overhead.memory", value: (nats / direct - 1) * 100 }]
    : [];
}
