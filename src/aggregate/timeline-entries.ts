/**
 * Timeline entries of a run: fault recovery, NATS reconnect gaps, burst drain times, and the events lost across
 * each fault.
 * @module
 */
import type { CountEntry, MetricEntry } from "../result/types.ts";
import type { RunContext } from "../run/context.ts";
import type { FaultOutcome } from "../run/faults.ts";
import type { ReconnectRecord } from "../run/reconnects.ts";
import { countEntries } from "./entries.ts";

/** Events planned between a fault's start and end that were expected to persist and never did. */
export function lostAcross(ctx: RunContext, fault: FaultOutcome): number {
  const from = ctx.recorder.runStartMs + fault.atMs;
  const to = ctx.recorder.runStartMs + (fault.endMs ?? fault.atMs);
  return ctx.tracker.unconfirmedBetween(from, to, (e) => ctx.confirmsPersistence[e] === true);
}

/** Fault, reconnect and burst-drain entries. */
export function timelineEntries(
  ctx: RunContext,
  faults: readonly FaultOutcome[],
  reconnects: readonly ReconnectRecord[],
  counts: readonly CountEntry[] = countEntries(ctx, true),
): MetricEntry[] {
  const out: MetricEntry[] = [];
  const recoveries = faults.filter((f) => f.recoveryMs !== undefined).map((f) => f.recoveryMs!);
  if (recoveries.length) out.push({ metric: "recovery.time", value: Math.max(...recoveries) * 1000 });
  const gaps = reconnects.filter((r) => r.reconnectedAt !== undefined).map((r) => r.reconnectedAt! - r.disconnectedAt);
  if (gaps.length) out.push({ metric: "nats.reconnect", value: Math.max(...gaps) * 1000 });
  const drains: number[] = [];
  for (const ph of ctx.plan.phases) {
    if (ph.load.kind !== "count") continue;
    const c = counts.find((e) => e.phase === ph.name && e.event === undefined);
    const first = ctx.firstSendMs[ph.index]!;
    const last = ctx.lastPersistMs[ph.index]!;
    // Only a burst whose every event was persisted has a drain time; otherwise the check finds no data and fails.
    if (!c || !c.expectedPersisted || c.persisted < c.expectedPersisted) continue;
    if (Number.isFinite(first) && Number.isFinite(last)) {
      out.push({ metric: "burst.drain", phase: ph.name, value: (last - first) * 1000 });
      if (ph.measured) drains.push((last - first) * 1000);
    }
  }
  if (drains.length > 0) out.push({ metric: "burst.drain", value: Math.max(...drains) });
  return out;
}
