/**
 * Units a threshold condition may write, per dimension, with their factor to the dimension's canonical unit
 * (µs, events/s, percent, bytes, bytes per hour). Byte units follow SI (KB = 1000 B); KiB, MiB, GiB are binary.
 * @module
 */
import type { Dimension } from "../metrics/catalog.ts";

const SI_BYTES: ReadonlyArray<readonly [string, number]> = [
  ["B", 1],
  ["KB", 1e3],
  ["MB", 1e6],
  ["GB", 1e9],
  ["TB", 1e12],
  ["KiB", 1024],
  ["MiB", 1024 ** 2],
  ["GiB", 1024 ** 3],
  ["TiB", 1024 ** 4],
];

/** Units per dimension and their factor to the canonical unit. */
export const UNITS: Readonly<Record<Dimension, ReadonlyMap<string, number>>> = {
  time: new Map([["us", 1], ["µs", 1], ["ms", 1e3], ["s", 1e6], ["m", 60e6], ["min", 60e6], ["h", 3600e6]]),
  rate: new Map([["/s", 1], ["/min", 1 / 60], ["/h", 1 / 3600]]),
  count: new Map(),
  percent: new Map([["%", 1]]),
  bytes: new Map(SI_BYTES),
  bytesPerHour: new Map([
    ...SI_BYTES.map(([u, f]) => [`${u}/h`, f] as const),
    ...SI_BYTES.map(([u, f]) => [`${u}/min`, f * 60] as const),
  ]),
};

/** Whether a condition on this dimension may omit its unit (then the canonical unit applies). */
export function unitOptional(dimension: Dimension): boolean {
  return dimension === "count" || dimension === "rate";
}

/** The dimension a unit belongs to, or undefined when no dimension knows it. */
export function unitDimension(unit: string): Dimension | undefined {
  for (const [dimension, units] of Object.entries(UNITS) as [Dimension, ReadonlyMap<string, number>][]) {
    if (units.has(unit)) return dimension;
  }
  return undefined;
}

/** A human name for a dimension, for messages (`a time`, `a rate`, ...). */
export function dimensionName(dimension: Dimension): string {
  switch (dimension) {
    case "time":
      return "a time";
    case "rate":
      return "a rate";
    case "count":
      return "a count";
    case "percent":
      return "a percentage";
    case "bytes":
      return "a size in bytes";
    case "bytesPerHour":
      return "a growth rate in bytes per hour";
  }
}

/** What kind of unit a dimension's units are, for messages (`a time unit`, `a size unit`, ...). */
export function unitKind(dimension: Dimension): string {
  switch (dimension) {
    case "time":
      return "a time unit";
    case "rate":
      return "a rate unit";
    case "count":
      return "a count";
    case "percent":
      return "a percent unit";
    case "bytes":
      return "a size unit";
    case "bytesPerHour":
      return "a growth unit (per hour)";
  }
}

/** The units of a dimension, for messages: `us, ms, s`. */
export function unitList(dimension: Dimension): string {
  return [...UNITS[dimension].keys()].join(", ");
}
