/**
 * `report.md`: the verdict and threshold table first, then latency, events (and reply checks) and throughput, faults and recovery,
 * resource usage, micro benchmarks, the environment and the command that reproduces the run. Charts are SVG files
 * beside the report, embedded by relative links (GitHub renders them when browsing the report). A pure function of
 * the result.
 * @module
 */
import type { RunResult } from "../result/types.ts";
import { CHART_FILES } from "./charts/render.ts";
import { countsTable, latencyTables, throughputTable } from "./markdown-load.ts";
import { replyChecksSection } from "./markdown-replies.ts";
import { renderSummaryMarkdown } from "./markdown-summary.ts";
import {
  environmentSection,
  faultsSection,
  microSection,
  reproduceSection,
  resourcesSection,
} from "./markdown-system.ts";

/** A chart the report links to: its file name beside `report.md` and its caption. */
export interface ChartLink {
  file: string;
  title: string;
}

function image(charts: readonly ChartLink[], file: string): string | undefined {
  const c = charts.find((x) => x.file === file);
  return c ? `![${c.title}](${encodeURI(c.file)})` : undefined;
}

function section(title: string, ...blocks: (string | undefined)[]): string {
  const body = blocks.filter((b): b is string => b !== undefined && b.trim() !== "");
  return body.length === 0 ? "" : [`## ${title}`, "", ...body.flatMap((b) => [b.trimEnd(), ""])].join("\n");
}

/**
 * Renders `report.md` for a result. `charts` lists the chart files written beside the report (see
 * `planCharts`); only those are linked.
 */
export function renderReportMarkdown(result: RunResult, charts: readonly ChartLink[] = []): string {
  const sections = [
    renderSummaryMarkdown(result),
    section(
      "Latency",
      image(charts, CHART_FILES.percentiles),
      latencyTables(result) || "_No latency was recorded._",
    ),
    section("Events", countsTable(result) || "_No events were sent._"),
    section("Reply checks", replyChecksSection(result)),
    section("Throughput", throughputTable(result), image(charts, CHART_FILES.timeline)),
    section("Faults and recovery", faultsSection(result)),
    section("Resource usage", resourcesSection(result), image(charts, CHART_FILES.resources)),
    section("Micro benchmarks", microSection(result)),
    section("Environment", environmentSection(result)),
    section("Reproduce", reproduceSection(result)),
  ];
  return `${sections.filter((s) => s !== "").map((s) => s.trimEnd()).join("\n\n")}\n`;
}
