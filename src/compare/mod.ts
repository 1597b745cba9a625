/**
 * Comparing runs against a baseline and telling a regression from noise: per-run quantities, a one-sided
 * Mann-Whitney U test across repeats, bootstrap intervals, per-metric tolerances, baselines on disk.
 * @module
 */
export { baselineDir, checkLabel, groupByScenario, loadRuns, readResult, saveBaseline } from "./baseline.ts";
export { bootstrapChange, type ChangeInterval, mean, quantile, stddev } from "./bootstrap.ts";
export {
  type CompareOptions,
  compareRunSets,
  compareScenario,
  type Comparison,
  DEFAULT_ALPHA,
  DEFAULT_TOLERANCE,
  judge,
  type Method,
  type QuantityComparison,
  type QuantityVerdict,
  type RunSet,
  type ScenarioComparison,
  toleranceFor,
} from "./compare.ts";
export { type Direction, directionOf, worsening } from "./direction.ts";
export { binomial, mannWhitneyGreater, type MannWhitneyResult, midranks, minimumP } from "./mann-whitney.ts";
export {
  collectQuantities,
  type CompareStat,
  type Quantity,
  quantityLabel,
  selectorLabel,
  statLabel,
} from "./quantities.ts";
export { methodText, renderCompareMarkdown, renderCompareText, verdictText } from "./render.ts";
export {
  type AbAnalysis,
  type AbOptions,
  type AbRow,
  type AbVerdict,
  analyzeAb,
  gatedKeys,
  renderAbText,
} from "./ab.ts";
