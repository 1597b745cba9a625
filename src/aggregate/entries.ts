/**
 * Turning what a run recorded into the metric entries and counts of a result: latency summaries and encoded
 * histograms per metric, event type and phase (warmup excluded from the overall figures), throughput offered vs
 * achieved, persisted / lost / unsettled / duplicated counts, resource statistics and the CPU cost per 1000 events.
 * An interrupted run's figures cover only what happened: the load offered up to the moment each phase stopped, and
 * events still in flight when it stopped are unsettled, not lost (their grace period never ran out).
 * @module
 */
import type { Histogram, LatencySummary } from "../metrics/histogram.ts";
import type { CountEntry, MetricEntry } from "../result/types.ts";
import type { RunContext } from "../run/context.ts";
import { LATENCY_METRICS, range } from "../run/recorder.ts";

/** CPU time (ms) of each involved process over one phase. */
export interface PhaseCpu {
  phase: number;
  /** Sum of CPU ms of every involved process during the phase. */
  cpuMs: number;
}

/** A plain summary of numbers (resources, micro samples), in the LatencySummary shape. */
export type NumberSummary = LatencySummary;

/** Summarizes plain numbers (nearest-rank percentiles). */
export function summarizeNumbers(values: readonly number[]): NumberSummary {
  const n = values.length;
  if (n === 0) return { count: 0, min: 0, max: 0, avg: 0, stddev: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const avg = sorted.reduce((s, v) => s + v, 0) / n;
  const variance = sorted.reduce((s, v) => s + (v - avg) ** 2, 0) / n;
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  return {
    count: n,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    avg,
    stddev: Math.sqrt(variance),
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
  };
}

function histogramEntry(
  metric: string,
  h: Histogram,
  where: { event?: string; phase?: string },
  encode: boolean,
): MetricEntry | undefined {
  if (h.count === 0) return undefined;
  const entry: MetricEntry = { metric, ...where, summary: h.summary() };
  if (encode) entry.histogram = h.encode();
  return entry;
}

/** Latency entries: overall (measured phases), per event (measured phases), per phase (all events). */
export function latencyEntries(ctx: RunContext, encode: boolean): MetricEntry[] {
  const { plan, recorder } = ctx;
  const out: MetricEntry[] = [];
  const allEvents = range(plan.events.length);
  const measured = plan.measuredPhases;
  const push = (e: MetricEntry | undefined) => e && out.push(e);
  for (const metric of LATENCY_METRICS) {
    push(histogramEntry(metric, recorder.merged(metric, measured, allEvents), {}, encode));
    for (const ev of plan.events) {
      push(histogramEntry(metric, recorder.merged(metric, measured, [ev.index]), { event: ev.name }, encode));
    }
    for (const ph of plan.phases) {
      push(histogramEntry(metric, recorder.merged(metric, [ph.index], allEvents), { phase: ph.name }, encode));
      if (plan.events.length < 2) continue;
      for (const ev of plan.events) {
        const h = recorder.histogram(metric, ph.index, ev.index);
        push(histogramEntry(metric, h, { event: ev.name, phase: ph.name }, encode));
      }
    }
  }
  push(histogramEntry("latency.schedule", recorder.mergedLag(measured), {}, encode));
  for (const ph of plan.phases) {
    push(histogramEntry("latency.schedule", recorder.lag(ph.index), { phase: ph.name }, encode));
  }
  return out;
}

/**
 * Events of `phases` × `events` expected to be persisted (`expected`: those published), and of those the ones
 * neither persisted nor rejected yet (`pending`).
 */
export function pendingIn(
  ctx: RunContext,
  phases: readonly number[],
  events: readonly number[],
): { pending: number; expected: number } {
  const r = ctx.recorder;
  let pending = 0;
  let expected = 0;
  for (const p of phases) {
    for (const e of events) {
      if (!ctx.confirmsPersistence[e]) continue;
      const published = r.counter("published", p, e);
      expected += published;
      pending += Math.max(0, published - r.counter("persisted", p, e) - r.counter("invalid", p, e));
    }
  }
  return { pending, expected };
}

/**
 * Counts for a set of phases and events. Persist-expected events neither persisted nor rejected are `lost` when
 * `settled` (the grace period ran out, or nothing was left to wait for), else `unsettled`: still in flight when the
 * run stopped (an interrupt, or a count taken mid-run).
 */
export function countsFor(
  ctx: RunContext,
  phases: readonly number[],
  events: readonly number[],
  settled: boolean,
): Omit<CountEntry, "event" | "phase"> {
  const r = ctx.recorder;
  const { pending, expected } = pendingIn(ctx, phases, events);
  return {
    published: r.total("published", phases, events),
    delivered: r.total("delivered", phases, events),
    persisted: r.total("persisted", phases, events),
    lost: settled ? pending : 0,
    unsettled: settled ? 0 : pending,
    duplicated: r.total("duplicated", phases, events),
    invalid: r.total("invalid", phases, events),
    requestErrors: r.total("requestErrors", phases, events),
    requestTimeouts: r.total("requestTimeouts", phases, events),
    publishErrors: r.total("publishErrors", phases, events),
    expectedPersisted: expected,
    ...(ctx.plan.events.some((e) => e.expect)
      ? { checksPassed: r.total("checksPassed", phases, events), checksFailed: r.total("checksFailed", phases, events) }
      : {}),
  };
}

/** Count entries: overall (measured), per event (measured), per phase; `settled` as in {@link countsFor}. */
export function countEntries(ctx: RunContext, settled: boolean): CountEntry[] {
  const { plan } = ctx;
  const all = range(plan.events.length);
  const counts = (phases: readonly number[], events: readonly number[]) => countsFor(ctx, phases, events, settled);
  const out: CountEntry[] = [{ ...counts(plan.measuredPhases, all) }];
  for (const ev of plan.events) out.push({ event: ev.name, ...counts(plan.measuredPhases, [ev.index]) });
  for (const ph of plan.phases) {
    out.push({ phase: ph.name, ...counts([ph.index], all) });
    if (plan.events.length < 2) continue;
    for (const ev of plan.events) {
      out.push({ event: ev.name, phase: ph.name, ...counts([ph.index], [ev.index]) });
    }
  }
  return out;
}

/** How long a phase ran, and whether it was cut short (an interrupt or an abort); absent for a phase never started. */
export interface PhaseSpan {
  elapsedMs: number;
  cut: boolean;
}

/**
 * Offered events of a phase: for open loop, the schedule's arrivals due while it ran (all of them when it ran to
 * its end, those due up to the moment it stopped when cut short, none when it never started); otherwise what was
 * sent.
 */
export function offeredIn(ctx: RunContext, phase: number, span: PhaseSpan | undefined): number {
  const ph = ctx.plan.phases[phase]!;
  if (ph.load.kind === "streams") {
    return ph.streams.reduce((sum, s) => sum + streamCounts(ctx, phase, s.index, span).offered, 0);
  }
  if (!ph.schedule) return ctx.recorder.total("published", [phase]);
  if (!span) return 0;
  return ph.schedule.dueBy(span.cut ? Math.min(span.elapsedMs, ph.durationMs) : ph.durationMs);
}

/**
 * What one stream of a phase offered and published: an open-loop stream offered its schedule's arrivals due while
 * the phase ran (as {@link offeredIn}), a closed-loop one what it sent. Exact, since no event is in two streams.
 */
export function streamCounts(
  ctx: RunContext,
  phase: number,
  stream: number,
  span: PhaseSpan | undefined,
): { offered: number; published: number } {
  const ph = ctx.plan.phases[phase]!;
  const s = ph.streams[stream]!;
  const published = ctx.recorder.total("published", [phase], s.events);
  if (!s.schedule) return { offered: published, published };
  const offered = span ? s.schedule.dueBy(span.cut ? Math.min(span.elapsedMs, ph.durationMs) : ph.durationMs) : 0;
  return { offered, published };
}

/**
 * Throughput entries (events/s) and the achieved/offered ratio, overall and per phase, over the time the phases
 * actually ran (`spans`, by phase index).
 */
export function throughputEntries(ctx: RunContext, spans: ReadonlyMap<number, PhaseSpan>): MetricEntry[] {
  const { plan, recorder } = ctx;
  const out: MetricEntry[] = [];
  const rates = (phases: readonly number[], where: { phase?: string }) => {
    const seconds = phases.reduce((s, p) => s + (spans.get(p)?.elapsedMs ?? 0), 0) / 1000;
    if (seconds <= 0) return;
    const offered = phases.reduce((s, p) => s + offeredIn(ctx, p, spans.get(p)), 0);
    const sent = recorder.total("published", phases);
    out.push({ metric: "throughput.offered", ...where, value: offered / seconds });
    out.push({ metric: "throughput.achieved", ...where, value: sent / seconds });
    out.push({ metric: "throughput.delivered", ...where, value: recorder.total("delivered", phases) / seconds });
    out.push({ metric: "throughput.persisted", ...where, value: recorder.total("persisted", phases) / seconds });
    if (offered > 0) out.push({ metric: "throughput.achieved.ratio", ...where, value: (sent / offered) * 100 });
  };
  rates(plan.measuredPhases, {});
  for (const ph of plan.phases) rates([ph.index], { phase: ph.name });
  return out;
}

/**
 * Persisted and lost ratios (percent of persist-expected events) and the share of checked replies that passed
 * (`checks.passed.ratio`), overall, per event and per phase.
 */
export function ratioEntries(counts: readonly CountEntry[]): MetricEntry[] {
  const out: MetricEntry[] = [];
  for (const c of counts) {
    const where: { event?: string; phase?: string } = {};
    if (c.event !== undefined) where.event = c.event;
    if (c.phase !== undefined) where.phase = c.phase;
    const judged = (c.checksPassed ?? 0) + (c.checksFailed ?? 0);
    if (judged > 0) {
      out.push({ metric: "checks.passed.ratio", ...where, value: ((c.checksPassed ?? 0) / judged) * 100 });
    }
    if (!c.expectedPersisted) continue;
    out.push({ metric: "events.persisted.ratio", ...where, value: (c.persisted / c.expectedPersisted) * 100 });
    out.push({ metric: "events.lost.ratio", ...where, value: (c.lost / c.expectedPersisted) * 100 });
  }
  return out;
}
