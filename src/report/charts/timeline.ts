/**
 * Charts over the run's time axis: shared layers that mark phases (alternating bands, named at the top) and faults
 * (red bands from start to end, a dashed rule at the start), and the latency-and-rate chart built from the
 * per-second time series.
 * @module
 */
import type { RunResult } from "../../result/types.ts";
import { latencyThresholdLines } from "./percentiles.ts";
import { thresholdLayers, type ThresholdLine, thresholdLines } from "./thresholds.ts";
import { asChartSpec, CHART_CONFIG, type ChartSpec } from "./vega.ts";

/** The latency metrics whose budgets the timeline's latency panel draws: those of its per-second series. */
const COMPLETION_METRICS = ["latency.persisted", "latency.delivered"];

/** Width of the plotting area of time charts, px. */
export const TIME_CHART_WIDTH = 680;

/** A phase band, in seconds since the run start. */
export interface PhaseBand {
  name: string;
  start: number;
  end: number;
  mid: number;
  shade: number;
}

/** A fault band, in seconds since the run start. */
export interface FaultBand {
  label: string;
  start: number;
  end: number;
}

/** The phases of a result as bands (alternately shaded). */
export function phaseBands(result: Pick<RunResult, "phases">): PhaseBand[] {
  return result.phases.map((p, i) => {
    const start = p.startMs / 1000;
    const end = (p.startMs + p.durationMs) / 1000;
    return { name: p.name, start, end, mid: (start + end) / 2, shade: i % 2 };
  });
}

/** The faults of a result as bands; a fault without an end is drawn as a thin band. */
export function faultBands(result: Pick<RunResult, "faults">): FaultBand[] {
  return result.faults.map((f) => {
    const start = f.atMs / 1000;
    const end = Math.max(start + 0.05, (f.endMs ?? f.atMs) / 1000);
    return { label: f.action, start, end };
  });
}

/** The run's length in seconds as a chart domain: the phases, the series and the samples all fit. */
export function timeDomain(result: Pick<RunResult, "phases" | "timeseries" | "durationMs">): [number, number] {
  const phasesEnd = Math.max(0, ...result.phases.map((p) => (p.startMs + p.durationMs) / 1000));
  const last = result.timeseries[result.timeseries.length - 1];
  const seriesEnd = last !== undefined ? last.t + (last.span ?? 1) : 0;
  return [0, Math.max(1, phasesEnd, seriesEnd)];
}

type Layer = Record<string, unknown>;

