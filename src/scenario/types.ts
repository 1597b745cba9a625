/**
 * The normalized, typed scenario the loader returns. Everything after the loader trusts it: durations are in
 * milliseconds, defaults are filled, names are resolved, thresholds are parsed. Nothing downstream re-checks input.
 * @module
 */
import type { ReplyExpect } from "./expect.ts";

/** A position in a scenario file (1-based line and column). */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

/** The NATS server a run talks to. */
export interface TargetSpec {
  /** An explicit NATS URL (after `${ENV}` interpolation); undefined = default resolution (NATS_URL, 4222, embedded). */
  url?: string;
  /**
   * True: always start a private embedded server, even when one answers on the default port (`target.nats:
   * embedded`, and implied by a `restart-nats` fault, since busmark can only restart a server it started).
   */
  embedded?: boolean;
}

/** How to tell a started service is ready. */
export type ReadinessProbe =
  | { kind: "request"; subject: string; timeoutMs: number } // a NATS request that must answer
  | { kind: "subscription"; subject: string; timeoutMs: number } // a subject must have an interested subscriber
  | { kind: "delay"; ms: number }; // just wait

/** The system under test. */
export type ServiceSpec =
  | {
    kind: "reference";
    /** Subject prefix, default `rosey.db`. */
    prefix: string;
    /** JetStream durable-consumer mode. */
    jetstream: boolean;
    /** Max events per transaction (group-commit cap). */
    batchMax: number;
  }
  | {
    kind: "command";
    prefix: string;
    /** Shell command line; `{nats}` and `{db}` are replaced by the NATS URL and database path. */
    command: string;
    /** SQLite file the service writes (for persistence confirmation); `{tmp}` expands to the run's temp dir. */
    db?: string;
    ready: ReadinessProbe;
    /** Extra environment for the command. */
    env: Record<string, string>;
    /** The service publishes busmark commit notices (as the reference service does); default false. */
    notices?: boolean;
  }
  | { kind: "external"; prefix: string; db?: string; ready: ReadinessProbe; notices?: boolean }
  | { kind: "none"; prefix: string };

/** `nats`: through the bus and the service. `direct`: the v1 path, in-process writes with the same storage code. */
export type PathKind = "nats" | "direct";

/** A compiled-ahead payload expression. The interpreter turns these into functions once. */
export type PayloadExpr =
  | { kind: "literal"; value: unknown }
  | { kind: "pool"; pool: string } // a value from a named pool (e.g. usernames)
  | { kind: "seq"; start: number } // per-event-type counter
  | { kind: "int"; min: number; max: number } // uniform integer, inclusive
  | { kind: "text"; min: number; max: number } // random words of a length in [min, max] characters
  | { kind: "pick"; values: unknown[] } // uniform choice among literals
  | { kind: "now"; unit: "s" | "ms" } // wall-clock time at send
  | { kind: "id" } // the event's busmark id `<runId>.<seq>` (its Bm-Id header value), given at send time
  | { kind: "concat"; parts: PayloadExpr[] } // a string with several `{{...}}` parts
  | { kind: "object"; fields: Record<string, PayloadExpr> }
  | { kind: "array"; items: PayloadExpr[] };

/** A named pool of values (e.g. `users: { prefix: user, size: 100 }` or an explicit list). */
export interface ValuePool {
  name: string;
  values: string[];
}

/** Where a downstream event carries the busmark id of the event it confirms. */
export type IdLocation = { kind: "header"; name: string } | { kind: "field"; pointer: string };

/**
 * How busmark learns that the service persisted one event type: the event's `confirm:`, or the default its service
 * implies (see `confirmation.ts`). Events of one source are confirmed by one confirmer at run time.
 */
export type ConfirmSpec =
  /** The commit-notice protocol (`docs/notices.md`): the service names the ids it committed. */
  | { kind: "notices" }
  /** A downstream event the service publishes once it persisted; the id is in a header or a JSON field. */
  | { kind: "subject"; subject: string; id: IdLocation }
  /**
   * A query busmark polls against the service's database (`sqlite:PATH` or `postgres://`), returning columns `id`
   * and `cursor`, taking `:cursor` (the largest cursor seen so far, 0 at start). `url` still holds `{db}`/`{tmp}`.
   */
  | { kind: "sql"; url: string; query: string; pollMs: number }
  /** A request: its reply is its confirmation (requests are never persisted). */
  | { kind: "reply" }
  /** Nothing confirms it: the event completes on delivery. */
  | { kind: "none" };

/** A named event type. */
export interface EventType {
  name: string;
  /** Full subject, service prefix applied (the YAML subject is relative to the prefix unless marked absolute). */
  subject: string;
  payload: PayloadExpr;
  /** Present when the event is a request; the reply is awaited. */
  request?: { timeoutMs: number };
  /** Whether the service persists this event (requests and unknown subjects do not). */
  persisted: boolean;
  /** How its persistence (or, for a request, its reply) is confirmed; always filled by the normalizer. */
  confirm: ConfirmSpec;
  /** True when the file declares `confirm:` for it (else `confirm` is the service's default). */
  confirmDeclared: boolean;
  /** Reply checks of a request event (`expect:`), see `expect.ts`. */
  expect?: ReplyExpect;
  pos: SourcePos;
}

/** One weighted entry of a mix; `weight` values of a mix sum to 1. */
export interface MixEntry {
  event: string;
  weight: number;
}

/** The load of one stream: open loop (a rate, constant or a linear ramp) or closed loop (workers). */
export type StreamLoad =
  | { kind: "rate"; from: number; to: number } // open loop, events/s, constant when from === to, linear ramp otherwise
  | { kind: "concurrency"; workers: number; thinkTimeMs: number }; // closed loop

