/**
 * How memory growth reads in reports: a rate per hour with its 95 % interval when the window resolves it, else
 * "not resolvable in a 12 s run" with the interval alone, never a rate per hour that only measures garbage not
 * collected yet (see `MIN_GROWTH_WINDOW_S` in src/resources/growth.ts).
 * @module
 */
import { growthResolvable } from "../resources/growth.ts";
import { formatInUnit, REPORT_UNITS, type UnitStyle } from "./units.ts";

/** A growth fit as reports read it (a result's `MemoryGrowth`, or a check's window and interval). */
export interface GrowthFigures {
  bytesPerHour: number;
  low?: number | undefined;
  high?: number | undefined;
  /** Seconds of samples fitted; unknown in older results (then the rate is printed with no interval). */
  seconds?: number | undefined;
}

/** `95 % CI −3.1 GB/h … 23 GB/h` (empty without an interval). */
export function growthInterval(g: GrowthFigures, style: Readonly<UnitStyle> = REPORT_UNITS): string {
  if (g.low === undefined || g.high === undefined) return "";
  return `95 % CI ${style.bytesPerHour(g.low)} … ${style.bytesPerHour(g.high)}`;
}

/** Whether the figures' window is known and too short to resolve a growth rate. */
export function growthUnresolved(g: Pick<GrowthFigures, "seconds">): boolean {
  return g.seconds !== undefined && !growthResolvable(g.seconds);
}

/** A window's length for people: `12 s` (whole seconds) up to two minutes, then `4.5 min`. */
export function windowText(seconds: number): string {
  return seconds < 120 ? `${Math.round(seconds)} s` : `${Number((seconds / 60).toFixed(1))} min`;
}

/**
 * A growth as text: `12 MB/h (95 % CI 8 MB/h … 16 MB/h)` when resolved, `not resolvable in a 12 s run (95 % CI …)`
 * when the window is too short; `extra` (e.g. `r² 0.9, n 10`) joins the parenthesis.
 */
export function formatGrowth(g: GrowthFigures, style: Readonly<UnitStyle> = REPORT_UNITS, extra = ""): string {
  const inside = [growthInterval(g, style), extra].filter((s) => s !== "").join("; ");
  const note = inside ? ` (${inside})` : "";
  if (growthUnresolved(g)) return `not resolvable in a ${windowText(g.seconds!)} run${note}`;
  return `${style.bytesPerHour(g.bytesPerHour)}${note}`;
}

/** The fields of a threshold check {@link formatObserved} reads. */
export interface ObservedCheck {
  metric: string;
  observed: number | null;
  unit: string;
  windowS?: number | undefined;
  interval?: { low: number; high: number } | undefined;
  /** `b-vs-a`: an A/B budget, whose observed value is B's change against A in percent. */
  side?: string | undefined;
}

/** A signed percentage in `style`: `+173 %`. */
function signedPercent(percent: number, style: Readonly<UnitStyle>): string {
  return `${percent > 0 ? "+" : ""}${style.percent(percent)}`;
}

/**
 * A check's observed value in `style`: memory growth through {@link formatGrowth} (so a 12 s run never reads as
 * GB/h), an A/B budget as a signed change with its interval, anything else as {@link formatInUnit}.
 */
export function formatObserved(c: ObservedCheck, style: Readonly<UnitStyle> = REPORT_UNITS): string {
  if (c.side === "b-vs-a" && c.observed !== null) {
    const interval = c.interval
      ? ` (95 % CI ${signedPercent(c.interval.low, style)} … ${signedPercent(c.interval.high, style)})`
      : "";
    return `${signedPercent(c.observed, style)}${interval}`;
  }
  if (c.observed === null || !c.metric.endsWith(".memory.growth") || c.unit !== "B/h") {
    return formatInUnit(c.observed, c.unit, style);
  }
  return formatGrowth(
    { bytesPerHour: c.observed, low: c.interval?.low, high: c.interval?.high, seconds: c.windowS },
    style,
  );
}
