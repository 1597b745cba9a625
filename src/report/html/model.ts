/**
 * The data `report.html`'s charts draw, derived from a result: column arrays a chart library plots directly (one
 * shared x array, one array per series, `null` where a series has no value), the phase and fault bands, the
 * threshold lines each chart carries, and for a repeat every run's series side by side. A pure function of the
 * results; the page serializes it as JSON and the browser script reads it.
 * @module
 */
import type { ResourceProcess, RunResult } from "../../result/types.ts";
import { thresholdKeyOf } from "../../result/side.ts";
import type { Condition, Stat } from "../../scenario/types.ts";
import { distributionCurve, resultDistributions } from "../charts/percentiles.ts";
import { faultBands, phaseBands, timeDomain } from "../charts/timeline.ts";

/** A chart of the page, by the id its container and threshold lines use. */
export type ChartId = "percentiles" | "latency" | "rate" | "cpu" | "rss" | "runs-latency" | "runs-rate";

/** A series of a chart: its label and its values (aligned with the chart's x array). */
export interface SeriesData {
  label: string;
  values: (number | null)[];
}

/** One chart: its x values (seconds since the start, or `1 / (1 - q)` for percentiles), its series, its y unit. */
export interface ChartData {
  id: ChartId;
  title: string;
  x: number[];
  series: SeriesData[];
  /** Unit of the y values as the tooltip prints them: `ms`, `/s`, `%`, `MB`. */
  unit: string;
  /** Log-scaled y axis. */
  logY?: boolean;
}

/** A threshold drawn on a chart: a horizontal line at `value` (chart units), over `[from, to]` seconds if given. */
export interface ThresholdLine {
  chart: ChartId;
  value: number;
  /** The check as written, e.g. `latency.persisted p95 < 10ms`. */
  label: string;
  pass: boolean;
  /** The phase a selector limits the line to (seconds since the run start). */
  from?: number;
  to?: number;
}

/** Everything the page's script draws. */
export interface HtmlModel {
  /** The time axis domain, seconds. */
  domain: [number, number];
  phases: { name: string; start: number; end: number; warmup: boolean }[];
  faults: { label: string; start: number; end: number }[];
  /** Start of the last second when it was cut short by the run's end (its counts cover less than 1 s). */
  partialFrom?: number;
  charts: ChartData[];
  thresholds: ThresholdLine[];
}

const US_PER_MS = 1000;
const BYTES_PER_MB = 1e6;
const PROCESSES: readonly [ResourceProcess, string][] = [
  ["service", "service"],
  ["nats", "nats-server"],
  ["busmark", "busmark"],
];

/** The union of several sorted x arrays, and each series re-aligned to it (`null` where it has no point). */
export function alignSeries(parts: readonly { label: string; x: readonly number[]; y: readonly number[] }[]): {
  x: number[];
  series: SeriesData[];
} {
  const x = [...new Set(parts.flatMap((p) => p.x))].sort((a, b) => a - b);
  const index = new Map(x.map((v, i) => [v, i]));
  const series = parts.map((p) => {
    const values: (number | null)[] = new Array(x.length).fill(null);
    p.x.forEach((xv, i) => (values[index.get(xv)!] = p.y[i]!));
    return { label: p.label, values };
  });
  return { x, series };
}

/** Rounds to 4 significant figures, so the embedded JSON stays small without changing what a reader sees. */
function round(n: number): number {
  return Number(n.toPrecision(4));
}

/** Where a series second is plotted: the middle of the part of it the run covered (all of it but the last). */
function midpoint(p: RunResult["timeseries"][number]): number {
  return round(p.t + (p.span ?? 1) / 2);
}

function latencyChart(result: RunResult): ChartData | undefined {
  const rows = result.timeseries;
  if (rows.length === 0) return undefined;
  const ms = (us: number, max: number) => (max > 0 ? round(Math.max(us, 1) / US_PER_MS) : null);
  return {
    id: "latency",
    title: "Latency of the events completed in each second",
    x: rows.map(midpoint),
    series: [
      { label: "p50", values: rows.map((p) => ms(p.p50, p.max)) },
      { label: "p99", values: rows.map((p) => ms(p.p99, p.max)) },
      { label: "max", values: rows.map((p) => ms(p.max, p.max)) },
    ],
    unit: "ms",
    logY: true,
  };
}