/**
 * One load stream of a multi-stream phase: its own events (no event is in two streams of a phase) and its own load,
 * run concurrently with the phase's other streams.
 */
export interface LoadStream {
  /** The stream's events, weights summing to 1 (one entry for `event:`). */
  mix: MixEntry[];
  load: StreamLoad;
}

/** The load model of a phase. */
export type LoadModel =
  | StreamLoad
  | { kind: "count"; count: number; concurrency: number } // fixed count as fast as possible (burst)
  | { kind: "micro"; benches: MicroBench[] } // mitata micro benchmarks of hot paths
  | { kind: "idle" } // no load (e.g. cooldown that only waits)
  | { kind: "streams"; streams: LoadStream[] }; // several streams at once, each with its own load

/** A micro benchmark a `micro` phase runs. */
export interface MicroBench {
  name: string;
  /** What is measured: one direct insert, one publish+encode, one request round trip, ... */
  op: "direct-insert" | "publish" | "encode" | "request";
  event: string;
}

/** The kind of a phase; `warmup` phases are excluded from statistics. */
export type PhaseKind = "warmup" | "ramp" | "steady" | "burst" | "cooldown" | "micro";

/** One phase of a run. */
export interface Phase {
  name: string;
  kind: PhaseKind;
  /** Duration in ms; for `count` phases the time limit (the phase ends when all are sent or this elapses). */
  durationMs: number;
  load: LoadModel;
  /**
   * The phase's own mix, or the scenario's. For a `streams` load: every stream's events, each stream's weights
   * scaled by 1/streams (a summary; each stream sends from its own mix).
   */
  mix: MixEntry[];
  /** Offset of the phase start from the run start, in ms. */
  startMs: number;
  /** The phase's own path (alternating nats/direct blocks compare like with like); the scenario's when absent. */
  path?: PathKind;
  pos: SourcePos;
}

/** What a fault does. */
export type FaultAction = "kill" | "stop" | "restart" | "pause" | "resume" | "restart-nats";

/** A fault on the run's timeline. */
export interface Fault {
  action: FaultAction;
  /** Offset from the run start, ms. */
  atMs: number;
  /** For kill/stop/pause/restart-nats: how long until the service (or NATS) is brought back; 0 = never/immediately. */
  durationMs: number;
  pos: SourcePos;
}

/** A statistic a condition tests. */
export type Stat =
  | { kind: "avg" }
  | { kind: "min" }
  | { kind: "max" }
  | { kind: "count" }
  | { kind: "rate" }
  | { kind: "stddev" }
  | { kind: "percentile"; p: number }
  | { kind: "value" }; // the metric's single value (counts, ratios, slopes)

/** A comparison operator. */
export type Op = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** One parsed condition, e.g. `p95 < 10ms`. */
export interface Condition {
  /** The original text. */
  text: string;
  stat: Stat;
  op: Op;
  /** The bound in the metric's canonical unit (see the metric catalogue). */
  value: number;
  /** The unit as written (`ms`, `%`, `/s`, ...), empty when none. */
  unit: string;
  pos: SourcePos;
}

/** Selector parts of a threshold key, e.g. `latency.persisted{event: chat, phase: steady}`. */
export interface Selector {
  event?: string;
  phase?: string;
  bench?: string;
}

/** A threshold: a metric selector and its conditions. */
export interface Threshold {
  /** The key as written. */
  key: string;
  metric: string;
  selector: Selector;
  conditions: Condition[];
  /** Evaluate every second during the run and stop it on failure. */
  abortOnFail: boolean;
  /** Relative tolerance for baseline comparison (0.1 = 10 %), when the scenario overrides the default. */
  tolerance?: number;
  pos: SourcePos;
}

/** A side of an A/B experiment: the scenario's own service with every phase on a path, or a service command. */
export type AbSide = { path: PathKind } | { command: string };

/**
 * A budget on B's change against A (`cost.cpu: "< 300%"`): the quantity as the A/B table prints it (`metric`,
 * `metric stat`, `metric{selector} stat`) and a bound on the relative change of the rounds' means, in percent.
 */
export interface AbBudget {
  /** The quantity key as written. */
  key: string;
  /** The condition as written, e.g. `< 300%`. */
  condition: string;
  op: "<" | "<=" | ">" | ">=";
  /** The bound, percent (300 for `< 300%`). */
  limitPercent: number;
  pos: SourcePos;
}

/**
 * `ab:`: the scenario is an experiment, run as interleaved rounds A B A B … with the same seed, a fresh service each
 * round; the thresholds hold on each side's rounds, the budgets on B's change against A.
 */
export interface AbSpec {
  /** As written (`path:direct`, or a command line). */
  a: string;
  b: string;
  sides: { a: AbSide; b: AbSide };
  /** Rounds per side. */
  rounds: number;
  budgets: AbBudget[];
  pos: SourcePos;
}

/** A validated, normalized scenario. */
export interface Scenario {
  version: 1;
  name: string;
  description: string;
  tags: string[];
  /** Absolute path of the file it came from. */
  file: string;
  /** True when the `quick` overrides were applied. */
  quick: boolean;
  target: TargetSpec;
  service: ServiceSpec;
  path: PathKind;
  pools: ValuePool[];
  events: EventType[];
  mix: MixEntry[];
  phases: Phase[];
  faults: Fault[];
  thresholds: Threshold[];
  /** Sum of phase durations, ms. */
  durationMs: number;
  /** How long after the last send to wait for persistence before counting an event lost, ms. */
  graceMs: number;
  /** Default seed (overridden by `--seed`). */
  seed: number;
  /** Present when the scenario is an A/B experiment (`ab:`). */
  ab?: AbSpec;
}
