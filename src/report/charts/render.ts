/**
 * The chart files of a run's report: which charts a result has and their SVG renderings.
 * @module
 */
import type { RunResult } from "../../result/types.ts";
import { latencyThresholdLines, percentileChartSpec, resultDistributions } from "./percentiles.ts";
import { resourceChartSpec } from "./resources.ts";
import { timelineChartSpec } from "./timeline.ts";
import { type ChartSpec, renderVegaLite } from "./vega.ts";

/** A chart of a report: its file name beside `report.md`, its caption, and its spec. */
export interface ChartPlan {
  /** File name, e.g. `latency-percentiles.svg`. */
  file: string;
  /** Caption (alt text and heading in the report). */
  title: string;
  spec: ChartSpec;
}

/** A rendered chart. */
export interface ChartFile {
  file: string;
  title: string;
  svg: string;
}

/** File names of the charts a run report may have. */
export const CHART_FILES = {
  percentiles: "latency-percentiles.svg",
  timeline: "latency-rate-timeline.svg",
  resources: "resources.svg",
} as const;

/** The charts a result has data for (a result without a time series has no timeline, and so on). */
export function planCharts(result: RunResult): ChartPlan[] {
  const out: ChartPlan[] = [];
  const distributions = resultDistributions(result);
  const percentiles = percentileChartSpec(
    distributions,
    "Latency percentile distribution",
    latencyThresholdLines(result, distributions.map((d) => d.name)),
  );
  if (percentiles) {
    out.push({ file: CHART_FILES.percentiles, title: "Latency percentile distribution", spec: percentiles });
  }
  const timeline = timelineChartSpec(result);
  if (timeline) out.push({ file: CHART_FILES.timeline, title: "Latency and rate over time", spec: timeline });
  const resources = resourceChartSpec(result);
  if (resources) out.push({ file: CHART_FILES.resources, title: "CPU and memory over time", spec: resources });
  return out;
}

/** Renders every chart of a plan to SVG. */
export async function renderCharts(plans: readonly ChartPlan[]): Promise<ChartFile[]> {
  const out: ChartFile[] = [];
  for (const p of plans) out.push({ file: p.file, title: p.title, svg: await renderVegaLite(p.spec) });
  return out;
}
