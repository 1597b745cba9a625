/**
 * Compiling a validated scenario once into a plan: event types with resolved subjects and compiled payload
 * functions, and per phase its path, a seeded weighted chooser for its mix and, for open-loop phases, its arrival
 * schedule. The load loop only calls what the plan holds; it parses nothing.
 * @module
 */
import { type ArrivalSchedule, openLoopSchedule } from "../load/arrivals.ts";
import { weightedChooser } from "../load/chooser.ts";
import { createRng, deriveSeed } from "../load/rng.ts";
import { compilePayload, payloadCarriesId, type PayloadFn } from "../payload/compile.ts";
import { type CompiledExpect, compileExpect, type KeepSpec } from "./reply-check.ts";
import { RECENT_LIMIT_CAP } from "../scenario/expect.ts";
import type { ConfirmSpec, Fault, LoadModel, PathKind, PhaseKind, Scenario } from "../scenario/types.ts";

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
  const keep = new Map<number, KeepSpec>();
  scenario.events.forEach((e, i) => {
    if (e.expect) events[i]!.expect = compileExpect(e.expect, (n) => byName.get(n) ?? 0, keep, RECENT_LIMIT_CAP);
  });
  for (const [index, spec] of keep) events[index]!.keep = spec;
  const phases: PlannedPhase[] = scenario.phases.map((p, index) => {
    const mix = p.mix.length > 0 ? p.mix : scenario.mix;
    const indexes = mix.map((m) => byName.get(m.event) ?? 0);
    const draw = weightedChooser(mix.map((m) => m.weight), createRng(deriveSeed(seed, "mix", p.name, share.index)));
    const choose = indexes.length === 1 ? () => indexes[0]! : () => indexes[draw()]!;
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
    };
    if (p.load.kind === "rate") {
      planned.schedule = openLoopSchedule(p.load.from, p.load.to, p.durationMs, share);
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

function shareLoad(load: LoadModel, share: Share): LoadModel {
  if (share.count === 1) return load;
  const part = (n: number) => Math.floor(n / share.count) + (share.index < n % share.count ? 1 : 0);
  if (load.kind === "concurrency") return { ...load, workers: part(load.workers) };
  if (load.kind === "count") return { ...load, count: part(load.count) };
  return load;
}
