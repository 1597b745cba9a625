/**
 * The publish engine: core-NATS publish of an event with its busmark id header. Fire and forget; confirmation
 * arrives through the probe (delivered) and the persistence confirmer (persisted). The bytes published are exactly
 * what the scenario's payload template produces (its `{{ id }}` expressions write the same id as the header).
 * @module
 */
import { headers, type NatsConnection } from "nats";
import { noteSent, type RunContext, type SendFn } from "../context.ts";
import { BM_ID_HEADER, formatBmId } from "../../service/notices.ts";

/** Compiles the publish engine for a connection. */
export function createPublishEngine(ctx: RunContext, nc: NatsConnection): SendFn {
  const { plan, tracker, recorder, runId, now } = ctx;
  return (eventIx, phaseIx, intendedMs) => {
    const event = plan.events[eventIx]!;
    const id = tracker.add(intendedMs, eventIx, phaseIx, ctx.awaits?.bus[eventIx]);
    const bmId = formatBmId(runId, id);
    // A fresh header object per message is measurably cheaper in nats.js than re-setting one (no lookup/replace).
    const hdrs = headers();
    hdrs.set(BM_ID_HEADER, bmId);
    const options = { headers: hdrs };
    try {
      const bytes = event.payload(bmId);
      nc.publish(event.subject, bytes, options);
      ctx.sent?.[eventIx]?.record(id, bytes); // only for event types a `recent` reply check refers to
      recorder.count("published", phaseIx, eventIx);
      noteSent(ctx, phaseIx, now());
    } catch {
      recorder.count("publishErrors", phaseIx, eventIx);
      tracker.markDone(id);
    }
    return id;
  };
}
