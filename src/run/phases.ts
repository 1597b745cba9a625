/**
 * Running the phases in order on the run's timeline: each phase starts at its planned offset, its load model picks
 * the driver (a phase of several streams runs a driver per stream, side by side), and the CPU time every involved
 * process spent in it is charged to it.
 * @module
 */
import type { Clock } from "../load/pacer.ts";
import type { PathKind } from "../scenario/types.ts";
import type { RunContext, SendFn } from "./context.ts";
import { runBurst, runClosedLoop } from "./drivers/closed-loop.ts";
import type { MicroResult } from "./drivers/micro.ts";
import { runOpenLoop } from "./drivers/open-loop.ts";
import type { RunListener } from "./events.ts";
import type { PlannedPhase, PlannedStream } from "./plan.ts";

/** What the phase loop needs besides the context. */
export interface PhaseLoopDeps {
  clock: Clock;
  runStartMs: number;
  /** Senders per event type for each path. */
  senders: Partial<Record<PathKind, SendFn[]>>;
  /** Total CPU ms so far of every involved process. */
  cpuNow: () => number;
  listener?: RunListener;
  /** Runs a micro benchmark phase (mitata). */
  micro: (phase: PlannedPhase) => Promise<MicroResult[]>;
}

/** Per phase: how long it actually ran and the CPU it cost. */
export interface PhaseOutcome {
  index: number;
  elapsedMs: number;
  cpuMs: number;
  micro: MicroResult[];
  /** True when the phase did not run to its end (interrupt or abort). */
  cut: boolean;
}

/** Runs every phase; stops early when the context's signal aborts. */
export async function runPhases(ctx: RunContext, deps: PhaseLoopDeps): Promise<PhaseOutcome[]> {
  const { clock } = deps;
  const outcomes: PhaseOutcome[] = [];
  for (const phase of ctx.plan.phases) {
    if (ctx.signal.aborted) break;
    const startMs = deps.runStartMs + phase.startMs;
    const lead = startMs - clock.now();
    if (lead > 0) await waitOrAbort(clock, lead, ctx.signal);
    if (ctx.signal.aborted) break;
    deps.listener?.({
      type: "phase-start",
      phase: phase.name,
      kind: phase.kind,
      index: phase.index,
      durationMs: phase.durationMs,
    });
    const began = clock.now();
    const cpuBefore = deps.cpuNow();
    const endMs = began + phase.durationMs;
    const senders = deps.senders[phase.path] ?? [];
    let micro: MicroResult[] = [];
    const load = phase.load;
    switch (load.kind) {
      case "rate":
        await runOpenLoop(ctx, phase, senders, clock, began);
        break;
      case "concurrency":
        await runClosedLoop(ctx, phase, senders, clock, {
          workers: load.workers,
          thinkTimeMs: load.thinkTimeMs,
          endMs,
        });
        break;
      case "count":
        if (load.concurrency > 1 || phase.kind !== "burst") {
          await runClosedLoop(ctx, phase, senders, clock, {
            workers: load.concurrency,
            thinkTimeMs: 0,
            endMs,
            limit: load.count,
          });
        } else {
          await runBurst(ctx, phase, senders, clock, { count: load.count, endMs });
        }
        break;
      case "streams":
        await Promise.all(phase.streams.map((s) => runStream(ctx, phase, s, senders, clock, began, endMs)));
        break;
      case "micro":
        micro = await deps.micro(phase);
        break;
      case "idle":
        break;
    }
    const rest = endMs - clock.now();
    if (rest > 0 && load.kind !== "micro") await waitOrAbort(clock, rest, ctx.signal);
    const ended = clock.now();
    outcomes.push({
      index: phase.index,
      elapsedMs: ended - began,
      cpuMs: deps.cpuNow() - cpuBefore,
      micro,
      cut: ctx.signal.aborted && ended < endMs,
    });
    deps.listener?.({ type: "phase-end", phase: phase.name, index: phase.index });
  }
  return outcomes;
}

/** Runs one stream of a phase with the driver its load asks for. */
function runStream(
  ctx: RunContext,
  phase: PlannedPhase,
  stream: PlannedStream,
  senders: readonly SendFn[],
  clock: Clock,
  startMs: number,
  endMs: number,
): Promise<void> {
  const load = stream.load;
  if (load.kind === "rate") return runOpenLoop(ctx, phase, senders, clock, startMs, stream);
  // A share of a plan split over several generators may hold none of a stream's workers.
  if (load.workers === 0) return Promise.resolve();
  return runClosedLoop(
    ctx,
    phase,
    senders,
    clock,
    { workers: load.workers, thinkTimeMs: load.thinkTimeMs, endMs },
    stream,
  );
}

/** Waits `ms` on the clock, or less when the signal aborts. */
export function waitOrAbort(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return ms > 0 && !signal.aborted ? clock.wait(ms, signal) : Promise.resolve();
}
