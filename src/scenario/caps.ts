/**
 * The caps a scenario must stay within. They guard against typos that would melt the machine (a rate of
 * 2,000,000 meant as 2,000) and are documented in docs/scenario-language.md. The schema repeats the numeric ones
 * so that editors flag them too.
 * @module
 */

/** Limits checked by the schema and the semantic checks. */
export const CAPS = {
  /** Size of a scenario file, bytes (1 MiB), checked before it is parsed. */
  fileBytes: 1024 * 1024,
  /** Open-loop rate, events/s. */
  rate: 200_000,
  /** Closed-loop workers, or events in flight in a count phase. */
  concurrency: 1000,
  /** Events of one count phase. */
  count: 10_000_000,
  /** Think time between a closed-loop worker's events, ms. */
  thinkTimeMs: 60_000,
  /** Sum of phase durations, ms (24 h). */
  totalDurationMs: 24 * 3_600_000,
  /** Phases of a scenario. */
  phases: 50,
  /** Event types of a scenario. */
  events: 100,
  /** Faults of a scenario. */
  faults: 100,
  /** Values of a pool. */
  poolSize: 100_000,
  /** Characters of a `text MIN MAX` template. */
  textLength: 1_000_000,
  /** Grace period after the last send, ms (10 min). */
  graceMs: 600_000,
  /** Request timeout, ms (1 min). */
  requestTimeoutMs: 60_000,
  /** Readiness probe timeout or delay, ms (10 min). */
  readyTimeoutMs: 600_000,
} as const;

/** Defaults the loader fills in. */
export const DEFAULTS = {
  prefix: "rosey.db",
  seed: 1,
  graceMs: 5000,
  batchMax: 1000,
  requestTimeoutMs: 5000,
  readyTimeoutMs: 10_000,
  countConcurrency: 1,
  thinkTimeMs: 0,
} as const;
