/**
 * The delivery probe: busmark's own subscriber on the event subjects. It proves events cross the bus and measures
 * publish→delivered latency from the intended send time. For events nobody persists, delivery completes them.
 * @module
 */
import type { NatsConnection, Subscription } from "nats";
import type { RunContext } from "../context.ts";
import { Mark } from "../tracker.ts";
import { BM_ID_HEADER } from "../../service/notices.ts";

/** Subscribes the probe on every distinct non-request subject of the plan; returns the subscriptions. */
export function startProbe(ctx: RunContext, nc: NatsConnection): Subscription[] {
  const { plan, tracker, recorder, runId, now } = ctx;
  const subjects = [...new Set(plan.events.filter((e) => e.requestTimeoutMs === undefined).map((e) => e.subject))];
  return subjects.map((subject) =>
    nc.subscribe(subject, {
      callback: (_err, msg) => {
        const id = seqOf(msg.headers?.get(BM_ID_HEADER), runId);
        if (id < 0) return;
        if (tracker.markDelivered(id) !== Mark.First) return;
        const t = now();
        const phase = tracker.phaseOf(id);
        const event = tracker.eventOf(id);
        recorder.recordLatency("latency.delivered", phase, event, (t - tracker.intended(id)) * 1000);
        recorder.count("delivered", phase, event);
        recorder.series.count("delivered", t - recorder.runStartMs);
        if (!ctx.confirmsPersistence[event]) tracker.markDone(id);
      },
    })
  );
}

/** The sequence number of a `Bm-Id` value when it belongs to `runId`; -1 otherwise. Allocation-free. */
export function seqOf(value: string | undefined, runId: string): number {
  if (value === undefined || value.length <= runId.length + 1) return -1;
  if (!value.startsWith(runId) || value.charCodeAt(runId.length) !== 46 /* . */) return -1;
  let seq = 0;
  for (let i = runId.length + 1; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    seq = seq * 10 + digit;
  }
  return seq;
}
