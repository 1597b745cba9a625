/**
 * The shape of a scenario file once it has passed the JSON Schema (`schemas/scenario.schema.json`): what the
 * normalizer may assume. Mirrors the schema; durations are still strings.
 * @module
 */

/** A duration string such as `10s`. */
export type RawDuration = string;

/** `ready:` of a command or external service. */
export interface RawReadiness {
  request?: string;
  subscription?: string;
  delay?: RawDuration;
  timeout?: RawDuration;
}

/** `service:` — exactly one key. */
export interface RawService {
  reference?: { prefix?: string; jetstream?: boolean; batchMax?: number };
  command?: {
    run: string;
    db?: string;
    prefix?: string;
    ready: RawReadiness;
    env?: Record<string, string | number | boolean>;
    notices?: boolean;
  };
  external?: { prefix?: string; db?: string; ready?: RawReadiness; notices?: boolean };
  none?: { prefix?: string };
}

/** A pool: `{ prefix, size }` or a list of values. */
export type RawPool = { prefix: string; size: number } | string[];

/** An event type. */
export interface RawEvent {
  subject: string | { absolute: string };
  payload?: unknown;
  request?: true | { timeout?: RawDuration };
  persist?: boolean;
  confirm?: RawConfirm;
  expect?: RawExpect;
}

/** `confirm:` of an event type — one of `notices`, `subject` (with `id`), `sql`, `reply`. */
export interface RawConfirm {
  notices?: true;
  subject?: string | { absolute: string };
  id?: { header?: string; field?: string };
  sql?: { url: string; query: string; every?: RawDuration };
  reply?: true;
}

/** `expect:` of a request event. */
export interface RawExpect {
  status?: "ok" | "error";
  schema?: Record<string, unknown> | boolean;
  that?: string | string[];
  recent?: {
    event: string;
    limit: number | string;
    match: string;
    order?: "oldest-first" | "newest-first";
    items?: string;
  };
}

/** A mix: event name → positive weight. */
export type RawMix = Record<string, number>;

/** A micro benchmark. */
export interface RawBench {
  name: string;
  op: "direct-insert" | "publish" | "encode" | "request";
  event: string;
}

/** A load model (one of its shapes; the normalizer checks which keys go together). */
export interface RawLoad {
  rate?: number | { from: number; to: number };
  concurrency?: number;
  thinkTime?: RawDuration;
  count?: number;
  micro?: RawBench[];
}

/** One stream of a multi-stream phase: `event` or `mix`, and `rate` or `concurrency` (+ `thinkTime`). */
export interface RawStream {
  event?: string;
  mix?: RawMix;
  rate?: number | { from: number; to: number };
  concurrency?: number;
  thinkTime?: RawDuration;
  count?: unknown;
  micro?: unknown;
}

/** A phase. */
export interface RawPhase {
  name: string;
  kind: "warmup" | "ramp" | "steady" | "burst" | "cooldown" | "micro";
  duration: RawDuration;
  load?: RawLoad;
  mix?: RawMix;
  path?: "nats" | "direct";
  streams?: RawStream[];
}

/** A fault. */
export interface RawFault {
  at: RawDuration;
  action: "kill" | "stop" | "restart" | "pause" | "resume" | "restart-nats";
  duration?: RawDuration;
}

/** A threshold's value: a condition, a list, or the object form. */
export type RawThresholdValue =
  | string
  | string[]
  | { condition: string | string[]; abortOnFail?: boolean; tolerance?: string };

/** Per-phase overrides under `quick.phases`. */
export interface RawQuickPhase {
  duration?: RawDuration;
  load?: RawLoad;
  mix?: RawMix;
  skip?: boolean;
  /** Replaces the phase's streams (or its `load` and `mix`). */
  streams?: RawStream[];
}

/** `ab:` — the two sides, the rounds and the budgets on B's change against A. */
export interface RawAb {
  a: string;
  b: string;
  rounds?: number;
  budgets?: Record<string, string>;
}

/** A whole scenario file. */
export interface RawScenario {
  version: 1;
  name: string;
  description: string;
  tags?: string[];
  seed?: number;
  target?: { nats?: string };
  service?: RawService;
  path?: "nats" | "direct";
  pools?: Record<string, RawPool>;
  events: Record<string, RawEvent>;
  mix?: RawMix;
  phases: RawPhase[];
  faults?: RawFault[];
  grace?: RawDuration;
  thresholds?: Record<string, RawThresholdValue>;
  ab?: RawAb;
  quick?: {
    phases?: Record<string, RawQuickPhase>;
    faults?: RawFault[];
    grace?: RawDuration;
    thresholds?: Record<string, RawThresholdValue>;
    ab?: { rounds?: number };
  };
}