function rateChart(result: RunResult): ChartData | undefined {
  const rows = result.timeseries;
  if (rows.length === 0) return undefined;
  const fields = ["offered", "sent", "delivered", "persisted", "errors"] as const;
  const used = fields.filter((f) => f !== "errors" || rows.some((p) => p.errors > 0));
  return {
    id: "rate",
    title: "Events per second",
    x: rows.map(midpoint),
    // A partial last second (its `span`) is scaled to a rate, as the SVG timeline draws it, not shown as a drop.
    series: used.map((f) => ({ label: f, values: rows.map((p) => round(p[f] / (p.span ?? 1))) })),
    unit: "/s",
  };
}

function percentileChart(result: RunResult): ChartData | undefined {
  const curves = resultDistributions(result).map((d) => ({ name: d.name, points: distributionCurve(d) }))
    .filter((c) => c.points.length > 0);
  if (curves.length === 0) return undefined;
  const { x, series } = alignSeries(
    curves.map((c) => ({ label: c.name, x: c.points.map((p) => round(p.x)), y: c.points.map((p) => round(p.ms)) })),
  );
  return { id: "percentiles", title: "Latency percentile distribution", x, series, unit: "ms" };
}

function resourceCharts(result: RunResult): ChartData[] {
  const sampled = PROCESSES.filter(([p]) => (result.resources[p]?.samples.length ?? 0) > 0);
  if (sampled.length === 0) return [];
  const samples = (p: ResourceProcess) => result.resources[p]!.samples;
  const cpu = alignSeries(
    sampled.map(([p, label]) => ({ label, x: samples(p).map((s) => s.t), y: samples(p).map((s) => round(s.cpu)) })),
  );
  const rss = alignSeries(
    sampled.map(([p, label]) => ({
      label,
      x: samples(p).map((s) => s.t),
      y: samples(p).map((s) => round(s.rss / BYTES_PER_MB)),
    })),
  );
  return [
    { id: "cpu", title: "CPU (% of one core)", ...cpu, unit: "%" },
    { id: "rss", title: "Resident memory", ...rss, unit: "MB" },
  ];
}

/** Latency statistics whose bound reads on a latency axis. */
const LATENCY_STATS: ReadonlySet<Stat["kind"]> = new Set(["avg", "min", "max", "percentile"]);

/** The chart a condition is drawn on and its bound in that chart's unit; undefined when no chart shows it. */
export function thresholdPlacement(metric: string, c: Pick<Condition, "stat" | "value">): {
  charts: ChartId[];
  value: number;
} | undefined {
  if (metric.startsWith("latency.") && metric !== "latency.schedule" && LATENCY_STATS.has(c.stat.kind)) {
    return { charts: ["percentiles", "latency", "runs-latency"], value: c.value / US_PER_MS };
  }
  if (/^throughput\.(offered|achieved|delivered|persisted)$/.test(metric)) {
    return { charts: ["rate", "runs-rate"], value: c.value };
  }
  if (/^(service|nats|busmark)\.cpu$/.test(metric)) return { charts: ["cpu"], value: c.value };
  if (/^(service|nats|busmark)\.memory$/.test(metric)) return { charts: ["rss"], value: c.value / BYTES_PER_MB };
  return undefined;
}

/**
 * The threshold lines of a result: every check whose condition a chart shows, on the charts that show it. An A/B
 * experiment's charts show B's rounds (A's when B finished none), so the lines are that side's checks.
 */
