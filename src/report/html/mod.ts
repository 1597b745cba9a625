/**
 * `report.html`: the self-contained, interactive report of a run (uPlot charts inline, tables in HTML).
 * @module
 */
export { CHART_LIBRARY, htmlAssets } from "./assets.ts";
export { escapeHtml, jsonForScript } from "./escape.ts";
export {
  type ChartData,
  type ChartId,
  type HtmlModel,
  htmlModel,
  type ThresholdLine,
  thresholdLines,
} from "./model.ts";
export { type HtmlAssets, type HtmlOptions, renderReportHtml } from "./page.ts";
export { type RunLink } from "./summary.ts";