/** Background layers (phase and fault bands) for a time chart, with the given x field scale domain. */
export function markerLayers(
  phases: readonly PhaseBand[],
  faults: readonly FaultBand[],
  opts: { labels: boolean },
): Layer[] {
  const layers: Layer[] = [];
  if (phases.length > 0) {
    layers.push({
      data: { values: phases },
      mark: { type: "rect", color: "#4c78a8" },
      encoding: {
        x: { field: "start", type: "quantitative" },
        x2: { field: "end" },
        opacity: { field: "shade", type: "quantitative", scale: { domain: [0, 1], range: [0.04, 0.1] }, legend: null },
      },
    });
    if (opts.labels) {
      layers.push({
        data: { values: phases },
        mark: { type: "text", baseline: "top", dy: 4, fontSize: 11, color: "#333333" },
        encoding: { x: { field: "mid", type: "quantitative" }, y: { value: 0 }, text: { field: "name" } },
      });
    }
  }
  if (faults.length > 0) {
    layers.push({
      data: { values: faults },
      mark: { type: "rect", color: "#d62728", opacity: 0.12 },
      encoding: { x: { field: "start", type: "quantitative" }, x2: { field: "end" } },
    });
    layers.push({
      data: { values: faults },
      mark: { type: "rule", color: "#d62728", strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: { x: { field: "start", type: "quantitative" } },
    });
    if (opts.labels) {
      layers.push({
        data: { values: faults },
        mark: { type: "text", align: "left", baseline: "top", dx: 3, dy: 18, fontSize: 11, color: "#d62728" },
        encoding: { x: { field: "start", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } },
      });
    }
  }
  return layers;
}

/** One panel of a time chart: markers behind a line per series, with the budgets `thresholds` drawn over it. */
export function timePanel(opts: {
  title: string;
  values: readonly Record<string, unknown>[];
  yField: string;
  yTitle: string;
  series: readonly string[];
  domain: [number, number];
  phases: readonly PhaseBand[];
  faults: readonly FaultBand[];
  labels: boolean;
  height?: number;
  yScale?: Record<string, unknown>;
  yAxis?: Record<string, unknown>;
  thresholds?: readonly ThresholdLine[];
  /** Layers drawn over the series (e.g. the partial second's marks). */
  overlays?: readonly Layer[];
}): Layer {
  const height = opts.height ?? 200;
  const top = Math.max(0, ...opts.values.map((v) => Number(v[opts.yField]) || 0));
  const budgets = thresholdLayers(opts.thresholds ?? [], opts.yField, {
    top,
    width: TIME_CHART_WIDTH,
    height,
    positive: opts.yScale?.type === "log",
  });
  return {
    title: { text: opts.title, fontSize: 13 },
    width: TIME_CHART_WIDTH,
    height,
    layer: [
      ...markerLayers(opts.phases, opts.faults, { labels: opts.labels }),
      {
        data: { values: opts.values },
        mark: { type: "line", strokeWidth: 2, point: opts.values.length <= 30 ? { size: 16 } : false },
        encoding: {
          x: {
            field: "t",
            type: "quantitative",
            title: "time since start (s)",
            scale: { domain: opts.domain, nice: false },
          },
          y: {
            field: opts.yField,
            type: "quantitative",
            title: opts.yTitle,
            ...(opts.yScale ? { scale: opts.yScale } : {}),
            ...(opts.yAxis ? { axis: opts.yAxis } : {}),
          },
          color: { field: "series", type: "nominal", title: null, sort: [...opts.series] },
        },
      },
      ...(opts.overlays ?? []),
      ...budgets,
    ],
  };
}

/**
 * Marks of a partial last second on the rate panel: a hollow point per series at its rate scaled to a whole second
 * (the counts of 0.3 s, divided by 0.3 s), and a label saying so, so the run's end does not read as a drop to 0.
 */
function partialSecondLayers(values: readonly Record<string, unknown>[], span: number, t: number): Layer[] {
  const points = values.filter((v) => v.t === t);
  if (points.length === 0) return [];
  const label = `last ${Number(span.toFixed(2))} s: scaled to /s`;
  return [
    {
      data: { values: points },
      mark: { type: "point", filled: false, size: 90, strokeWidth: 1.5, color: "#333333" },
      encoding: { x: { field: "t", type: "quantitative" }, y: { field: "rate", type: "quantitative" } },
    },
    {
      data: { values: [{ t, label }] },
      mark: { type: "text", align: "right", baseline: "top", dy: 4, dx: -2, fontSize: 10, color: "#333333" },
      encoding: { x: { field: "t", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } },
    },
  ];
}

/** Powers of ten covering the values (axis ticks of a log scale: 1, 10, 100 …). */
export function decades(values: readonly number[]): number[] {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return [1];
  const lo = Math.floor(Math.log10(Math.min(...positive)));
  const hi = Math.ceil(Math.log10(Math.max(...positive)));
  const out: number[] = [];
  for (let e = lo; e <= Math.max(hi, lo + 1); e++) out.push(Number((10 ** e).toPrecision(1)));
  return out;
}

/**
 * The latency-and-rate chart: p50, p99 and max of the events completed in each second (ms, log scale), and the
 * offered, sent, delivered and persisted events per second, with phases and faults marked and the budgets drawn.
 * A partial last second (its `span`) is drawn at the middle of the part covered, its counts divided by its span
 * and marked, not as a drop in rate. Undefined when the result has no time series.
 */
export function timelineChartSpec(
  result:
    & Pick<RunResult, "phases" | "faults" | "timeseries" | "durationMs">
    & Partial<Pick<RunResult, "scenario" | "checks">>,
): ChartSpec | undefined {
  if (result.timeseries.length === 0) return undefined;
  const domain = timeDomain(result);
  const phases = phaseBands(result);
  const faults = faultBands(result);
  // Plot each second at the middle of what the run covered of it: the row covers [t, t+1), the last one often only
  // [t, t+span), whose counts are rates once divided by its span.
  const mid = (p: RunResult["timeseries"][number]) => p.t + (p.span ?? 1) / 2;
  const latency = result.timeseries.flatMap((p) =>
    p.max > 0
      ? [
        { t: mid(p), series: "p50", ms: Math.max(p.p50, 1) / 1000 },
        { t: mid(p), series: "p99", ms: Math.max(p.p99, 1) / 1000 },
        { t: mid(p), series: "max", ms: Math.max(p.max, 1) / 1000 },
      ]
      : []
  );
  // Replies of requests are a series of their own: requests are never persisted.
  const rateSeries = ["offered", "sent", "delivered", "persisted", "replied", "errors"] as const;
  const used = rateSeries.filter((s) =>
    (s !== "errors" && s !== "replied") || result.timeseries.some((p) => (p[s] ?? 0) > 0)
  );
  const rates = result.timeseries.flatMap((p) =>
    used.map((s) => ({ t: mid(p), series: s, rate: (p[s] ?? 0) / (p.span ?? 1) }))
  );
  const last = result.timeseries[result.timeseries.length - 1]!;
  const partial = last.span !== undefined ? partialSecondLayers(rates, last.span, mid(last)) : [];
  return asChartSpec({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CHART_CONFIG,
    title: "Latency and rate over time",
    vconcat: [
      timePanel({
        title: "latency of events completed in each second",
        values: latency,
        yField: "ms",
        yTitle: "latency (ms, log)",
        series: ["p50", "p99", "max"],
        domain,
        phases,
        faults,
        labels: true,
        yScale: { type: "log" },
        yAxis: { values: decades(latency.map((v) => v.ms)), format: "~g" },
        // The series holds the latency of events completed (persisted, else delivered) in each second.
        thresholds: latencyThresholdLines(result, COMPLETION_METRICS),
      }),
      timePanel({
        title: "events per second",
        values: rates,
        yField: "rate",
        yTitle: "events/s",
        series: used,
        domain,
        phases,
        faults,
        labels: false,
        thresholds: rateThresholdLines(result),
        overlays: partial,
      }),
    ],
    resolve: { scale: { color: "independent" }, legend: { color: "independent" } },
  });
}

/** The rate budgets the events-per-second panel draws: throughput rates, and `rate` of the event counts. */
export function rateThresholdLines(result: Partial<Pick<RunResult, "scenario" | "checks">>): ThresholdLine[] {
  return thresholdLines(
    result,
    (m, stat) =>
      (m.startsWith("throughput.") && !m.endsWith(".ratio")) || (m.startsWith("events.") && stat.kind === "rate"),
  );
}
