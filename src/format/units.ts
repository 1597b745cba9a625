/**
 * Number formatting, the one home of figures-with-units: every figure is shown in the unit a person reads best
 * (µs → ms → s, bytes → MB, events/s), with a precision that keeps tables narrow. Two renderings: the reports'
 * (Markdown and the compare table: trimmed significant figures, a non-breaking space before the unit) and the
 * terminal's short forms (`2.35ms`, `12.3k/s`, no space). A value in a canonical unit of the metric catalogue goes
 * through {@link formatInUnit} with a {@link UnitStyle}. Pure and locale-independent.
 * @module
 */

/** The space between a number and its unit: non-breaking, so table cells never wrap inside a figure. */
export const UNIT_SPACE = "\u00a0";

/** Trims a fixed-point string's trailing zeros (`1.50` → `1.5`, `2.00` → `2`). */
function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** A number with at most `digits` decimals, trailing zeros trimmed. */
export function formatNumber(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  const out = trimZeros(n.toFixed(digits));
  return out === "-0" ? "0" : out;
}

/** Three significant figures, for values whose magnitude varies (`0.123`, `12.3`, `1234`). */
function sig3(n: number): string {
  const a = Math.abs(n);
  if (a >= 100) return formatNumber(n, 0);
  if (a >= 10) return formatNumber(n, 1);
  return formatNumber(n, 2);
}

/** A duration given in µs: `850 µs`, `1.23 ms`, `4.5 s`. */
export function formatMicros(us: number): string {
  if (!Number.isFinite(us)) return String(us);
  const a = Math.abs(us);
  if (a < 1000) return `${sig3(us)}${UNIT_SPACE}µs`;
  if (a < 1_000_000) return `${sig3(us / 1000)}${UNIT_SPACE}ms`;
  return `${sig3(us / 1_000_000)}${UNIT_SPACE}s`;
}

/** A duration given in ms: `12 ms`, `2.5 s`. */
export function formatMillis(ms: number): string {
  return formatMicros(ms * 1000);
}

/** A rate in events per second: `1234/s`, `12.5/s`. */
export function formatRate(perSecond: number): string {
  return `${sig3(perSecond)}/s`;
}

/** A size in bytes: `512 B`, `12.3 KB`, `85.2 MB`, `1.2 GB` (decimal units). */
export function formatBytes(bytes: number): string {
  const a = Math.abs(bytes);
  if (a < 1000) return `${formatNumber(bytes, 0)}${UNIT_SPACE}B`;
  if (a < 1e6) return `${sig3(bytes / 1e3)}${UNIT_SPACE}KB`;
  if (a < 1e9) return `${sig3(bytes / 1e6)}${UNIT_SPACE}MB`;
  return `${sig3(bytes / 1e9)}${UNIT_SPACE}GB`;
}

/** A percentage: `99.5 %`. */
export function formatPercent(percent: number): string {
  return `${sig3(percent)}${UNIT_SPACE}%`;
}

/** A signed relative change given as a fraction: `+12.3 %`, `-4 %`, `0 %`. */
export function formatChange(fraction: number): string {
  if (!Number.isFinite(fraction)) return fraction > 0 ? "+∞" : fraction < 0 ? "-∞" : "n/a";
  const p = fraction * 100;
  const text = sig3(p);
  return `${p > 0 && text !== "0" ? "+" : ""}${text}${UNIT_SPACE}%`;
}

/** Offsets from the run start in ms as seconds: `2.5 s`. */
export function formatOffset(ms: number): string {
  return `${formatNumber(ms / 1000, 2)}${UNIT_SPACE}s`;
}

/** Formats microseconds for the terminal: `850us`, `2.35ms`, `1.20s`; `-` when not finite. */
export function formatUs(us: number): string {
  if (!Number.isFinite(us)) return "-";
  if (us < 1000) return `${Math.round(us)}us`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(2)}ms`;
  return `${(us / 1_000_000).toFixed(2)}s`;
}

/** Formats a rate in events/s for the terminal: `950/s`, `12.3k/s`. */
export function formatRateShort(n: number): string {
  if (n >= 10_000) return `${(n / 1000).toFixed(1)}k/s`;
  return `${Math.round(n)}/s`;
}

/** An integer as is, else fixed-point with `digits` decimals (trailing zeros kept). */
function fixedUnlessInteger(n: number, digits: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

/** How {@link formatInUnit} writes each canonical unit. */
export interface UnitStyle {
  /** `us`: microseconds. */
  micros(us: number): string;
  /** `/s`: events per second. */
  rate(perSecond: number): string;
  /** `%`: a percentage. */
  percent(percent: number): string;
  /** `B`: bytes. */
  bytes(bytes: number): string;
  /** `B/h`: bytes per hour. */
  bytesPerHour(bytesPerHour: number): string;
  /** Any other unit, or none: a plain number. */
  plain(n: number): string;
}

/** The reports' units: `2 ms`, `1235/s`, `5 %`, `85.2 MB`, `50 MB/h`, `0.12` (non-breaking spaces). */
export const REPORT_UNITS: Readonly<UnitStyle> = {
  micros: formatMicros,
  rate: formatRate,
  percent: formatPercent,
  bytes: formatBytes,
  bytesPerHour: (b) => `${formatBytes(b)}/h`,
  plain: (n) => (Number.isInteger(n) ? String(n) : sig3(n)),
};

/** The reports' units with an ASCII space before the unit (`5.62 ms`): for JUnit and other plain-text logs. */
export const PLAIN_REPORT_UNITS: Readonly<UnitStyle> = Object.fromEntries(
  Object.entries(REPORT_UNITS).map((
    [k, f],
  ) => [k, (n: number) => (f as (n: number) => string)(n).replaceAll(UNIT_SPACE, " ")]),
) as unknown as UnitStyle;

/** The end-of-run summary's units: `2.35ms`, `12.3k/s`, `37.21%`, `85.2MB`, `1.25MB/h`, `0.123`. */
export const SUMMARY_UNITS: Readonly<UnitStyle> = {
  micros: formatUs,
  rate: formatRateShort,
  percent: (p) => `${p.toFixed(2)}%`,
  bytes: (b) => `${(b / 1e6).toFixed(1)}MB`,
  bytesPerHour: (b) => `${(b / 1e6).toFixed(2)}MB/h`,
  plain: (n) => fixedUnlessInteger(n, 3),
};

/** The units of `run --all`'s failed-check lines: as {@link SUMMARY_UNITS} but `12345.68/s`, `1.3MB/h`, `0.12`. */
export const CHECK_LINE_UNITS: Readonly<UnitStyle> = {
  ...SUMMARY_UNITS,
  rate: (n) => `${fixedUnlessInteger(n, 2)}/s`,
  bytesPerHour: (b) => `${(b / 1e6).toFixed(1)}MB/h`,
  plain: (n) => fixedUnlessInteger(n, 2),
};

/**
 * A value in a canonical unit of the metric catalogue (`us`, `/s`, `%`, `B`, `B/h`, or empty for plain numbers) in
 * `style` (default {@link REPORT_UNITS}); `null` reads `no data`.
 */
export function formatInUnit(value: number | null, unit: string, style: Readonly<UnitStyle> = REPORT_UNITS): string {
  if (value === null) return "no data";
  switch (unit) {
    case "us":
      return style.micros(value);
    case "/s":
      return style.rate(value);
    case "%":
      return style.percent(value);
    case "B":
      return style.bytes(value);
    case "B/h":
      return style.bytesPerHour(value);
    default:
      return style.plain(value);
  }
}
