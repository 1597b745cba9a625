/**
 * The direct engine: the v1 path, writing each event in-process through the reference service's own storage and
 * group commit. Its commit notices go through the same accounting as the service's, so "NATS vs direct" is
 * measured with the same code on both sides.
 * @module
 */
import { type DirectPath, openDirectPath } from "../../service/direct.ts";
import { formatBmId } from "../../service/notices.ts";
import { noteSent, type RunContext, type SendFn } from "../context.ts";
import { replyCheckers } from "../reply-checks.ts";
import { applyNotice } from "./notices.ts";

const encoder = new TextEncoder();

/** An open direct engine. */
export interface DirectEngine {
  send: SendFn;
  path: DirectPath;
  /** Subject suffix (after the prefix) of each event type. */
  suffixes: string[];
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the direct path on `dbPath` and compiles its send function. */
export async function openDirectEngine(ctx: RunContext, dbPath: string, prefix: string): Promise<DirectEngine> {
  const { plan, tracker, recorder, runId, now } = ctx;
  const path = await openDirectPath(dbPath, { onNotice: (notice) => applyNotice(ctx, notice, now()) });
  const suffixes = plan.events.map((
    e,
  ) => (e.subject.startsWith(`${prefix}.`) ? e.subject.slice(prefix.length + 1) : e.subject));
  const checkers = replyCheckers(ctx);
  const send: SendFn = (eventIx, phaseIx, intendedMs) => {
    const event = plan.events[eventIx]!;
    const id = tracker.add(intendedMs, eventIx, phaseIx, ctx.awaits?.direct[eventIx]);
    const bmId = formatBmId(runId, id);
    recorder.count("published", phaseIx, eventIx);
    noteSent(ctx, phaseIx, now());
    if (event.requestTimeoutMs !== undefined) {
      const data = event.payload(bmId);
      const judge = checkers[eventIx]?.(data, phaseIx);
      const reply = path.request(suffixes[eventIx]!, data);
      const t = now();
      judge?.(encoder.encode(JSON.stringify(reply)));
      if (typeof reply !== "object" || reply === null || "error" in reply) {
        recorder.count("requestErrors", phaseIx, eventIx);
      } else {
        recorder.recordLatency("latency.request", phaseIx, eventIx, (t - intendedMs) * 1000);
        recorder.count("delivered", phaseIx, eventIx);
      }
      tracker.markDone(id);
      return id;
    }
    const bytes = event.payload(bmId);
    path.write(suffixes[eventIx]!, bytes, bmId);
    ctx.sent?.[eventIx]?.record(id, bytes);
    return id;
  };
  return {
    send,
    path,
    suffixes,
    flush: () => path.flush(),
    close: () => path.close(),
  };
}
