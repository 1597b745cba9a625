/**
 * The result model of a run (`result.json`), its schema validation and lookups.
 * @module
 */
export { findCounts, findMetric, matchesSelector } from "./find.ts";
export {
  type CountEntry,
  type Environment,
  type FaultOutcome,
  type MemoryGrowth,
  type MetricEntry,
  type MicroResult,
  type ProcessResources,
  type ResourceProcess,
  type ResourceSample,
  RESULT_SCHEMA_VERSION,
  type ResultPhase,
  type ResultScenario,
  type ResultService,
  type ResultTarget,
  type RunResult,
  type RunStatus,
  type ThresholdCheck,
  type Verdict,
} from "./types.ts";
export { type AbSideName, sideTag, thresholdKeyOf } from "./side.ts";
export { isRepeatManifest, repeatIdOf, type RepeatManifest, repeatManifest } from "./repeat.ts";
export { reportSchema, validateResult } from "./validate.ts";
