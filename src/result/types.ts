/**
 * The result model of one run: what `result.json` serializes (validated by `schemas/report.schema.json`). Every
 * time inside a result is either an ISO timestamp of this host (`startedAt`/`endedAt`, informative only) or an
 * offset from the run start on one monotonic clock, so results of several hosts can be merged: histograms are
 * encoded (HdrHistogram V2) and counters add.
 * @module
 */
import type { LatencySummary } from "../metrics/histogram.ts";
import type { TimePoint } from "../metrics/timeseries.ts";
import type { ConfirmSpec, LoadModel, PhaseKind, Scenario, Selector } from "../scenario/types.ts";

/** Version of the result format; bumped on any incompatible change. */
export const RESULT_SCHEMA_VERSION = 1;

/** How a run ended. `invalid`: the generator could not offer the load it was asked for. */
export type RunStatus = "completed" | "interrupted" | "aborted" | "invalid";

/** The run's outcome: thresholds passed, failed, or no verdict possible. */
export type Verdict = "pass" | "fail" | "invalid" | "interrupted";

/** The scenario a result comes from. */
export interface ResultScenario {
  name: string;
  /** The scenario file as given (path). */
  file: string;
  /** Hash of the normalized scenario (e.g. `sha256:…`), to tell runs of identical scenarios. */
  hash: string;
  quick: boolean;
  seed: number;
  normalized: Scenario;
}

/** Where the run happened. */
export interface Environment {
  runtime: "node" | "deno";
  runtimeVersion: string;
  os: string;
  cpuModel: string;
  cpus: number;
  /** nats-server version when known, else empty. */
  natsServerVersion: string;
  busmarkVersion: string;
  gitCommit?: string;
  hostname?: string;
}

/** The NATS server the run used. */
export interface ResultTarget {
  /** URL with credentials masked. */
  url: string;
  /** True when busmark started its own server. */
  embedded: boolean;
}

/** The system under test. */
export interface ResultService {
  kind: "reference" | "command" | "external" | "none";
  prefix: string;
  jetstream?: boolean;
  command?: string;
  /**
   * The service-wide way persistence was confirmed (commit notices, its SQLite file, or not at all), kept for older
   * readers: it does not say which event types were confirmed; {@link RunResult.confirmation} does.
   */
  confirm: "notices" | "sqlite" | "none";
}

/** One phase as it ran. */
export interface ResultPhase {
  name: string;
  kind: PhaseKind;
  /** Offset of its start from the run start, ms. */
  startMs: number;
  durationMs: number;
  load: LoadModel;
  /** For a `streams` load, per stream in the order of `load.streams`: events offered and published. */
  streams?: ResultStream[];
}

/** What one stream of a multi-stream phase offered (its due arrivals, or its sends when closed loop) and sent. */
export interface ResultStream {
  offered: number;
  published: number;
}

/**
 * One metric value. Without `event`/`phase`/`bench` it is the overall aggregate (warmup excluded). Time metrics
 * with distributions carry `summary` (µs) and the encoded `histogram`; single-valued metrics carry `value` in the
 * metric's canonical unit.
 */
export interface MetricEntry {
  metric: string;
  event?: string;
  phase?: string;
  bench?: string;
  summary?: LatencySummary;
  /** HdrHistogram V2 compressed base64 (see `Histogram.decode`). */
  histogram?: string;
  value?: number;
}

/** Event counters; without `event`/`phase` the overall totals (warmup excluded). */
export interface CountEntry {
  event?: string;
  phase?: string;
  published: number;
  delivered: number;
  persisted: number;
  /** Persist-expected events neither persisted nor rejected when the grace period ran out. */
  lost: number;
  /**
   * Persist-expected events still in flight when the run stopped before its grace period ran out (an interrupt):
   * neither confirmed nor lost. Absent in results written before busmark counted them.
   */
  unsettled?: number;
  duplicated: number;
  invalid: number;
  requestErrors: number;
  requestTimeouts: number;
  /**
   * Events the client could not publish (e.g. larger than the server's `max_payload`); they were never offered to
   * the service. Absent in results written before it was counted.
   */
  publishErrors?: number;
  /** Published events of types the service is expected to persist (the base of the persisted and lost ratios). */
  expectedPersisted: number;
  /** Replies that passed their event's `expect:` checks (absent when no event has any). */
  checksPassed?: number;
  /** Replies that failed them. */
  checksFailed?: number;
}

/** A reply that failed its event's `expect:` checks, as the result keeps the first few. */
export interface ReplyFailure {
  event: string;
  phase: string;
  /** The first failed check, e.g. `/0/message: expected "two" got "one"`. */
  reason: string;
  /** The reply's text, cut at 300 characters. */
  reply: string;
}

/** A resource sample: seconds since the run start, CPU percent of one core, resident memory in bytes. */
export interface ResourceSample {
  t: number;
  cpu: number;
  rss: number;
}

/** Memory growth fitted by least squares. */
export interface MemoryGrowth {
  bytesPerHour: number;
  /** Fit quality in [0, 1]. */
  r2: number;
  /** Samples used. */
  n: number;
  /** The slope's 95 % confidence interval, bytes per hour (absent in older results). */
  low?: number;
  high?: number;
  /** Seconds the fitted samples span (absent in older results). */
  seconds?: number;
}

/** The samples of one process. */
export interface ProcessResources {
  samples: ResourceSample[];
  growth?: MemoryGrowth;
}

/** A process whose resources are sampled. */
export type ResourceProcess = "service" | "nats" | "busmark";

