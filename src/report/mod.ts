/**
 * Reports of a run: `report.md` with SVG charts, `junit.xml`, the CI job summary, the github-action-benchmark
 * file, and the writers that put them beside `result.json`.
 * @module
 */
export { benchmarkEntries, type BenchmarkEntry, renderBenchmarkAction } from "./benchmark-action.ts";
export { CHART_FILES, type ChartFile, type ChartPlan, planCharts, renderCharts, renderVegaLite } from "./charts/mod.ts";
export { escapeXml, failureText, renderJunit } from "./junit.ts";
export { type ChartLink, renderReportMarkdown } from "./markdown.ts";
export { renderSummaryMarkdown, thresholdTable, verdictBadge, verdictSentence } from "./markdown-summary.ts";
export { code, escapeMd, mdTable } from "../format/markdown-table.ts";
export {
  appendStepSummary,
  BENCHMARK_FILE,
  reportDir,
  type WriteOptions,
  writeRepeatReport,
  writeReportFiles,
  writeRunReport,
} from "./write.ts";
