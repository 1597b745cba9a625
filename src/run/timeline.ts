/**
 * The run's timeline once everything is open: the run starts (time zero of every series), the ticker watches
 * abortOnFail thresholds, faults fire at their offsets while the phases run, and the grace period lets the last
 * confirmations arrive.
 * @module
 */
import type { Clock } from "../load/pacer.ts";
import type { ResolvedTarget } from "../nats/target.ts";
import type { Scenario } from "../scenario/types.ts";
import { firstPersistAfter, type RunContext } from "./context.ts";
import { type MicroOps, runMicro } from "./drivers/micro.ts";
import type { RunListener } from "./events.ts";
import { type FaultOutcome, runFaults } from "./faults.ts";
import { waitGrace } from "./grace.ts";
import { type PhaseLoopDeps, type PhaseOutcome, runPhases } from "./phases.ts";
import type { RunStop } from "./stop-signal.ts";
import type { SystemUnderTest } from "./sut.ts";
import { startTicker } from "./ticker.ts";

/** What the timeline needs besides the context. */
export interface TimelineDeps {
  clock: Clock;
  scenario: Scenario;
  sut: SystemUnderTest;
  target: ResolvedTarget;
  stop: RunStop;
  /** Started the moment the run starts (the resource sampler). */
  sampler: { start(): void };
  senders: PhaseLoopDeps["senders"];
  microOps: MicroOps;
  /** Total CPU ms so far of every involved process. */
  cpuNow: () => number;
  listener?: RunListener | undefined;
}

/** What the timeline produced. */
export interface TimelineOutcome {
  phases: PhaseOutcome[];
  faults: FaultOutcome[];
  /** Whether the grace period ran out or nothing was left pending (see `waitGrace`). */
  settled: boolean;
}

/** Starts the run now and runs its phases, faults and grace period; resolves when all of them are over. */
export async function runTimeline(ctx: RunContext, deps: TimelineDeps): Promise<TimelineOutcome> {
  const { clock, scenario, listener } = deps;
  const runStartMs = clock.now();
  ctx.recorder.runStartMs = runStartMs;
  deps.sampler.start();
  const ticker = startTicker(ctx, scenario, {
    intervalMs: 1000,
    listener,
    onAbortThreshold: (reason) => {
      listener?.({ type: "abort", reason });
      deps.stop.abort();
    },
  });
  const plannedEnd = runStartMs + scenario.durationMs;
  const faultsDone = runFaults(
    ctx.plan.faults,
    {
      sut: deps.sut,
      ...(deps.target.embedded ? { nats: deps.target.embedded } : {}),
      nextPersistAfter: (since, deadline) => firstPersistAfter(ctx, since, deadline),
    },
    clock,
    runStartMs,
    ctx.signal,
    () => plannedEnd + scenario.graceMs,
  );
  let phases: PhaseOutcome[] = [];
  let settled = false;
  try {
    phases = await runPhases(ctx, {
      clock,
      runStartMs,
      senders: deps.senders,
      cpuNow: deps.cpuNow,
      ...(listener ? { listener } : {}),
      micro: (phase) =>
        runMicro(phase.load.kind === "micro" ? phase.load.benches : [], deps.microOps, phase.durationMs),
    });
    const cut = () => deps.stop.interrupted() || deps.stop.failed();
    settled = await waitGrace(ctx, clock, scenario.graceMs, cut, listener);
  } finally {
    ticker.stop();
    ctx.recorder.series.close(clock.now() - runStartMs);
  }
  const faults = await faultsDone;
  for (const outcome of faults) listener?.({ type: "fault", outcome });
  return { phases, faults, settled };
}
