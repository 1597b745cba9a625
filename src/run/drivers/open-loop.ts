/**
 * Open-loop driver: events leave at the times the arrival schedule says, whatever the system does. Latency is
 * measured from each event's intended time, so a stall cannot hide its own slow events; how late the generator
 * itself was is recorded separately as schedule lag.
 * @module
 */
import { type Clock, runPacer } from "../../load/pacer.ts";
import type { RunContext, SendFn } from "../context.ts";
import type { PlannedPhase, PlannedStream } from "../plan.ts";

/**
 * Runs an open-loop phase from `startMs` (clock time) for its duration: the phase's own schedule and mix, or those
 * of one of its streams (`source`). Several streams run side by side, one pacer each; every arrival's lag is
 * measured from its own intended time and all of them go into the phase's schedule lag.
 */
export async function runOpenLoop(
  ctx: RunContext,
  phase: PlannedPhase,
  senders: readonly SendFn[],
  clock: Clock,
  startMs: number,
  source: Pick<PlannedStream, "choose" | "schedule"> = phase,
): Promise<void> {
  const schedule = source.schedule;
  if (!schedule) return;
  const { recorder } = ctx;
  const p = phase.index;
  const stats = await runPacer(schedule, {
    clock,
    startMs,
    endMs: startMs + phase.durationMs,
    signal: ctx.signal,
    onDue: (_k, intendedMs) => {
      recorder.series.count("offered", intendedMs - recorder.runStartMs);
      const e = source.choose();
      senders[e]!(e, p, intendedMs);
    },
  });
  recorder.lag(p).merge(stats.lagUs);
}
