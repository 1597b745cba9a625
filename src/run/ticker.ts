/**
 * The once-a-second tick of a running scenario: a progress snapshot for the display, and the evaluation of
 * `abortOnFail` thresholds on the partial result (final-only figures — loss and ratios — are judged at the end).
 * @module
 */
import type { Scenario } from "../scenario/types.ts";
import { evaluateThresholds } from "../aggregate/checks.ts";
import { countsFor, latencyEntries } from "../aggregate/entries.ts";
import { partialResults } from "../aggregate/skeleton.ts";
import { findMetric } from "../metrics/catalog.ts";
import type { RunContext } from "./context.ts";
import type { RunListener } from "./events.ts";

/** Starts ticking; `stop()` ends it. */
export function startTicker(
  ctx: RunContext,
  scenario: Scenario,
  opts: { intervalMs: number; listener?: RunListener | undefined; onAbortThreshold: (reason: string) => void },
): { stop(): void } {
  const abortThresholds = scenario.thresholds.filter((t) => t.abortOnFail && findMetric(t.metric)?.finalOnly === false);
  const partialResult = partialResults(ctx, scenario);
  let lastPublished = 0;
  let lastOffered = 0;
  let lastTick = ctx.now();
  const timer = setInterval(() => {
    const t = ctx.now();
    const elapsedS = (t - ctx.recorder.runStartMs) / 1000;
    const measured = ctx.plan.measuredPhases;
    const counts = countsFor(ctx, measured, allEvents(ctx), false);
    const offeredTotal = ctx.recorder.series.total("offered");
    const dt = Math.max(0.001, (t - lastTick) / 1000);
    const phase = ctx.plan.phases.findLast((p) => p.startMs <= elapsedS * 1000) ?? ctx.plan.phases[0];
    const persistedH = ctx.recorder.merged("latency.persisted", measured, allEvents(ctx));
    const latencyH = persistedH.count > 0
      ? persistedH
      : ctx.recorder.merged("latency.delivered", measured, allEvents(ctx));
    // Rates come from every phase (the last second, warmup or not); counts from measured phases only.
    const published = ctx.recorder.total("published");
    const requests = ctx.plan.events.filter((e) => e.requestTimeoutMs !== undefined).map((e) => e.index);
    // Swept every tick, shown or not: the sweep is also what lets the tracker release settled events.
    const lost = ctx.tracker.overdue(
      t - scenario.graceMs,
      (e, p) => ctx.confirmsPersistence[e] === true && ctx.plan.phases[p]?.measured === true,
    );
    opts.listener?.({
      type: "progress",
      snapshot: {
        elapsedS,
        remainingS: Math.max(0, scenario.durationMs / 1000 - elapsedS),
        phase: phase?.name ?? "",
        warmup: phase?.measured === false,
        offeredRate: (offeredTotal - lastOffered) / dt,
        achievedRate: (published - lastPublished) / dt,
        published: counts.published,
        persisted: counts.persisted,
        ...(requests.length > 0 ? { replied: ctx.recorder.total("delivered", measured, requests) } : {}),
        pending: counts.unsettled ?? 0,
        lost,
        p99Us: latencyH.count > 0 ? latencyH.percentile(99) : null,
        errors: counts.requestErrors + counts.requestTimeouts + (counts.publishErrors ?? 0),
      },
    });
    lastPublished = published;
    lastOffered = offeredTotal;
    lastTick = t;
    if (abortThresholds.length > 0) {
      const partial = partialResult(latencyEntries(ctx, false));
      const failed = evaluateThresholds(abortThresholds, partial).find((c) => !c.pass && c.observed !== null);
      if (failed) {
        opts.onAbortThreshold(`${failed.key}: ${failed.condition} failed (observed ${failed.observed} ${failed.unit})`);
      }
    }
  }, opts.intervalMs);
  return { stop: () => clearInterval(timer) };
}

function allEvents(ctx: RunContext): number[] {
  return ctx.plan.events.map((e) => e.index);
}
