/**
 * The latency percentile distribution chart, drawn as HdrHistogram plots are: the x axis is `1 / (1 - q)` on a
 * log scale, so 90 %, 99 %, 99.9 %, 99.99 % are equally spaced and the tail gets the room it deserves; the y axis
 * is the latency in ms.
 * @module
 */
import { Histogram } from "../../metrics/histogram.ts";
import type { LatencySummary } from "../../metrics/histogram.ts";
import { findMetric } from "../../result/find.ts";
import type { RunResult } from "../../result/types.ts";
import { thresholdLayers, type ThresholdLine, thresholdLines } from "./thresholds.ts";
import { asChartSpec, CHART_CONFIG, type ChartSpec } from "./vega.ts";

/** One point of a percentile curve: `x = 1 / (1 - percentile/100)`. */
export interface PercentilePoint {
  series: string;
  /** `1 / (1 - q)`; 1 = 0th percentile, 10 = 90th, 1000 = 99.9th. */
  x: number;
  percentile: number;
  ms: number;
}

/** A named distribution: a decoded histogram, or a summary when no histogram was kept. */
export interface Distribution {
  name: string;
  histogram?: Histogram;
  summary?: LatencySummary;
}

/** Points per decade of the x axis. */
const STEPS_PER_DECADE = 10;

/**
 * The percentile curve of a histogram: 10 points per decade of `1 / (1 - q)`, up to the percentile that the sample
 * count can resolve (`1 - 1/count`), then the maximum.
 */
export function percentileCurve(name: string, h: Histogram): PercentilePoint[] {
  const n = h.count;
  if (n === 0) return [];
  const out: PercentilePoint[] = [];
  const limit = Math.max(2, n);
  for (let j = 0;; j++) {
    const x = 10 ** (j / STEPS_PER_DECADE);
    if (x > limit) break;
    const percentile = 100 * (1 - 1 / x);
    out.push({ series: name, x, percentile, ms: h.percentile(percentile) / 1000 });
  }
  out.push({ series: name, x: limit, percentile: 100 * (1 - 1 / limit), ms: h.max / 1000 });
  return out;
}

/** The few points a summary holds (p50 … p99.9 and max), for results without encoded histograms. */
export function summaryCurve(name: string, s: LatencySummary): PercentilePoint[] {
  if (s.count === 0) return [];
  const pts: [number, number][] = [[0, s.min], [50, s.p50], [90, s.p90], [95, s.p95], [99, s.p99], [99.9, s.p999]];
  const out = pts.map(([p, us]) => ({ series: name, x: 1 / (1 - p / 100), percentile: p, ms: us / 1000 }));
  out.push({ series: name, x: Math.max(1000, s.count), percentile: 100, ms: s.max / 1000 });
  return out;
}

/** The curve of a distribution (from its histogram when it has one). */
export function distributionCurve(d: Distribution): PercentilePoint[] {
  if (d.histogram) return percentileCurve(d.name, d.histogram);
  return d.summary ? summaryCurve(d.name, d.summary) : [];
}

/** The latency metrics a result's percentile chart shows, in this order. */
export const PERCENTILE_METRICS = ["latency.persisted", "latency.delivered", "latency.request", "latency.schedule"];

/** The overall latency distributions of a result (warmup excluded), decoded from its histograms. */
export function resultDistributions(result: Pick<RunResult, "metrics">): Distribution[] {
  const out: Distribution[] = [];
  for (const metric of PERCENTILE_METRICS) {
    const entry = findMetric(result, metric, {});
    if (!entry?.summary || entry.summary.count === 0) continue;
    const d: Distribution = { name: metric, summary: entry.summary };
    if (entry.histogram) {
      try {
        d.histogram = Histogram.decode(entry.histogram);
      } catch {
        // A malformed histogram falls back to the summary's points.
      }
    }
    out.push(d);
  }
  return out;
}

/** Axis ticks: 0 %, 50 %, 90 %, 99 %, … up to the largest x. */
function ticks(maxX: number): number[] {
  const out = [1, 2];
  for (let x = 10; x <= maxX * 1.0001; x *= 10) out.push(x);
  return out;
}

/**
 * The Vega-Lite spec of a percentile distribution chart, with the latency budgets `thresholds` (in ms) drawn as
 * labelled lines; undefined when there is nothing to draw.
 */
export function percentileChartSpec(
  distributions: readonly Distribution[],
  title: string,
  thresholds: readonly ThresholdLine[] = [],
): ChartSpec | undefined {
  const values = distributions.flatMap(distributionCurve);
  if (values.length === 0) return undefined;
  const maxX = Math.max(...values.map((v) => v.x));
  const curves = {
    data: { values },
    mark: { type: "line", interpolate: "monotone", strokeWidth: 2 },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        scale: { type: "log", domain: [1, maxX] },
        axis: {
          title: "percentile",
          values: ticks(maxX),
          labelExpr: "format(100 - 100 / datum.value, '.4~f') + '%'",
          grid: true,
        },
      },
      y: { field: "ms", type: "quantitative", title: "latency (ms)" },
      color: { field: "series", type: "nominal", title: null, sort: distributions.map((d) => d.name) },
      tooltip: [{ field: "series" }, { field: "percentile", format: ".4~f" }, { field: "ms", format: ".3~f" }],
    },
  };
  const top = Math.max(...values.map((v) => v.ms));
  return asChartSpec({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CHART_CONFIG,
    title,
    width: PERCENTILE_CHART_WIDTH,
    height: 300,
    layer: [curves, ...thresholdLayers(thresholds, "ms", { top, width: PERCENTILE_CHART_WIDTH })],
  });
}

/** Width of the percentile chart's plotting area, px. */
const PERCENTILE_CHART_WIDTH = 680;

/** The latency budgets a percentile chart of `metrics` draws: percentiles, averages and maxima, in ms. */
export function latencyThresholdLines(
  result: Partial<Pick<RunResult, "scenario" | "checks">>,
  metrics: readonly string[],
): ThresholdLine[] {
  const kinds = new Set(["percentile", "avg", "max", "min"]);
  return thresholdLines(result, (m, stat) => metrics.includes(m) && kinds.has(stat.kind), (us) => us / 1000);
}
