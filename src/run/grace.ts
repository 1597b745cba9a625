/**
 * The grace period after the last phase: confirmations still in flight get up to `graceMs` to arrive, and the wait
 * ends as soon as nothing is pending (or the run is interrupted).
 * @module
 */
import type { Clock } from "../load/pacer.ts";
import type { RunContext } from "./context.ts";
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
  const pending = () => pendingPersistence(ctx);
  listener?.({ type: "grace", pending: pending(), graceMs });
  if (!interrupted()) await waitUntil(clock, () => pending() === 0 || interrupted(), graceMs);
  return !interrupted() || pending() === 0;
}

/** Events expected to be persisted that are neither persisted nor rejected yet. */
export function pendingPersistence(ctx: RunContext): number {
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

/** Polls `done` every 20 ms (at most) on the clock until it holds or `maxMs` have passed. */
export async function waitUntil(clock: Clock, done: () => boolean, maxMs: number): Promise<void> {
  const end = clock.now() + maxMs;
  while (!done() && clock.now() < end) await clock.wait(Math.min(20, end - clock.now()));
}
