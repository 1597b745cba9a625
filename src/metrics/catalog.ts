/**
 * The metric catalogue: every metric a threshold can name, its dimension (which fixes its canonical unit), the
 * statistics it supports, and the selector keys it accepts. The threshold parser checks conditions against it and
 * the interpreter evaluates them with it.
 * @module
 */

/**
 * What a metric measures, which fixes its canonical unit:
 * `time` µs, `rate` events/s, `count` a plain number, `percent` percent (5 = 5 %), `bytes` bytes,
 * `bytesPerHour` bytes per hour.
 */
export type Dimension = "time" | "rate" | "count" | "percent" | "bytes" | "bytesPerHour";

/** A statistic's name as the catalogue lists it (`percentile` covers every `pN` / `p(N)`). */
export type StatName = "avg" | "min" | "max" | "count" | "rate" | "stddev" | "percentile" | "value";

/** A selector key a threshold may use: `latency.persisted{event: chat, phase: steady}`. */
export type SelectorKey = "event" | "phase" | "bench";

/**
 * Which event types an `{event: ...}` selector may name for a metric: `persisted` events only, `request` events
 * only, `checked` requests (with `expect:`) only, `publish` events (not requests), or `any`.
 */
export type EventFilter = "any" | "persisted" | "request" | "checked" | "publish";

/** One metric of the catalogue. */
export interface MetricDef {
  name: string;
  dimension: Dimension;
  /** Statistics a condition may test. */
  stats: readonly StatName[];
  /** The statistic used when a condition names none (`>= 100/s`); absent = a stat must be written. */
  defaultStat?: StatName;
  /** Selector keys allowed on this metric. */
  selectors: readonly SelectorKey[];
  /** Which events an `event` selector may name. */
  events: EventFilter;
  /** One sentence for the README and error messages. */
  description: string;
  /**
   * True when the metric only means something once the run and its grace period are over (loss, ratios,
   * throughput, recovery, drain, cost, growth): an `abortOnFail` threshold on it is judged at the end only.
   */
  finalOnly: boolean;
}

const SAMPLE_STATS: readonly StatName[] = ["avg", "min", "max", "stddev", "count", "rate", "percentile"];
const VALUE: readonly StatName[] = ["value"];
const SAMPLED: readonly StatName[] = ["avg", "max", "percentile"];
const EVENT_PHASE: readonly SelectorKey[] = ["event", "phase"];
const PHASE: readonly SelectorKey[] = ["phase"];

function metric(
  name: string,
  dimension: Dimension,
  stats: readonly StatName[],
  selectors: readonly SelectorKey[],
  description: string,
  extra: { defaultStat?: StatName; events?: EventFilter; finalOnly?: boolean } = {},
): MetricDef {
  const def: MetricDef = {
    name,
    dimension,
    stats,
    selectors,
    events: extra.events ?? "any",
    description,
    finalOnly: extra.finalOnly ?? false,
  };
  const defaultStat = extra.defaultStat ?? (stats.length === 1 && stats[0] === "value" ? "value" : undefined);
  if (defaultStat !== undefined) def.defaultStat = defaultStat;
  return def;
}

