/**
 * Running a scenario: resolve NATS, start the system under test, open the engines the plan needs, run the phases
 * with their faults, wait out the grace period, and hand what was recorded to the aggregation stage. The pipeline is
 * validate → plan → run (emits typed events) → aggregate → report; this module is the "run" step and never chooses
 * an exit code. Engines are chosen through registries (`engines/senders.ts`, `engines/confirmers.ts`).
 * @module
 */
import { aggregateRun } from "../aggregate/build.ts";
import type { HealthBounds } from "../aggregate/health.ts";
import { realClock } from "../load/pacer.ts";
import type { NatsAuth } from "../nats/options.ts";
import type { RunResult } from "../result/types.ts";
import { makeTempDir, removePath } from "../runtime/fs.ts";
import { copyServiceFiles, type KeepServiceFiles, type ServiceFile, serviceFilesOf } from "./service-files.ts";
import { applyServiceOverride } from "../scenario/override.ts";
import type { Scenario } from "../scenario/types.ts";
import { openBus } from "./bus.ts";
import { Cleanups } from "./cleanups.ts";
import { createRunContext, type RunContext } from "./context.ts";
import { confirmSources, confirmsPersistence } from "./engines/confirmers.ts";
import { createMicroOps } from "./engines/micro-ops.ts";
import { checkPayloadLimit } from "./payload-limit.ts";
import { openSenders, sendsViaService, usedPaths } from "./engines/senders.ts";
import type { RunListener } from "./events.ts";
import { compilePlan } from "./plan.ts";
import { watchReconnects } from "./reconnects.ts";
import { createRunSampler, involvedCpuNow, warmUpSampling } from "./sampling.ts";
import { createRunSut, startService } from "./service-setup.ts";
import { watchStop } from "./stop-signal.ts";
import { runTimeline } from "./timeline.ts";

/** Everything a run needs besides the scenario. */
export interface RunOptions {
  scenario: Scenario;
  seed?: number;
  /** `--nats`; overrides the scenario's target. */
  natsUrl?: string;
  auth: NatsAuth;
  env: Record<string, string | undefined>;
  /** `--service-command` / `--service-db`: point the scenario at another implementation of the contract. */
  serviceCommand?: { command: string; db?: string };
  /** Absolute path of the reference service entry (defaults to this package's). */
  serviceEntry?: string;
  /** Default URL probed before starting an embedded server (tests use a free port). */
  defaultNatsUrl?: string;
  allowEmbedded?: boolean;
  listener?: RunListener;
  /** Aborts the run as interrupted (SIGINT/SIGTERM). */
  signal?: AbortSignal;
  runId?: string;
  /** The command line that reproduces this run, for the report. */
  command?: string;
  /** Generator self-health bounds; a run beyond them is marked invalid rather than blaming the service. */
  health?: HealthBounds;
  /** Keep the service's log (and database) once it stopped; default: nothing is kept. */
  keepServiceFiles?: KeepServiceFiles;
  /** Called once with the run's shared state before any load is sent (benches read its tracker). */
  onContext?: (ctx: RunContext) => void;
}

/** A run id: UTC time to the second plus 4 random hex digits, e.g. `20261126T180102Z-3fa9`. */
export function makeRunId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const rand = Math.floor(Math.random() * 0x10000).toString(16).padStart(4, "0");
  return `${stamp}-${rand}`;
}

/** Runs a scenario end to end and resolves to its result (also when interrupted). Infrastructure failures throw. */
export async function runScenario(opts: RunOptions): Promise<RunResult> {
  // `--service-command`: the override is the scenario's service, its thresholds checked again (ScenarioError).
  const scenario = opts.serviceCommand ? applyServiceOverride(opts.scenario, opts.serviceCommand) : opts.scenario;
  const plan = compilePlan(scenario, opts.seed ?? scenario.seed);
  const runId = opts.runId ?? makeRunId();
  const clock = realClock;
  const stop = watchStop(opts.signal);
  const cleanups = new Cleanups();
  const startedAt = new Date();
  try {
    const bus = await openBus(opts, scenario, runId, cleanups.defer);
    const { target, nc, natsServerVersion } = bus;
    checkPayloadLimit(scenario, nc.info?.max_payload);
    opts.listener?.({
      type: "target",
      url: target.maskedUrl,
      embedded: target.embedded !== undefined,
      natsServerVersion,
    });

    const tmpDir = makeTempDir("busmark-run-");
    cleanups.defer(() => removePath(tmpDir));
    const paths = usedPaths(plan);
    const sut = createRunSut(opts, scenario, { natsUrl: target.url, nc }, tmpDir);
    let kept: ServiceFile[] = [];
    const keep = opts.keepServiceFiles;
    if (keep) cleanups.defer(() => void copyServiceFiles(kept, keep.dirFor(runId))); // once the service stopped
    cleanups.defer(() => sut.dispose());
    if (sendsViaService(paths)) await startService(sut, opts.listener);

    const waits = confirmsPersistence(plan, sendsViaService(paths));
    const ctx = createRunContext({
      plan,
      runId,
      now: () => clock.now(),
      signal: stop.signal,
      confirmsPersistence: waits,
    });
    opts.onContext?.(ctx);
    const sources = confirmSources(plan, waits);
    const engines = await openSenders(ctx, paths, { ...bus, sut, sources, tmpDir, fail: stop.fail }, cleanups.defer);

    const sampler = createRunSampler(sut, target, clock, ctx.recorder);
    const reconnects = watchReconnects(nc, () => clock.now());
    await warmUpSampling(target);
    const { phases, faults, settled } = await runTimeline(ctx, {
      clock,
      scenario,
      sut,
      target,
      stop,
      sampler,
      senders: engines.senders,
      microOps: createMicroOps(ctx, nc, engines.direct),
      cpuNow: involvedCpuNow(sut, target),
      listener: opts.listener,
    });
    await sampler.stop();
    stop.throwIfFailed();
    await engines.flush();
    if (keep) kept = serviceFilesOf(sut, keep.database);
    return aggregateRun({
      ctx,
      runId,
      scenario,
      seed: plan.seed,
      target: { url: target.maskedUrl, embedded: target.embedded !== undefined },
      natsServerVersion,
      sut,
      phases,
      faults,
      resources: sampler.result(),
      reconnects: reconnects.stop(),
      startedAt,
      endedAt: new Date(),
      status: stop.status(),
      settled,
      command: opts.command,
      health: opts.health,
      serviceFiles: kept.map((f) => f.name),
      // What each source saw, read after the grace period (the sources stop with the cleanups).
      confirmers: engines.confirmers.map((o) => ({ spec: o.source.spec, sightings: o.running.sightings?.() })),
    });
  } finally {
    stop.dispose();
    await cleanups.run();
  }
}
