/**
 * The aggregation stage: what a run recorded becomes a result (metric entries, counts, series, resources), repeats
 * combine into one view, and one judge applies the thresholds and the self-health rules to either.
 * @module
 */
export { aggregateRun, type BuildInput, buildResult } from "./build.ts";
export { compare, COUNT_FIELDS, evaluateThresholds, observe, unitOf } from "./checks.ts";
export { aggregateRepeats, combineResults, poolSummaries } from "./combine.ts";
export {
  countEntries,
  countsFor,
  latencyEntries,
  type NumberSummary,
  offeredIn,
  ratioEntries,
  summarizeNumbers,
  throughputEntries,
} from "./entries.ts";
export { type HealthBounds, healthReasons, MAX_GENERATOR_CPU, MAX_LAG_P99_US } from "./health.ts";
export { judge, type JudgeOptions, verdictOf } from "./judge.ts";
export {
  costEntries,
  growthByProcess,
  measuredStartS,
  memoryOverhead,
  resourceEntries,
  type Resources,
} from "./resource-entries.ts";
export { partialResults, skeleton } from "./skeleton.ts";
export { lostAcross, timelineEntries } from "./timeline-entries.ts";
export { implicitChecks } from "./implicit.ts";
