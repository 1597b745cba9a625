/**
 * Compiling a validated scenario once into a plan: event types with resolved subjects and compiled payload
 * functions, and per phase its path, a seeded weighted chooser for its mix and, for open-loop phases, its arrival
 * schedule; a phase of several streams holds them with a chooser and a schedule each. The load loop only calls what
 * the plan holds; it parses nothing.
 * @module
 */
import { type ArrivalSchedule, openLoopSchedule } from "../load/arrivals.ts";
import { weightedChooser } from "../load/chooser.ts";
import { createRng, deriveSeed } from "../load/rng.ts";
import { compilePayload, payloadCarriesId, type PayloadFn } from "../payload/compile.ts";
import { streamLabel } from "../scenario/streams.ts";
import type {
  ConfirmSpec,
  Fault,
  LoadModel,
  LoadStream,
  MixEntry,
  PathKind,
  PhaseKind,
  Scenario,
  StreamLoad,
} from "../scenario/types.ts";
import { type CompiledExpect, compileExpect, type KeepSpec } from "./reply-check.ts";
import { RECENT_LIMIT_CAP } from "../scenario/expect.ts";

/** An event type ready to send. */
export interface PlannedEvent {
  index: number;
  name: string;
  subject: string;
  /** Request timeout when the event is a request. */
  requestTimeoutMs?: number;
  /** Whether the service is expected to persist it. */
  persisted: boolean;
  /** Produces the next payload's bytes; its argument is the event's busmark id, which `{{ id }}` writes. */
  payload: PayloadFn;
  /** Whether the payload carries the event's busmark id (`{{ id }}`), so a confirmer can find it where it is stored. */
  carriesId: boolean;
  /** How its persistence (or its reply) is confirmed. */
  confirm: ConfirmSpec;
  /** A request's reply checks (`expect:`), compiled. */
  expect?: CompiledExpect;
  /** For an event type a `recent` reply check refers to: what its sent log keeps. */
  keep?: KeepSpec;
}

/** A phase ready to run. */
export interface PlannedPhase {
  index: number;
  name: string;
  kind: PhaseKind;
  startMs: number;
  durationMs: number;
  load: LoadModel;
  path: PathKind;
  /** Warmup phases are recorded but excluded from the overall statistics. */
  measured: boolean;
  /** Draws the next event-type index from the phase's mix. */
  choose: () => number;
  /** The open-loop schedule (rate phases only). */
  schedule?: ArrivalSchedule;
  /**
   * What the phase runs concurrently: one stream for a `rate` or `concurrency` phase (its `choose` and `schedule`),
   * one per stream of a `streams` phase, none for count, micro and idle phases.
   */
  streams: PlannedStream[];
}

/** One load stream of a phase, ready to run. */
export interface PlannedStream {
  /** Its index among the phase's streams. */
  index: number;
  /** Its event names joined by `+`. */
  label: string;
  /** Its load, this share's part of it. */
  load: StreamLoad;
  /** Indexes of the event types it sends. */
  events: number[];
  /** Draws the next event-type index from the stream's mix (its own seeded generator). */
  choose: () => number;
  /** Its own open-loop schedule (rate streams only). */
  schedule?: ArrivalSchedule;
}

/** This worker's share of a plan split over several load generators. */
export interface Share {
  index: number;
  count: number;
}

/** A compiled scenario. */
export interface Plan {
  scenario: Scenario;
  seed: number;
  share: Share;
  events: PlannedEvent[];
  phases: PlannedPhase[];
  faults: Fault[];
  /** Phases whose statistics count (not warmup). */
  measuredPhases: number[];
}

/**
 * Compiles a scenario into a plan. The same seed (and share) always yields the same event sequence and payloads.
 * A share splits open-loop schedules, closed-loop workers and fixed counts so the shares' union is the whole.
 */
