/**
 * Metrics: the catalogue of what thresholds can name (histograms and collectors live beside it).
 * @module
 */
export {
  canonicalUnit,
  type Dimension,
  type EventFilter,
  findMetric,
  type MetricDef,
  metricNames,
  METRICS,
  type SelectorKey,
  statDimension,
  type StatName,
} from "./catalog.ts";
export {
  emptySummary,
  Histogram,
  HISTOGRAM_DIGITS,
  HISTOGRAM_MAX_US,
  HISTOGRAM_MIN_US,
  HistogramDecodeError,
  type LatencySummary,
} from "./histogram.ts";
export { SecondSeries, SERIES_FIELDS, SERIES_LIVE_SECONDS, type SeriesField, type TimePoint } from "./timeseries.ts";
