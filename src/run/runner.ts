/**
 * Running a scenario: resolve NATS, start the system under test, run the phases with their faults, wait out the
 * grace period, and hand what was recorded to the result builder. The pipeline is validate → plan → run (emits
 * typed events) → aggregate → report; this module is the "run" step and never chooses an exit code.
 * @module
 */
import type { NatsConnection, Subscription } from "nats";
import { realClock } from "../load/pacer.ts";
import { connectNats } from "../nats/connect.ts";
import type { NatsAuth } from "../nats/options.ts";
import { natsServerPid, resolveTarget } from "../nats/target.ts";
import { ResourceSampler } from "../resources/sampler.ts";
import type { RunResult } from "../result/types.ts";
import { processCpuTimeMs } from "../runtime/cpu-time.ts";
import { sampleProcess } from "../runtime/process-stats.ts";
import { makeTempDir, removePath } from "../runtime/fs.ts";
import { ownPid } from "../runtime/host.ts";
import type { Scenario } from "../scenario/types.ts";
import { firstPersistAfter, type RunContext, type SendFn } from "./context.ts";
import { runMicro } from "./drivers/micro.ts";
import { type DirectEngine, openDirectEngine } from "./engines/direct.ts";
import { createMicroOps } from "./engines/micro-ops.ts";
import { startNoticeConfirmer } from "./engines/notices.ts";
import { startProbe } from "./engines/probe.ts";
import { createPublishEngine } from "./engines/publish.ts";
import { createRequestEngine } from "./engines/request.ts";
import { confirmableBySqlite, startSqliteConfirmer } from "./engines/sqlite-confirm.ts";
import type { RunListener } from "./events.ts";
import { runFaults } from "./faults.ts";
import { type PhaseOutcome, runPhases } from "./phases.ts";
import { compilePlan } from "./plan.ts";
import { Recorder } from "./recorder.ts";
import { aggregateRun } from "../aggregate/build.ts";
import { createSut } from "./sut.ts";
import { startTicker } from "./ticker.ts";
import { EventTracker } from "./tracker.ts";
import { watchReconnects } from "./reconnects.ts";

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
  health?: { maxLagP99Us?: number; maxGeneratorCpu?: number };
}

/** A run id: UTC time to the second plus 4 random hex digits, e.g. `20261126T180102Z-3fa9`. */
export function makeRunId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const rand = Math.floor(Math.random() * 0x10000).toString(16).padStart(4, "0");
  return `${stamp}-${rand}`;
}