export function compilePlan(scenario: Scenario, seed = scenario.seed, share: Share = { index: 0, count: 1 }): Plan {
  const events: PlannedEvent[] = scenario.events.map((e, index) => {
    const rng = createRng(deriveSeed(seed, "payload", e.name, share.index));
    const planned: PlannedEvent = {
      index,
      name: e.name,
      subject: e.subject,
      persisted: e.persisted && !e.request,
      payload: compilePayload(e.payload, scenario.pools, rng),
      carriesId: payloadCarriesId(e.payload),
      confirm: e.confirm,
    };
    if (e.request) planned.requestTimeoutMs = e.request.timeoutMs;
    return planned;
  });
  const byName = new Map(events.map((e) => [e.name, e.index]));
  const chooser = (mix: readonly MixEntry[], rngSeed: number) => {
    const indexes = mix.map((m) => byName.get(m.event) ?? 0);
    const draw = weightedChooser(mix.map((m) => m.weight), createRng(rngSeed));
    return { indexes, choose: indexes.length === 1 ? () => indexes[0]! : () => indexes[draw()]! };
  };
  const keep = new Map<number, KeepSpec>();
  scenario.events.forEach((e, i) => {
    if (e.expect) events[i]!.expect = compileExpect(e.expect, (n) => byName.get(n) ?? 0, keep, RECENT_LIMIT_CAP);
  });
  for (const [index, spec] of keep) events[index]!.keep = spec;
  const phases: PlannedPhase[] = scenario.phases.map((p, index) => {
    const mix = p.mix.length > 0 ? p.mix : scenario.mix;
    const { indexes, choose } = chooser(mix, deriveSeed(seed, "mix", p.name, share.index));
    const planned: PlannedPhase = {
      index,
      name: p.name,
      kind: p.kind,
      startMs: p.startMs,
      durationMs: p.durationMs,
      load: shareLoad(p.load, share),
      path: p.path ?? scenario.path,
      measured: p.kind !== "warmup",
      choose,
      streams: [],
    };
    if (p.load.kind === "rate") {
      planned.schedule = openLoopSchedule(p.load.from, p.load.to, p.durationMs, share);
    }
    if (p.load.kind === "rate" || p.load.kind === "concurrency") {
      const single: PlannedStream = {
        index: 0,
        label: streamLabel({ mix }),
        load: shareStreamLoad(p.load, share),
        events: indexes,
        choose,
      };
      if (planned.schedule) single.schedule = planned.schedule;
      planned.streams.push(single);
    }
    if (p.load.kind === "streams") {
      // Each stream's generator is seeded by its label (unique in the phase: no event is in two streams), so adding,
      // removing or reordering streams changes no other stream's events.
      planned.streams = p.load.streams.map((s: LoadStream, i) => {
        const label = streamLabel(s);
        const own = chooser(s.mix, deriveSeed(seed, "mix", p.name, "stream", label, share.index));
        const stream: PlannedStream = {
          index: i,
          label,
          load: shareStreamLoad(s.load, share),
          events: own.indexes,
          choose: own.choose,
        };
        if (s.load.kind === "rate") {
          stream.schedule = openLoopSchedule(s.load.from, s.load.to, p.durationMs, share);
        }
        return stream;
      });
    }
    return planned;
  });
  return {
    scenario,
    seed,
    share,
    events,
    phases,
    faults: scenario.faults,
    measuredPhases: phases.filter((p) => p.measured).map((p) => p.index),
  };
}

function part(n: number, share: Share): number {
  return Math.floor(n / share.count) + (share.index < n % share.count ? 1 : 0);
}

function shareStreamLoad(load: StreamLoad, share: Share): StreamLoad {
  if (share.count === 1 || load.kind === "rate") return load; // a rate is split through its schedule
  return { ...load, workers: part(load.workers, share) };
}

function shareLoad(load: LoadModel, share: Share): LoadModel {
  if (share.count === 1) return load;
  if (load.kind === "concurrency") return shareStreamLoad(load, share);
  if (load.kind === "count") return { ...load, count: part(load.count, share) };
  if (load.kind === "streams") {
    return { ...load, streams: load.streams.map((s) => ({ ...s, load: shareStreamLoad(s.load, share) })) };
  }
  return load;
}
