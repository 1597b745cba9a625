/**
 * Report charts: Vega-Lite specs built from a result, rendered to SVG headless.
 * @module
 */
export { CHART_FILES, type ChartFile, type ChartPlan, planCharts, renderCharts } from "./render.ts";
export {
  type Distribution,
  distributionCurve,
  PERCENTILE_METRICS,
  percentileChartSpec,
  percentileCurve,
  type PercentilePoint,
  resultDistributions,
  summaryCurve,
} from "./percentiles.ts";
export { PROCESS_LABELS, resourceChartSpec } from "./resources.ts";
export {
  decades,
  type FaultBand,
  faultBands,
  type PhaseBand,
  phaseBands,
  timeDomain,
  timelineChartSpec,
} from "./timeline.ts";
export { HEADROOM, thresholdLayers, type ThresholdLine, thresholdLines } from "./thresholds.ts";
export { asChartSpec, CHART_CONFIG, type ChartSpec, renderVegaLite } from "./vega.ts";