/** What a fault did. */
export interface FaultOutcome {
  action: string;
  /** Offsets from the run start, ms. */
  atMs: number;
  endMs?: number;
  /** From the fault's end to the first event persisted again, ms. */
  recoveryMs?: number;
  /** Events lost to the fault. */
  lost?: number;
  note?: string;
}

/** One micro benchmark's figures (mitata), ns. */
export interface MicroResult {
  name: string;
  op: string;
  event: string;
  avgNs: number;
  stddevNs: number;
  p50Ns: number;
  p90Ns: number;
  p95Ns: number;
  p99Ns: number;
  p999Ns: number;
  minNs: number;
  maxNs: number;
  samples: number;
}

/** One threshold condition as evaluated on a result. */
export interface ThresholdCheck {
  /** The threshold key as written, e.g. `latency.persisted{event: chat}`. */
  key: string;
  metric: string;
  selector: Selector;
  /** The condition as written, e.g. `p95 < 10ms`. */
  condition: string;
  /** The observed value in `unit`, or null when there was no data. */
  observed: number | null;
  /** Canonical unit of `observed` and of the condition's bound: `us`, `/s`, `%`, `B`, `B/h` or empty. */
  unit: string;
  pass: boolean;
  abortOnFail: boolean;
  /** Why it failed without a comparison (e.g. `no data`), or what an implicit check guards. */
  reason?: string;
  /**
   * True for a check busmark adds itself when a run broke a premise of every budget (events that could not be
   * published, or were rejected as invalid, while the scenario has no threshold of its own on them).
   */
  implicit?: boolean;
  /**
   * For a percentile condition: how many samples lie beyond the observed value, of how many in the slice (how sure
   * the figure is: p99 of 1000 samples rests on about 10).
   */
  samples?: { beyond: number; total: number };
  /**
   * For a percentile condition: `insufficient` when the samples are too few to resolve that percentile (fewer than
   * 10 / (1 − p) of them, e.g. p99.9 from 300), so pass or fail rests on a few extreme samples; else `sufficient`.
   */
  resolution?: "sufficient" | "insufficient";
  /** Why the resolution is insufficient, in one line. */
  resolutionReason?: string;
  /**
   * For memory growth: seconds of measured samples it was fitted on. Under 5 min the check is `resolution:
   * insufficient` and reports print "not resolvable in a 12 s run" with {@link interval}, not a rate per hour.
   */
  windowS?: number;
  /**
   * For memory growth: the slope's 95 % confidence interval; for an A/B budget: the change's 95 % bootstrap
   * interval; in `unit`.
   */
  interval?: { low: number; high: number };
  /**
   * In an A/B experiment (`ab:`): a threshold judged on side A's or B's rounds, or (`b-vs-a`) a budget on B's
   * change against A, whose `observed` is the change in percent.
   */
  side?: "a" | "b" | "b-vs-a";
}

/** What an A/B experiment's result (`ab:`) adds: its sides, rounds and the analysis' verdict. */
export interface AbSummary {
  /** The sides as written. */
  a: string;
  b: string;
  /** Rounds both sides finished. */
  rounds: number;
  /** Run ids of each side's rounds, in order; each report is at `<side>/<scenario>/<run-id>/`. */
  runs: { a: string[]; b: string[] };
  verdict: "regression" | "no regression" | "inconclusive";
  reason: string;
  /** The A/A spread of the gated quantities (fraction). */
  resolvable?: number;
}

/** Everything one run produced. */
export interface RunResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  runId: string;
  status: RunStatus;
  invalidReasons: string[];
  verdict: Verdict;
  scenario: ResultScenario;
  environment: Environment;
  target: ResultTarget;
  service: ResultService;
  /** ISO timestamps (this host's wall clock, informative). */
  startedAt: string;
  endedAt: string;
  durationMs: number;
  phases: ResultPhase[];
  metrics: MetricEntry[];
  counts: CountEntry[];
  timeseries: TimePoint[];
  resources: Partial<Record<ResourceProcess, ProcessResources>>;
  faults: FaultOutcome[];
  micro: MicroResult[];
  checks: ThresholdCheck[];
  notes: string[];
  /** The first few replies that failed their `expect:` checks (absent when none did). */
  replyFailures?: ReplyFailure[];
  /**
   * The service's files kept in the report directory, by name: its captured output (`service.log`) and, with
   * `--keep-service-files`, its database. Absent when none were kept.
   */
  serviceFiles?: string[];
  /** The absolute report root (`--out`) the run's reports and baselines were written under, when written. */
  reportRoot?: string;
  /** For an A/B experiment (`ab:`): its sides and rounds; the rest of the result is B's rounds combined. */
  ab?: AbSummary;
  /**
   * How each event type was confirmed, one entry per source (every event type is in one, `none` and `reply`
   * included). Absent in results written before confirmation was declared per event (see `service.confirm`).
   */
  confirmation?: ResultConfirmation[];
}

/** One confirmation source of a run and the event types it confirmed. */
export interface ResultConfirmation {
  events: string[];
  kind: ConfirmSpec["kind"];
  /** How it reads: `notices`, `subject shop.orders.stored (header Bm-Id)`, `sql sqlite:… every 10 ms`, … */
  source: string;
  /** Latency resolution, µs: the poll interval of a `sql` source; absent for the exact kinds. */
  resolutionUs?: number;
  /**
   * For a source busmark read during the run (a persistence source on the NATS path): its events published over
   * the bus and confirmed (every phase, warmup included), and what it saw.
   */
  observed?: {
    published: number;
    persisted: number;
    /** Messages or rows read, those that named an event of this source, and the last reading error. */
    sightings?: { seen: number; matched: number; error?: string };
  };
}
