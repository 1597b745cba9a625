/**
 * Building the result of a run from what it recorded: metric entries, counts, time series, resources, faults,
 * micro benchmarks, the generator's self-health, threshold checks and the verdict.
 * @module
 */
import { memoryGrowth } from "../resources/growth.ts";
import type { CountEntry, MetricEntry, RunResult } from "../result/types.ts";
import { runtimeInfo } from "../runtime/detect.ts";
import { machineInfo } from "../runtime/host.ts";
import { busmarkVersion, gitCommit, sha256Hex } from "../runtime/identity.ts";
import type { Scenario } from "../scenario/types.ts";
import { evaluateThresholds, verdictOf } from "../verdict/evaluate.ts";
import { countEntries, latencyEntries, ratioEntries, summarizeNumbers, throughputEntries } from "./aggregate.ts";
import type { RunContext } from "./context.ts";
import type { FaultOutcome } from "./faults.ts";
import type { PhaseOutcome } from "./phases.ts";
import type { ReconnectRecord } from "./reconnects.ts";
import type { SystemUnderTest } from "./sut.ts";

/** Schedule lag p99 above which busmark itself could not offer the load, µs. */
export const MAX_LAG_P99_US = 20_000;
/** busmark's own average CPU (percent of one core) above which the generator was saturated. */
export const MAX_GENERATOR_CPU = 95;

type Resources = Record<
  string,
  { samples: { t: number; cpu: number; rss: number }[]; growth?: { bytesPerHour: number; r2: number; n: number } }
>;

/** Inputs of {@link buildResult}. */
export interface BuildInput {
  ctx: RunContext;
  runId: string;
  scenario: Scenario;
  seed: number;
  target: { url: string; embedded: boolean };
  natsServerVersion: string;
  sut: SystemUnderTest;
  phases: PhaseOutcome[];
  faults: FaultOutcome[];
  resources: Resources;
  reconnects: ReconnectRecord[];
  startedAt: Date;
  endedAt: Date;
  status: "completed" | "interrupted" | "aborted";
  command?: string | undefined;
  /** Generator self-health bounds (defaults {@link MAX_LAG_P99_US}, {@link MAX_GENERATOR_CPU}). */
  health?: { maxLagP99Us?: number; maxGeneratorCpu?: number } | undefined;
}

/**
 * Resource entries: CPU and RSS statistics and memory growth per process, over the samples taken during measured
 * phases (warmup excluded, as for every other figure); the growth is the least-squares slope of those samples.
 */
export function resourceEntries(resources: Resources, measuredFromS = 0): MetricEntry[] {
  const out: MetricEntry[] = [];
  for (const [name, r] of Object.entries(resources)) {
    const samples = r.samples.filter((s) => s.t >= measuredFromS);
    if (samples.length === 0) continue;
    out.push({ metric: `${name}.cpu`, summary: summarizeNumbers(samples.map((s) => s.cpu)) });
    out.push({ metric: `${name}.memory`, summary: summarizeNumbers(samples.map((s) => s.rss)) });
    const growth = memoryGrowth(samples);
    if (growth) out.push({ metric: `${name}.memory.growth`, value: growth.bytesPerHour });
  }
  return out;
}