/** Every metric, in the order the README documents them. */
export const METRICS: readonly MetricDef[] = [
  // time, canonical µs
  metric("latency.persisted", "time", SAMPLE_STATS, EVENT_PHASE, "Intended send time to the row being persisted.", {
    events: "persisted",
  }),
  metric("latency.delivered", "time", SAMPLE_STATS, EVENT_PHASE, "Send to delivery to a subscriber.", {
    events: "publish",
  }),
  metric("latency.request", "time", SAMPLE_STATS, EVENT_PHASE, "Request round trip (send to reply).", {
    events: "request",
  }),
  metric("latency.schedule", "time", SAMPLE_STATS, EVENT_PHASE, "Schedule lag: actual minus intended send time."),
  metric("micro.op", "time", SAMPLE_STATS, ["bench", "phase"], "Time per operation of a micro benchmark."),
  metric("recovery.time", "time", ["value", "max"], PHASE, "From a fault's end to the first event persisted again.", {
    defaultStat: "value",
    finalOnly: true,
  }),
  metric("burst.drain", "time", VALUE, PHASE, "From the first send of a count phase until all its events persisted.", {
    finalOnly: true,
  }),
  metric("nats.reconnect", "time", VALUE, [], "From a NATS restart until the client is connected again."),
  metric("cost.cpu", "time", VALUE, PHASE, "CPU time of every process involved per 1000 events.", { finalOnly: true }),
  // rate, canonical events/s
  metric("throughput.offered", "rate", VALUE, EVENT_PHASE, "Events per second the load model asked for.", {
    finalOnly: true,
  }),
  metric("throughput.achieved", "rate", VALUE, EVENT_PHASE, "Events per second actually sent.", { finalOnly: true }),
  metric("throughput.delivered", "rate", VALUE, EVENT_PHASE, "Events per second delivered to a subscriber.", {
    events: "publish",
    finalOnly: true,
  }),
  metric("throughput.persisted", "rate", VALUE, EVENT_PHASE, "Events per second persisted by the service.", {
    events: "persisted",
    finalOnly: true,
  }),
  // count
  metric("events.published", "count", VALUE, EVENT_PHASE, "Events sent (publishes and requests)."),
  metric("events.delivered", "count", VALUE, EVENT_PHASE, "Events delivered to a subscriber.", {
    events: "publish",
    finalOnly: true,
  }),
  metric("events.persisted", "count", VALUE, EVENT_PHASE, "Events found persisted.", {
    events: "persisted",
    finalOnly: true,
  }),
  metric("events.lost", "count", VALUE, EVENT_PHASE, "Persisted events sent but not found after the grace period.", {
    events: "persisted",
    finalOnly: true,
  }),
  metric("events.duplicated", "count", VALUE, EVENT_PHASE, "Events persisted more than once.", {
    events: "persisted",
    finalOnly: true,
  }),
  metric("events.invalid", "count", VALUE, EVENT_PHASE, "Events the service counted as invalid and skipped."),
  metric(
    "publish.errors",
    "count",
    VALUE,
    EVENT_PHASE,
    "Events the client could not publish (e.g. larger than the server's max_payload).",
  ),
  metric("requests.errors", "count", VALUE, EVENT_PHASE, "Requests answered with an error.", { events: "request" }),
  metric("requests.timeouts", "count", VALUE, EVENT_PHASE, "Requests not answered in time.", { events: "request" }),
  metric("checks.failed", "count", VALUE, EVENT_PHASE, "Replies that failed their event's `expect:` checks.", {
    events: "checked",
  }),
  // percent
  metric("events.persisted.ratio", "percent", VALUE, EVENT_PHASE, "Persisted events as a percentage of those sent.", {
    events: "persisted",
    finalOnly: true,
  }),
  metric("events.lost.ratio", "percent", VALUE, EVENT_PHASE, "Lost events as a percentage of those sent.", {
    events: "persisted",
    finalOnly: true,
  }),
  metric(
    "throughput.achieved.ratio",
    "percent",
    VALUE,
    EVENT_PHASE,
    "Achieved throughput as a percentage of offered.",
    { finalOnly: true },
  ),
  metric(
    "checks.passed.ratio",
    "percent",
    VALUE,
    EVENT_PHASE,
    "Replies that passed their `expect:` checks, as a percentage of those checked.",
    { events: "checked", finalOnly: true },
  ),
  metric("service.cpu", "percent", SAMPLED, PHASE, "CPU of the service process, percent of one core."),
  metric("nats.cpu", "percent", SAMPLED, PHASE, "CPU of nats-server, percent of one core (when busmark started it)."),
  metric("busmark.cpu", "percent", SAMPLED, PHASE, "CPU of busmark itself, percent of one core."),
  metric("overhead.cpu", "percent", VALUE, [], "CPU cost of the NATS path over the direct path, percent.", {
    finalOnly: true,
  }),
  metric("overhead.memory", "percent", VALUE, [], "Memory of the NATS path over the direct path, percent.", {
    finalOnly: true,
  }),
  // bytes
  metric("service.memory", "bytes", SAMPLED, PHASE, "Resident memory of the service process."),
  metric("nats.memory", "bytes", SAMPLED, PHASE, "Resident memory of nats-server (when busmark started it)."),
  metric("busmark.memory", "bytes", SAMPLED, PHASE, "Resident memory of busmark itself."),
  // bytes per hour
  metric("service.memory.growth", "bytesPerHour", VALUE, [], "Least-squares slope of the service's memory.", {
    finalOnly: true,
  }),
  metric("nats.memory.growth", "bytesPerHour", VALUE, [], "Least-squares slope of nats-server's memory.", {
    finalOnly: true,
  }),
  metric("busmark.memory.growth", "bytesPerHour", VALUE, [], "Least-squares slope of busmark's own memory.", {
    finalOnly: true,
  }),
];

const BY_NAME: ReadonlyMap<string, MetricDef> = new Map(METRICS.map((m) => [m.name, m]));

/** The metric named `name`, or undefined. */
export function findMetric(name: string): MetricDef | undefined {
  return BY_NAME.get(name);
}

/** Names of every metric, in catalogue order. */
export function metricNames(): string[] {
  return METRICS.map((m) => m.name);
}

/** The canonical unit of a dimension, as documented (`us` for time, `/s` for rates, empty for counts). */
export function canonicalUnit(dimension: Dimension): string {
  switch (dimension) {
    case "time":
      return "us";
    case "rate":
      return "/s";
    case "count":
      return "";
    case "percent":
      return "%";
    case "bytes":
      return "B";
    case "bytesPerHour":
      return "B/h";
  }
}

/**
 * The dimension of a statistic's value on a metric: the metric's own, except `count` (a plain number) and
 * `rate` (samples per second) of a sampled metric.
 */
export function statDimension(metric: MetricDef, stat: StatName): Dimension {
  if (stat === "count" && metric.dimension !== "count") return "count";
  if (stat === "rate" && metric.dimension !== "rate") return "rate";
  return metric.dimension;
}
