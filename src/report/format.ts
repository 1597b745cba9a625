/**
 * Number formatting for reports: every figure is shown in the unit a person reads best (µs → ms → s, bytes → MB,
 * events/s), with a precision that keeps tables narrow. Pure and locale-independent.
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

/**
 * A value in a canonical unit of the metric catalogue (`us`, `/s`, `%`, `B`, `B/h`, or empty for plain numbers);
 * `null` reads `no data`.
 */
export function formatInUnit(value: number | null, unit: string): string {
  if (value === null) return "no data";
  switch (unit) {
    case "us":
      return formatMicros(value);
    case "/s":
      return formatRate(value);
    case "%":
      return formatPercent(value);
    case "B":
      return formatBytes(value);
    case "B/h":
      return `${formatBytes(value)}/h`;
    default:
      return Number.isInteger(value) ? String(value) : sig3(value);
  }
}

/** Offsets from the run start in ms as seconds: `2.5 s`. */
export function formatOffset(ms: number): string {
  return `${formatNumber(ms / 1000, 2)}${UNIT_SPACE}s`;
}