/** Runs a scenario end to end and resolves to its result (also when interrupted). Infrastructure failures throw. */
export async function runScenario(opts: RunOptions): Promise<RunResult> {
  const scenario = opts.scenario;
  const plan = compilePlan(scenario, opts.seed ?? scenario.seed);
  const runId = opts.runId ?? makeRunId();
  const clock = realClock;
  const abort = new AbortController();
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    abort.abort();
  };
  if (opts.signal?.aborted) onInterrupt();
  opts.signal?.addEventListener("abort", onInterrupt);
  const cleanups: (() => Promise<void> | void)[] = [];
  const startedAt = new Date();
  try {
    const target = await resolveTarget({
      url: opts.natsUrl ?? scenario.target.url,
      env: opts.env,
      defaultUrl: opts.defaultNatsUrl,
      allowEmbedded: opts.allowEmbedded ?? true,
      embedded: scenario.target.embedded === true && !opts.natsUrl,
    });
    cleanups.push(() => target.dispose());
    const nc = await connectNats(target.url, opts.auth, { name: `busmark ${runId}`, reconnect: true });
    cleanups.push(() => closeQuietly(nc));
    const probeNc = await connectNats(target.url, opts.auth, { name: `busmark-probe ${runId}`, reconnect: true });
    cleanups.push(() => closeQuietly(probeNc));
    const natsServerVersion = nc.info?.version ?? "unknown";
    opts.listener?.({
      type: "target",
      url: target.maskedUrl,
      embedded: target.embedded !== undefined,
      natsServerVersion,
    });

    const tmpDir = makeTempDir("busmark-run-");
    cleanups.push(() => removePath(tmpDir));
    const usesNats = plan.phases.some((p) => p.path === "nats");
    const usesDirect = plan.phases.some((p) =>
      p.path === "direct" || (p.load.kind === "micro" && p.load.benches.some((b) => b.op === "direct-insert"))
    );
    const sut = createSut({
      spec: scenario.service,
      natsUrl: target.url,
      nc,
      tmpDir,
      env: { ...opts.env, ...authEnv(opts.auth) },
      serviceEntry: opts.serviceEntry ?? defaultServiceEntry(),
      ...(opts.serviceCommand ? { commandOverride: opts.serviceCommand } : {}),
    });
    cleanups.push(() => sut.dispose());
    if (usesNats) {
      await sut.start();
      opts.listener?.({ type: "service-ready", kind: sut.kind, ...(sut.pid() ? { pid: sut.pid()! } : {}) });
    }

    const tracker = new EventTracker(1 << 16);
    const recorder = new Recorder(plan.phases.length, plan.events.length);
    const ctx: RunContext = {
      plan,
      runId,
      now: () => clock.now(),
      tracker,
      recorder,
      signal: abort.signal,
      confirmsPersistence: plan.events.map((e) =>
        e.persisted &&
        (!usesNats || sut.confirm === "notices" || (sut.confirm === "sqlite" && confirmableBySqlite(e.subject)))
      ),
      firstSendMs: new Float64Array(plan.phases.length).fill(Number.NaN),
      lastPersistMs: new Float64Array(plan.phases.length).fill(Number.NaN),
      lastPersistAny: Number.NaN,
      persistWatchers: [],
    };

    const subs: Subscription[] = [];
    if (usesNats && sut.confirm === "notices") subs.push(startNoticeConfirmer(ctx, nc, sut.prefix));
    if (usesNats) subs.push(...startProbe(ctx, probeNc));
    if (usesNats && sut.confirm === "sqlite" && sut.dbPath) {
      const poller = startSqliteConfirmer(ctx, sut.dbPath);
      cleanups.push(() => poller.stop());
    }
    cleanups.push(() => subs.forEach((s) => s.unsubscribe()));
    await Promise.all([nc.flush(), probeNc.flush()]);

    const senders: { nats?: SendFn[]; direct?: SendFn[] } = {};
    if (usesNats) {
      const tag = plan.events.map((e) => sut.confirm === "sqlite" && confirmableBySqlite(e.subject));
      const publish = createPublishEngine(ctx, nc, tag);
      const request = createRequestEngine(ctx, nc);
      senders.nats = plan.events.map((e) => (e.requestTimeoutMs === undefined ? publish : request));
    }
    let direct: DirectEngine | undefined;
    if (usesDirect) {
      direct = await openDirectEngine(ctx, `${tmpDir}/direct.db`, scenario.service.prefix);
      cleanups.push(() => direct?.close());
      senders.direct = plan.events.map(() => direct!.send);
    }

    const involvedPids = () => [sut.pid(), natsServerPid(target), ownPid()];
    const sampler = new ResourceSampler([
      { name: "service", pid: () => sut.pid() },
      { name: "nats", pid: () => natsServerPid(target) },
      { name: "busmark", pid: () => ownPid() },
    ], { intervalMs: 1000, now: () => clock.now() - recorder.runStartMs });
    const reconnects = watchReconnects(nc, () => clock.now());
    // Warm up what blocks on first use (pidusage asks `getconf` synchronously; the nats-server pid lookup scans
    // /proc), so none of it stalls the load loop once the run has started.
    natsServerPid(target);
    await sampleProcess(ownPid());

    const runStartMs = clock.now();
    recorder.runStartMs = runStartMs;
    sampler.start();
    const ticker = startTicker(ctx, scenario, {
      intervalMs: 1000,
      listener: opts.listener,
      onAbortThreshold: (reason) => {
        opts.listener?.({ type: "abort", reason });
        abort.abort();
      },
    });
    const plannedEnd = runStartMs + scenario.durationMs;
    const faultsDone = runFaults(
      plan.faults,
      {
        sut,
        ...(target.embedded ? { nats: target.embedded } : {}),
        nextPersistAfter: (since, deadline) => firstPersistAfter(ctx, since, deadline),
      },
      clock,
      runStartMs,
      abort.signal,
      () => plannedEnd + scenario.graceMs,
    );
    const microOps = createMicroOps(ctx, nc, direct);
    let phases: PhaseOutcome[] = [];
    try {
      phases = await runPhases(ctx, {
        clock,
        runStartMs,
        senders,
        cpuNow: () => involvedPids().reduce<number>((s, pid) => s + (pid ? processCpuTimeMs(pid) ?? 0 : 0), 0),
        ...(opts.listener ? { listener: opts.listener } : {}),
        micro: (phase) => runMicro(phase.load.kind === "micro" ? phase.load.benches : [], microOps, phase.durationMs),
      });
      const pending = () => pendingPersistence(ctx);
      opts.listener?.({ type: "grace", pending: pending(), graceMs: scenario.graceMs });
      if (!interrupted) await waitUntil(clock, () => pending() === 0 || interrupted, scenario.graceMs);
    } finally {
      ticker.stop();
    }
    const faults = await faultsDone;
    for (const outcome of faults) opts.listener?.({ type: "fault", outcome });
    await sampler.stop();
    await direct?.flush();
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
      status: interrupted ? "interrupted" : abort.signal.aborted ? "aborted" : "completed",
      command: opts.command,
      health: opts.health,
    });
  } finally {
    opts.signal?.removeEventListener("abort", onInterrupt);
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // cleanup failures must not hide the run's outcome
      }
    }
  }
}

function defaultServiceEntry(): string {
  return new URL("../service/main.ts", import.meta.url).pathname;
}

function authEnv(auth: NatsAuth): Record<string, string> {
  const env: Record<string, string> = {};
  if (auth.user) env.NATS_USER = auth.user;
  if (auth.pass) env.NATS_PASSWORD = auth.pass;
  if (auth.token) env.NATS_TOKEN = auth.token;
  if (auth.creds) env.NATS_CREDS = auth.creds;
  if (auth.nkeySeed) env.NATS_NKEY = auth.nkeySeed;
  if (auth.tlsCa) env.NATS_CA = auth.tlsCa;
  if (auth.tlsCert) env.NATS_CERT = auth.tlsCert;
  if (auth.tlsKey) env.NATS_KEY = auth.tlsKey;
  return env;
}

async function closeQuietly(nc: NatsConnection): Promise<void> {
  try {
    await nc.close();
  } catch {
    // already closed
  }
}

/** Events expected to be persisted that are neither persisted nor rejected yet. */
function pendingPersistence(ctx: RunContext): number {
  const r = ctx.recorder;
  let pending = 0;
  for (let p = 0; p < r.phases; p++) {
    for (let e = 0; e < r.events; e++) {
      if (!ctx.confirmsPersistence[e]) continue;
      pending += r.counter("published", p, e) - r.counter("persisted", p, e) - r.counter("invalid", p, e);
    }
  }
  return Math.max(0, pending);
}

async function waitUntil(clock: typeof realClock, done: () => boolean, maxMs: number): Promise<void> {
  const end = clock.now() + maxMs;
  while (!done() && clock.now() < end) await clock.wait(Math.min(20, end - clock.now()));
}
