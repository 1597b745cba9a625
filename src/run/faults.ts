/**
 * Faults on the run's timeline: at their offsets they kill, stop, restart, pause or resume the service, or restart
 * the embedded NATS server, then bring it back after the fault's duration. Each outcome records when the fault ended
 * and how long until an event was persisted again.
 * @module
 */
import type { NatsServerHandle } from "../runtime/nats-server.ts";
import type { Fault } from "../scenario/types.ts";
import type { Clock } from "../load/pacer.ts";
import type { SystemUnderTest } from "./sut.ts";

/** What happened when a fault ran. Times are ms from the run start. */
export interface FaultOutcome {
  action: Fault["action"];
  atMs: number;
  /** When the service (or NATS) was back (ready again), ms from run start. */
  endMs?: number;
  /** Fault end → first event persisted again, ms. */
  recoveryMs?: number;
  /** Events intended for sending between the fault and its end that were never persisted (filled after the run). */
  lost?: number;
  note?: string;
}

/** What the fault runner acts on. */
export interface FaultTargets {
  sut: SystemUnderTest;
  nats?: NatsServerHandle;
  /** Resolves with the clock time of the next persistence after `sinceMs`, or undefined at `deadlineMs`. */
  nextPersistAfter(sinceMs: number, deadlineMs: number): Promise<number | undefined>;
}

/**
 * Runs every fault at its offset from `runStartMs` (clock time) and resolves with their outcomes when all are done.
 * Recovery is awaited until `recoveryDeadlineMs` (clock time).
 */
export async function runFaults(
  faults: readonly Fault[],
  targets: FaultTargets,
  clock: Clock,
  runStartMs: number,
  signal: AbortSignal,
  recoveryDeadlineMs: () => number,
): Promise<FaultOutcome[]> {
  const ordered = [...faults].sort((a, b) => a.atMs - b.atMs);
  const outcomes: FaultOutcome[] = [];
  const recoveries: Promise<void>[] = [];
  for (const fault of ordered) {
    const wait = runStartMs + fault.atMs - clock.now();
    if (wait > 0) await sleepUnlessAborted(clock, wait, signal);
    if (signal.aborted) break;
    const outcome: FaultOutcome = { action: fault.action, atMs: Math.round(clock.now() - runStartMs) };
    outcomes.push(outcome);
    try {
      const back = await applyFault(fault, targets, clock, signal);
      if (back !== undefined) {
        outcome.endMs = Math.round(back - runStartMs);
        if (fault.action !== "resume") {
          recoveries.push(
            targets.nextPersistAfter(back, recoveryDeadlineMs()).then((t) => {
              if (t !== undefined) outcome.recoveryMs = Math.max(0, t - back);
              else outcome.note = "no event was persisted after the fault ended";
            }),
          );
        }
      }
    } catch (error) {
      outcome.note = `Cannot complete ${fault.action}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  await Promise.all(recoveries);
  return outcomes;
}

/** Performs one fault; resolves with the clock time the target was back, or undefined when it stays down. */
async function applyFault(
  fault: Fault,
  targets: FaultTargets,
  clock: Clock,
  signal: AbortSignal,
): Promise<number | undefined> {
  const { sut, nats } = targets;
  switch (fault.action) {
    case "kill":
    case "stop":
      if (fault.action === "kill") await sut.kill();
      else await sut.stop();
      await sleepUnlessAborted(clock, fault.durationMs, signal);
      await sut.start();
      return clock.now();
    case "restart":
      await sut.stop();
      await sut.start();
      return clock.now();
    case "pause":
      sut.pause();
      if (fault.durationMs <= 0) return undefined;
      await sleepUnlessAborted(clock, fault.durationMs, signal);
      sut.resume();
      return clock.now();
    case "resume":
      sut.resume();
      return clock.now();
    case "restart-nats":
      if (!nats) throw new Error("NATS is not embedded, so busmark cannot restart it");
      await nats.stop();
      await sleepUnlessAborted(clock, fault.durationMs, signal);
      await nats.start();
      return clock.now();
  }
}

function sleepUnlessAborted(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return ms > 0 && !signal.aborted ? clock.wait(ms, signal) : Promise.resolve();
}
