/**
 * The request engine: a NATS request and its reply. Latency is the round trip from the intended send time (open
 * loop) or the call (closed loop); timeouts, missing responders and error replies are counted by kind, and a reply
 * is judged by its event's `expect:` checks (`reply-checks.ts`).
 * @module
 */
import { ErrorCode, headers, type NatsConnection, type NatsError } from "nats";
import { noteSent, type RunContext, type SendFn } from "../context.ts";
import { BM_ID_HEADER, formatBmId } from "../../service/notices.ts";
import { replyCheckers } from "../reply-checks.ts";

const decoder = new TextDecoder();

/** True when a reply body is a JSON object with an `error` field. */
export function isErrorReply(data: Uint8Array): boolean {
  if (data.length === 0) return true;
  // Cheap pre-check: only parse when the reply could be an error object.
  if (data[0] !== 123 /* { */) return false;
  const text = decoder.decode(data.subarray(0, Math.min(data.length, 16)));
  if (!text.startsWith('{"error"')) return false;
  try {
    const parsed = JSON.parse(decoder.decode(data)) as unknown;
    return typeof parsed === "object" && parsed !== null && "error" in parsed;
  } catch {
    return true;
  }
}

/** Compiles the request engine; the send function returns the event id, completion is signalled on the tracker. */
export function createRequestEngine(ctx: RunContext, nc: NatsConnection): SendFn {
  const { plan, tracker, recorder, runId, now } = ctx;
  const checkers = replyCheckers(ctx);
  return (eventIx, phaseIx, intendedMs) => {
    const event = plan.events[eventIx]!;
    const id = tracker.add(intendedMs, eventIx, phaseIx, ctx.awaits?.bus[eventIx]);
    const bmId = formatBmId(runId, id);
    const hdrs = headers();
    hdrs.set(BM_ID_HEADER, bmId);
    recorder.count("published", phaseIx, eventIx);
    noteSent(ctx, phaseIx, now());
    const data = event.payload(bmId);
    const judge = checkers[eventIx]?.(data, phaseIx);
    nc.request(event.subject, data, { timeout: event.requestTimeoutMs ?? 1000, headers: hdrs }).then(
      (msg) => {
        const t = now();
        judge?.(msg.data);
        if (isErrorReply(msg.data)) {
          recorder.count("requestErrors", phaseIx, eventIx);
        } else {
          recorder.recordLatency("latency.request", phaseIx, eventIx, (t - tracker.intended(id)) * 1000);
          recorder.count("delivered", phaseIx, eventIx);
          recorder.series.count("replied", t - recorder.runStartMs);
        }
        tracker.markDone(id);
      },
      (error: NatsError) => {
        recorder.count(error.code === ErrorCode.Timeout ? "requestTimeouts" : "requestErrors", phaseIx, eventIx);
        tracker.markDone(id);
      },
    );
    return id;
  };
}
