/**
 * The publish engine: core-NATS publish of an event with its busmark id header. Fire and forget; confirmation
 * arrives through the probe (delivered) and the persistence confirmer (persisted).
 * @module
 */
import { headers, type NatsConnection } from "nats";
import { noteSent, type RunContext, type SendFn } from "../context.ts";
import { tagMessage } from "./sqlite-confirm.ts";
import { BM_ID_HEADER, formatBmId } from "../../service/notices.ts";

/**
 * Compiles the publish engine for a connection. `tag[e]` true rewrites event type e's message text to carry its id
 * (for services confirmed through their SQLite file).
 */
export function createPublishEngine(ctx: RunContext, nc: NatsConnection, tag: readonly boolean[] = []): SendFn {
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
      nc.publish(event.subject, tag[eventIx] ? tagMessage(payload, runId, id) : payload, options);
      recorder.count("published", phaseIx, eventIx);
      noteSent(ctx, phaseIx, now());
    } catch {
      recorder.count("publishErrors", phaseIx, eventIx);
      tracker.markDone(id);
    }
    return id;
  };
}
