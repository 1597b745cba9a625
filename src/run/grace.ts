/**
 * The grace period after the last phase: confirmations still in flight get up to `graceMs` to arrive, and the wait
 * ends as soon as nothing is pending (or the run is interrupted).
 * @module
 */
import type { Clock } from "../load/pacer.ts";
import { pendingIn } from "../aggregate/entries.ts";
import type { RunContext } from "./context.ts";
import { range } from "./recorder.ts";
import type { RunListener } from "./events.ts";

/**
 * Announces the grace period and waits it out; `interrupted` cuts it short. Resolves to whether the run settled:
 * true when the grace period ran out or nothing was left pending (events never confirmed are then lost), false when
 * an interrupt came first with events still pending (they are unsettled).
 */
export async function waitGrace(
  ctx: RunContext,
  clock: Clock,
  graceMs: number,
  interrupted: () => boolean,
  listener: RunListener | undefined,
): Promise<boolean> {
  const phases = range(ctx.recorder.phases);
  const events = range(ctx.recorder.events);
  const pending = () => pendingIn(ctx, phases, events).pending;
  listener?.({ type: "grace", pending: pending(), graceMs });
  if (!interrupted()) await waitUntil(clock, () => pending() === 0 || interrupted(), graceMs);
  return !interrupted() || pending() === 0;
}

/** Polls `done` every 20 ms (at most) on the clock until it holds or `maxMs` have passed. */
export async function waitUntil(clock: Clock, done: () => boolean, maxMs: number): Promise<void> {
  const end = clock.now() + maxMs;
  while (!done() && clock.now() < end) await clock.wait(Math.min(20, end - clock.now()));
}