/** Seconds from the run start to the first measured (non-warmup) phase. */
function measuredStartS(ctx: RunContext): number {
  const first = ctx.plan.phases.find((p) => p.measured);
  return first ? first.startMs / 1000 : 0;
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

/** Events planned between a fault's start and end that were expected to persist and never did. */
function lostAcross(ctx: RunContext, fault: FaultOutcome): number {
  const from = ctx.recorder.runStartMs + fault.atMs;
  const to = ctx.recorder.runStartMs + (fault.endMs ?? fault.atMs);
  let lost = 0;
  const { tracker } = ctx;
  for (let id = 0; id < tracker.size; id++) {
    const t = tracker.intended(id);
    if (t < from || t > to) continue;
    if (!ctx.confirmsPersistence[tracker.eventOf(id)]) continue;
    if (!tracker.isPersisted(id) && !tracker.isInvalid(id)) lost++;
  }
  return lost;
}

/** Fault, reconnect and burst-drain entries. */
export function timelineEntries(
  ctx: RunContext,
  faults: readonly FaultOutcome[],
  reconnects: readonly ReconnectRecord[],
  counts: readonly CountEntry[] = countEntries(ctx),
): MetricEntry[] {
  const out: MetricEntry[] = [];
  const recoveries = faults.filter((f) => f.recoveryMs !== undefined).map((f) => f.recoveryMs!);
  if (recoveries.length) out.push({ metric: "recovery.time", value: Math.max(...recoveries) * 1000 });
  const gaps = reconnects.filter((r) => r.reconnectedAt !== undefined).map((r) => r.reconnectedAt! - r.disconnectedAt);
  if (gaps.length) out.push({ metric: "nats.reconnect", value: Math.max(...gaps) * 1000 });
  const drains: number[] = [];
  for (const ph of ctx.plan.phases) {
    if (ph.load.kind !== "count") continue;
    const c = counts.find((e) => e.phase === ph.name && e.event === undefined);
    const first = ctx.firstSendMs[ph.index]!;
    const last = ctx.lastPersistMs[ph.index]!;
    // Only a burst whose every event was persisted has a drain time; otherwise the check finds no data and fails.
    if (!c || !c.expectedPersisted || c.persisted < c.expectedPersisted) continue;
    if (Number.isFinite(first) && Number.isFinite(last)) {
      out.push({ metric: "burst.drain", phase: ph.name, value: (last - first) * 1000 });
      if (ph.measured) drains.push((last - first) * 1000);
    }
  }
  if (drains.length > 0) out.push({ metric: "burst.drain", value: Math.max(...drains) });
  return out;
}

/** A light result for mid-run threshold checks (no histograms encoded, no resources). */
export function partialResult(ctx: RunContext, scenario: Scenario, metrics: MetricEntry[]): RunResult {
  return {
    ...skeleton(scenario, ctx.plan.seed, ctx.runId),
    metrics,
    counts: countEntries(ctx),
  };
}

function skeleton(scenario: Scenario, seed: number, runId: string): RunResult {
  const rt = runtimeInfo();
  const machine = machineInfo();
  return {
    schemaVersion: 1,
    runId,
    status: "completed",
    invalidReasons: [],
    verdict: "pass",
    scenario: {
      name: scenario.name,
      file: scenario.file,
      hash: sha256Hex(JSON.stringify(scenario)),
      quick: scenario.quick,
      seed,
      normalized: scenario,
    },
    environment: {
      runtime: rt.name,
      runtimeVersion: rt.version,
      os: machine.os,
      cpuModel: machine.cpuModel,
      cpus: machine.cpus,
      natsServerVersion: "unknown",
      busmarkVersion: busmarkVersion(),
      hostname: machine.hostname,
    },
    target: { url: "", embedded: false },
    service: { kind: scenario.service.kind, prefix: scenario.service.prefix, confirm: "none" },
    startedAt: new Date(0).toISOString(),
    endedAt: new Date(0).toISOString(),
    durationMs: 0,
    phases: scenario.phases.map((p) => ({
      name: p.name,
      kind: p.kind,
      startMs: p.startMs,
      durationMs: p.durationMs,
      load: p.load,
    })),
    metrics: [],
    counts: [],
    timeseries: [],
    resources: {},
    faults: [],
    micro: [],
    checks: [],
    notes: [],
  };
}

/** Builds the final result, evaluates the thresholds and sets the verdict. */
export function buildResult(input: BuildInput): RunResult {
  const { ctx, scenario, phases } = input;
  const elapsed = new Map(phases.map((p) => [p.index, p.elapsedMs]));
  const counts: CountEntry[] = countEntries(ctx);
  const micro = phases.flatMap((p) => p.micro);
  const faults = input.faults.map((f) => ({ ...f, lost: lostAcross(ctx, f) }));
  const metrics: MetricEntry[] = [
    ...latencyEntries(ctx, true),
    ...throughputEntries(ctx, (p) => elapsed.get(p) ?? 0),
    ...ratioEntries(counts),
    ...resourceEntries(input.resources, measuredStartS(ctx)),
    ...costEntries(ctx, phases),
    ...memoryOverhead(ctx, input.resources),
    ...timelineEntries(ctx, faults, input.reconnects, counts),
    ...micro.map((m): MetricEntry => ({
      metric: "micro.op",
      bench: m.name,
      summary: {
        count: m.samples,
        min: m.minNs / 1000,
        max: m.maxNs / 1000,
        avg: m.avgNs / 1000,
        stddev: m.stddevNs / 1000,
        p50: m.p50Ns / 1000,
        p90: m.p90Ns / 1000,
        p95: m.p95Ns / 1000,
        p99: m.p99Ns / 1000,
        p999: m.p999Ns / 1000,
      },
    })),
  ];
  const invalidReasons: string[] = [];
  const maxLag = input.health?.maxLagP99Us ?? MAX_LAG_P99_US;
  const maxCpu = input.health?.maxGeneratorCpu ?? MAX_GENERATOR_CPU;
  for (const ph of ctx.plan.phases) {
    if (!ph.measured || ph.load.kind !== "rate") continue;
    const lag = ctx.recorder.lag(ph.index);
    if (lag.count > 0 && lag.percentile(99) > maxLag) {
      invalidReasons.push(
        `phase ${ph.name}: schedule lag p99 ${(lag.percentile(99) / 1000).toFixed(1)} ms > ${
          maxLag / 1000
        } ms — busmark could not offer the load`,
      );
    }
  }
  const ownCpu = input.resources.busmark?.samples ?? [];
  const ownAvg = ownCpu.length ? ownCpu.reduce((s, x) => s + x.cpu, 0) / ownCpu.length : 0;
  if (ownAvg >= maxCpu) {
    invalidReasons.push(`busmark used ${ownAvg.toFixed(0)} % of a core on average — the generator was saturated`);
  }
  const base = skeleton(scenario, input.seed, input.runId);
  const commit = gitCommit();
  const result: RunResult = {
    ...base,
    status: input.status === "completed" && invalidReasons.length > 0 ? "invalid" : input.status,
    invalidReasons,
    environment: {
      ...base.environment,
      natsServerVersion: input.natsServerVersion,
      ...(commit ? { gitCommit: commit } : {}),
    },
    target: input.target,
    service: {
      kind: input.sut.kind,
      prefix: input.sut.prefix,
      confirm: input.sut.confirm,
      ...(scenario.service.kind === "reference" ? { jetstream: scenario.service.jetstream } : {}),
      ...(input.sut.commandLine && input.sut.kind === "command" ? { command: input.sut.commandLine } : {}),
    },
    startedAt: input.startedAt.toISOString(),
    endedAt: input.endedAt.toISOString(),
    durationMs: input.endedAt.getTime() - input.startedAt.getTime(),
    metrics,
    counts,
    timeseries: ctx.recorder.series.rows(),
    resources: Object.fromEntries(
      Object.entries(input.resources).map(([name, r]) => {
        // The fit over the measured samples only, as in the metric entries.
        const growth = memoryGrowth(r.samples.filter((x) => x.t >= measuredStartS(ctx)));
        const { growth: _all, ...rest } = r;
        return [name, growth ? { ...rest, growth } : rest];
      }),
    ),
    faults,
    micro,
    notes: input.command ? [`reproduce: ${input.command}`] : [],
  };
  result.checks = evaluateThresholds(scenario.thresholds, result);
  result.verdict = verdictOf(result);
  return result;
}
