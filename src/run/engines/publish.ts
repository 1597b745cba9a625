/**
 * The publish engine: core-NATS publish of an event with its busmark id header. Fire and forget; confirmation
 * arrives through the probe (delivered) and the persistence confirmer (persisted).
 * @module
 */
import { headers, type NatsConnection } from "nats";
import { noteSent, type RunContext, type SendFn } from "../context.ts";
import type { PayloadRewrite } from "./confirmer.ts";
import { BM_ID_HEADER, formatBmId } from "../../service/notices.ts";

/**
 * Compiles the publish engine for a connection. `rewrites[e]`, when set, rewrites event type e's payloads before
 * they are published (the run's confirmer uses it to find them again, e.g. the sqlite kind's id tag).
 */
export function createPublishEngine(
  ctx: RunContext,
  nc: NatsConnection,
  rewrites: readonly (PayloadRewrite | undefined)[] = [],
): SendFn {
  const { plan, tracker, recorder, runId, now } = ctx;
  return (eventIx, phaseIx, intendedMs) => {
    const event = plan.events[eventIx]!;
    const id = tracker.add(intendedMs, eventIx, phaseIx);
    // A fresh header object per message is measurably cheaper in nats.js than re-setting one (no lookup/replace).
    const hdrs = headers();
    hdrs.set(BM_ID_HEADER, formatBmId(runId, id));
    const options = { headers: hdrs };
    try {
      const payload = event.payload();
      const rewrite = rewrites[eventIx];
      nc.publish(event.subject, rewrite ? rewrite(payload, runId, id) : payload, options);
      recorder.count("published", phaseIx, eventIx);
      noteSent(ctx, phaseIx, now());
    } catch {
      recorder.count("publishErrors", phaseIx, eventIx);
      tracker.markDone(id);
    }
    return id;
  };
}
