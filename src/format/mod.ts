/**
 * Formatting shared by the CLI, compare and the reports: figures with units, and the aligned plain-text table.
 * @module
 */
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
