/**
 * The sides of an A/B experiment's checks: a threshold judged on side A's or B's rounds is listed under its key
 * tagged `[A] ` or `[B] `, so the scenario's threshold it was judged against is found by taking the tag off.
 * @module
 */
import type { ThresholdCheck } from "./types.ts";

/** A side of an A/B experiment whose rounds a threshold is judged on. */
export type AbSideName = "a" | "b";

/** The tag a side's checks carry before their key: `[A] `, `[B] `. */
export function sideTag(side: AbSideName): string {
  return `[${side.toUpperCase()}] `;
}

/** The key of the scenario's threshold a check was judged against: its key without its side's tag. */
export function thresholdKeyOf(check: Pick<ThresholdCheck, "key" | "side">): string {
  if (check.side !== "a" && check.side !== "b") return check.key;
  const tag = sideTag(check.side);
  return check.key.startsWith(tag) ? check.key.slice(tag.length) : check.key;
}
