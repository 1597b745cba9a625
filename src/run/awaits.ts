/**
 * What each event of a run awaits before the tracker may release its per-event state: every confirmation that can
 * still come for it and would need its intended time (a first delivery for the latency, a first persistence).
 * Over NATS the probe sees every published event, so a publish awaits its delivery; it awaits persistence when its
 * type waits for it, or when a commit-notice source runs (the service names every event it committed, also of a
 * type whose persistence is not waited for). A request awaits its reply (and its delivery when the probe listens on
 * its subject). On the direct path a persisted event awaits its in-process commit notice.
 * @module
 */
import type { Plan } from "./plan.ts";
import { Awaits } from "./tracker.ts";

/** Per event type of the plan, the {@link Awaits} bits of an event sent each way. */
export interface AwaitMasks {
  /** Sent over NATS (publish or request). */
  bus: Uint8Array;
  /** Written or requested in-process through the direct path. */
  direct: Uint8Array;
}

/** The await masks of a plan, given which event types wait for their persistence. */
export function awaitMasks(plan: Pick<Plan, "events">, confirmsPersistence: readonly boolean[]): AwaitMasks {
  const events = plan.events;
  const probed = new Set(events.filter((e) => e.requestTimeoutMs === undefined).map((e) => e.subject));
  const notices = events.some((e, i) => confirmsPersistence[i] === true && e.confirm?.kind === "notices");
  const bus = new Uint8Array(events.length);
  const direct = new Uint8Array(events.length);
  events.forEach((e, i) => {
    const persists = confirmsPersistence[i] === true || (notices && e.persisted === true) ? Awaits.Persisted : 0;
    if (e.requestTimeoutMs !== undefined) {
      bus[i] = Awaits.Done | (probed.has(e.subject) ? Awaits.Delivered : 0) | persists;
      direct[i] = Awaits.Done;
    } else {
      bus[i] = Awaits.Delivered | persists;
      direct[i] = e.persisted === true ? Awaits.Persisted : Awaits.Unknown;
    }
  });
  return { bus, direct };
}
