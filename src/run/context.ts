/**
 * What every engine and driver of one run shares: the plan, the clock, the tracker, the recorder and the
 * cancellation signal. Engines only report into the recorder; they never decide anything.
 * @module
 */
import { type AwaitMasks, awaitMasks } from "./awaits.ts";
import type { Plan } from "./plan.ts";
import { Recorder } from "./recorder.ts";
import { SentLog } from "./sent-log.ts";
import { EventTracker } from "./tracker.ts";

/** Monotonic milliseconds (fractional) on this host. */
export type Now = () => number;

/** Sends one event of a phase with an intended send time; returns the event id (or -1 when nothing was tracked). */
export type SendFn = (eventIx: number, phaseIx: number, intendedMs: number) => number;

/** The shared state of a run. */
export interface RunContext {
  plan: Plan;
  runId: string;
  now: Now;
  tracker: EventTracker;
  recorder: Recorder;
  /** Aborted on interrupt or an abortOnFail threshold. */
  signal: AbortSignal;
  /** Per event type: whether completion means "persisted" (else "delivered" or "replied"). */
  confirmsPersistence: boolean[];
  /** Per event type and path: what an event awaits before the tracker may release it (none: kept whole). */
  awaits?: AwaitMasks;
  /** Per phase: clock time of its first send, NaN before. */
  firstSendMs: Float64Array;
  /** Per phase: clock time of its last confirmed persistence, NaN before. */
  lastPersistMs: Float64Array;
  /** Clock time of the most recent persistence of any event. */
  lastPersistAny: number;
  /** Waiters for the first persistence after a time (fault recovery); resolved and removed by notePersisted. */
  persistWatchers: { since: number; resolve: (t: number) => void }[];
  /** Per event type: what was sent of it, for event types a `recent` reply check refers to. */
  sent?: (SentLog | undefined)[];
}

/** Creates a run's shared state with a fresh tracker and recorder; nothing has been sent or confirmed yet. */
export function createRunContext(init: {
  plan: Plan;
  runId: string;
  now: Now;
  signal: AbortSignal;
  confirmsPersistence: boolean[];
}): RunContext {
  const { plan } = init;
  return {
    plan,
    runId: init.runId,
    now: init.now,
    tracker: new EventTracker(1 << 16),
    recorder: new Recorder(plan.phases.length, plan.events.length),
    signal: init.signal,
    confirmsPersistence: init.confirmsPersistence,
    awaits: awaitMasks(plan, init.confirmsPersistence),
    firstSendMs: new Float64Array(plan.phases.length).fill(Number.NaN),
    lastPersistMs: new Float64Array(plan.phases.length).fill(Number.NaN),
    lastPersistAny: Number.NaN,
    persistWatchers: [],
    sent: plan.events.map((e) => (e.keep ? new SentLog(e.keep.pointers, e.keep.capacity) : undefined)),
  };
}

/** Resolves with the clock time of the first persistence after `since`, or undefined at `deadlineMs`. */
export function firstPersistAfter(ctx: RunContext, since: number, deadlineMs: number): Promise<number | undefined> {
  if (ctx.lastPersistAny > since) return Promise.resolve(ctx.lastPersistAny);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ctx.persistWatchers = ctx.persistWatchers.filter((w) => w !== watcher);
      resolve(undefined);
    }, Math.max(0, deadlineMs - ctx.now()));
    const watcher = {
      since,
      resolve: (t: number) => {
        clearTimeout(timer);
        resolve(t);
      },
    };
    ctx.persistWatchers.push(watcher);
  });
}

/** Records that an event was persisted now: latency, counters, series, and the phase's drain time. */
export function notePersisted(ctx: RunContext, id: number, nowMs: number): void {
  const phase = ctx.tracker.phaseOf(id);
  const event = ctx.tracker.eventOf(id);
  const us = (nowMs - ctx.tracker.intended(id)) * 1000;
  ctx.recorder.recordLatency("latency.persisted", phase, event, us);
  ctx.recorder.count("persisted", phase, event);
  ctx.recorder.series.count("persisted", nowMs - ctx.recorder.runStartMs);
  ctx.recorder.series.latency(nowMs - ctx.recorder.runStartMs, us);
  const last = ctx.lastPersistMs[phase]!;
  if (!(last >= nowMs)) ctx.lastPersistMs[phase] = nowMs;
  ctx.lastPersistAny = nowMs;
  if (ctx.persistWatchers.length > 0) {
    const due = ctx.persistWatchers.filter((w) => nowMs > w.since);
    if (due.length > 0) {
      ctx.persistWatchers = ctx.persistWatchers.filter((w) => !(nowMs > w.since));
      for (const w of due) w.resolve(nowMs);
    }
  }
}

/** Records a send: the phase's first send time and the per-second sent count. */
export function noteSent(ctx: RunContext, phase: number, nowMs: number): void {
  if (Number.isNaN(ctx.firstSendMs[phase]!)) ctx.firstSendMs[phase] = nowMs;
  ctx.recorder.series.count("sent", nowMs - ctx.recorder.runStartMs);
}
