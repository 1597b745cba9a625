/**
 * The threshold grammar: keys (`metric{selector}`), conditions (`[stat] op value[unit]`) and units.
 * @module
 */
export {
  type ConditionError,
  type ConditionResult,
  parseCondition,
  type ParsedCondition,
  parseStat,
  statsHint,
} from "./condition.ts";
export { formatThresholdKey, type KeyError, type KeyResult, type ParsedKey, parseThresholdKey } from "./key.ts";
export { dimensionName, unitDimension, unitKind, unitList, unitOptional, UNITS } from "./units.ts";
export { expectedSamples, insufficientReason, MIN_BEYOND, minSamplesFor, resolutionWarnings } from "./resolution.ts";
