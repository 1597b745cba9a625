/**
 * Formatting shared by the CLI, compare and the reports: figures with units, the aligned plain-text table and Markdown tables.
 * @module
 */
export { code, escapeMd, mdTable } from "./markdown-table.ts";
export { textTable } from "./table.ts";
export {
  CHECK_LINE_UNITS,
  formatBytes,
  formatChange,
  formatInUnit,
  formatMicros,
  formatMillis,
  formatNumber,
  formatOffset,
  formatPercent,
  formatRate,
  formatRateShort,
  formatUs,
  REPORT_UNITS,
  SUMMARY_UNITS,
  UNIT_SPACE,
  type UnitStyle,
} from "./units.ts";