export function thresholdLines(result: RunResult): ThresholdLine[] {
  const out: ThresholdLine[] = [];
  const charted = result.checks.some((c) => c.side === "b") ? "b" : "a";
  for (const check of result.checks) {
    if (check.side !== undefined && check.side !== charted) continue;
    const key = thresholdKeyOf(check);
    const threshold = result.scenario.normalized.thresholds.find((t) => t.key === key);
    const condition = threshold?.conditions.find((c) => c.text === check.condition);
    if (!condition) continue;
    const placed = thresholdPlacement(check.metric, condition);
    if (!placed) continue;
    const phase = check.selector.phase !== undefined
      ? result.phases.find((p) => p.name === check.selector.phase)
      : undefined;
    const span = phase ? { from: phase.startMs / 1000, to: (phase.startMs + phase.durationMs) / 1000 } : {};
    for (const chart of placed.charts) {
      out.push({ chart, value: placed.value, label: `${check.key} ${check.condition}`, pass: check.pass, ...span });
    }
  }
  return out;
}

/** Start of the last series second when the run ended inside it (so it holds less than a second of counts). */
export function partialSecond(result: Pick<RunResult, "timeseries" | "durationMs">): number | undefined {
  const last = result.timeseries[result.timeseries.length - 1];
  if (!last) return undefined;
  if (last.span !== undefined) return last.span < 1 ? last.t : undefined;
  return result.durationMs / 1000 < last.t + 1 ? last.t : undefined;
}

/** A run shown beside others, with the label its series get (default: its run id). */
export interface LabelledRun {
  result: RunResult;
  label?: string;
}

/**
 * Runs side by side (a repeat's, or the rounds of `ab`): each run's p99 per second and its persisted (or delivered)
 * rate, one series per run.
 */
export function runCharts(runs: readonly LabelledRun[]): ChartData[] {
  const withSeries = runs.filter((r) => r.result.timeseries.length > 0);
  if (withSeries.length === 0) return [];
  const latency = alignSeries(withSeries.map(({ result: r, label }) => {
    const rows = r.timeseries.filter((p) => p.max > 0);
    return { label: label ?? r.runId, x: rows.map((p) => p.t + 0.5), y: rows.map((p) => round(p.p99 / US_PER_MS)) };
  }));
  const persists = withSeries.some((r) => r.result.timeseries.some((p) => p.persisted > 0));
  const field = persists ? "persisted" : "delivered";
  const rate = alignSeries(withSeries.map(({ result: r, label }) => ({
    label: label ?? r.runId,
    x: r.timeseries.map((p) => p.t + 0.5),
    y: r.timeseries.map((p) => p[field]),
  })));
  return [
    { id: "runs-latency", title: "p99 latency per second, each run", ...latency, unit: "ms", logY: true },
    { id: "runs-rate", title: `${field} events per second, each run`, ...rate, unit: "/s" },
  ];
}

/**
 * The chart model of a result; with `runs` (a repeat's runs) their side-by-side charts too. With `only: "runs"`
 * just those (a page of runs side by side, whose phases and thresholds come from `result`, the first run).
 */
export function htmlModel(
  result: RunResult,
  runs: readonly LabelledRun[] = [],
  opts: { only?: "runs" } = {},
): HtmlModel {
  const domains = [result, ...runs.map((r) => r.result)].map((r) => timeDomain(r)[1]);
  const own = opts.only === "runs"
    ? []
    : [percentileChart(result), latencyChart(result), rateChart(result), ...resourceCharts(result)];
  const charts = own.filter((c): c is ChartData => c !== undefined);
  charts.push(...runCharts(runs));
  const ids = new Set(charts.map((c) => c.id));
  const model: HtmlModel = {
    domain: [0, Math.max(...domains)],
    phases: phaseBands(result).map((p, i) => ({
      name: p.name,
      start: p.start,
      end: p.end,
      warmup: result.phases[i]?.kind === "warmup",
    })),
    faults: faultBands(result),
    charts,
    thresholds: thresholdLines(result).filter((l) => ids.has(l.chart)),
  };
  const partial = opts.only === "runs" ? undefined : partialSecond(result);
  if (partial !== undefined) model.partialFrom = partial;
  return model;
}
