/**
 * Threshold evaluation and the run's verdict.
 * @module
 */
export { compare, COUNT_FIELDS, evaluateThresholds, observe, unitOf, verdictOf } from "./evaluate.ts";
