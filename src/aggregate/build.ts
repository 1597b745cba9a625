/**
 * Building the result of a run from what it recorded: metric entries, counts, time series, resources, faults and
 * micro benchmarks; then judging it once ({@link aggregateRun}).
 * @module
 */
import type { CountEntry, MetricEntry, RunResult } from "../result/types.ts";
import { gitCommit } from "../runtime/identity.ts";
import type { RunContext } from "../run/context.ts";
import type { FaultOutcome } from "../run/faults.ts";
import type { PhaseOutcome } from "../run/phases.ts";
import type { ReconnectRecord } from "../run/reconnects.ts";
import type { SystemUnderTest } from "../run/sut.ts";
import type { Scenario } from "../scenario/types.ts";
import { confirmationEntries, type OpenedSource } from "./confirmation.ts";
import { countEntries, latencyEntries, ratioEntries, streamCounts, throughputEntries } from "./entries.ts";
import type { HealthBounds } from "./health.ts";
import { judge } from "./judge.ts";
import {
  costEntries,
  growthByProcess,
  measuredStartS,
  memoryOverhead,
  resourceEntries,
  type Resources,
} from "./resource-entries.ts";
import { serviceConfirmation, sqliteRowSubject } from "../scenario/confirmation.ts";
import type { ServiceSpec } from "../scenario/types.ts";
import { skeleton } from "./skeleton.ts";
import { lostAcross, timelineEntries } from "./timeline-entries.ts";

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
  /**
   * Whether the grace period ran out (or nothing was left to wait for): then events never confirmed are lost;
   * otherwise (an interrupt before it ran out) they are unsettled.
   */
  settled: boolean;
  command?: string | undefined;
  /** Generator self-health bounds (see `health.ts`). */
  health?: HealthBounds | undefined;
  /** The service's files kept beside the report (names in the report directory). */
  serviceFiles?: string[] | undefined;
  /** The confirmation sources the run read over the NATS path, with what they saw (none: nothing was read). */
  confirmers?: readonly OpenedSource[] | undefined;
}

/**
 * Builds the result of a run from what it recorded, not yet judged: no checks, no invalid reasons, the status the
 * run ended with, a provisional verdict. {@link aggregateRun} builds and judges.
 */
export function buildResult(input: BuildInput): RunResult {
  const { ctx, scenario, phases } = input;
  const measuredFromS = measuredStartS(ctx);
  const growths = growthByProcess(input.resources, measuredFromS);
  const spans = new Map(phases.map((p) => [p.index, { elapsedMs: p.elapsedMs, cut: p.cut }]));
  const counts: CountEntry[] = countEntries(ctx, input.settled);
  const micro = phases.flatMap((p) => p.micro);
  // Without the grace period running out, no event can be called lost, across a fault or anywhere.
  const faults = input.faults.map((f) => (input.settled ? { ...f, lost: lostAcross(ctx, f) } : f));
  const metrics: MetricEntry[] = [
    ...latencyEntries(ctx, true),
    ...throughputEntries(ctx, spans),
    ...ratioEntries(counts),
    ...resourceEntries(input.resources, measuredFromS, growths),
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
  const base = skeleton(scenario, input.seed, input.runId);
  const commit = gitCommit();
  const result: RunResult = {
    ...base,
    status: input.status,
    environment: {
      ...base.environment,
      natsServerVersion: input.natsServerVersion,
      ...(commit ? { gitCommit: commit } : {}),
    },
    target: input.target,
    service: {
      kind: input.sut.kind,
      prefix: input.sut.prefix,
      confirm: resultConfirm(scenario.service),
      ...(scenario.service.kind === "reference" ? { jetstream: scenario.service.jetstream } : {}),
      ...(input.sut.commandLine && input.sut.kind === "command" ? { command: input.sut.commandLine } : {}),
    },
    startedAt: input.startedAt.toISOString(),
    endedAt: input.endedAt.toISOString(),
    durationMs: input.endedAt.getTime() - input.startedAt.getTime(),
    phases: base.phases.map((p, i) =>
      p.load.kind === "streams"
        ? { ...p, streams: ctx.plan.phases[i]!.streams.map((s) => streamCounts(ctx, i, s.index, spans.get(i))) }
        : p
    ),
    metrics,
    counts,
    timeseries: ctx.recorder.series.rows(),
    resources: Object.fromEntries(
      Object.entries(input.resources).map(([name, r]) => {
        // The fit over the measured samples only, as in the metric entries.
        const growth = growths.get(name);
        const { growth: _all, ...rest } = r;
        return [name, growth ? { ...rest, growth } : rest];
      }),
    ),
    faults,
    micro,
    notes: [...(input.command ? [`reproduce: ${input.command}`] : []), ...unconfirmableNotes(input)],
    ...(input.serviceFiles && input.serviceFiles.length > 0 ? { serviceFiles: input.serviceFiles } : {}),
    confirmation: confirmationEntries(ctx, input.confirmers ?? []),
    ...(ctx.recorder.replyFailures.length > 0 ? { replyFailures: [...ctx.recorder.replyFailures] } : {}),
  };
  return result;
}

/**
 * Notes on persisted events the run could not confirm one by one because their payload does not carry their id: a
 * service confirmed from its database is found again by the `{{ id }}` in the stored text, and busmark rewrites no
 * payload, so such events completed on delivery.
 */
function unconfirmableNotes({ ctx, scenario }: BuildInput): string[] {
  if (serviceConfirmation(scenario.service) !== "db") return [];
  return ctx.plan.events
    .filter((e) => e.persisted && sqliteRowSubject(e.subject) && !e.carriesId && !ctx.confirmsPersistence[e.index])
    .map((e) =>
      `event ${e.name}: persistence not confirmed (its payload carries no {{ id }} for busmark to find in the ` +
      "service's database); it completed on delivery"
    );
}

/** The service-wide confirmation a result records (`sqlite` for a service confirmed from its `db`). */
function resultConfirm(service: ServiceSpec): "notices" | "sqlite" | "none" {
  const way = serviceConfirmation(service);
  return way === "db" ? "sqlite" : way;
}

/** Builds the result of a run and judges it (thresholds and self-health, see `judge.ts`): the aggregation stage. */
export function aggregateRun(input: BuildInput): RunResult {
  return judge(buildResult(input), { thresholds: input.scenario.thresholds, health: input.health });
}
