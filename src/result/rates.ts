/**
 * The throughput of a slice split by what its events expect: events sent to be persisted (and the rate persisted),
 * requests (and the rate replied), so a mix with requests never reads as a service falling behind. `persisted 455/s`
 * beside `achieved 500/s` is honest only as `persisted 455/s of 455/s sent to be persisted, replied 45/s of 45/s`:
 * requests are answered, never persisted. Derived from the counts and `throughput.achieved`, so results written
 * before this split render the same way.
 * @module
 */
import { findCounts, findMetric } from "./find.ts";
import type { RunResult } from "./types.ts";

/** A slice's rates, events/s, all over the time `throughput.achieved` is measured on. */
export interface SplitRates {
  offered?: number;
  achieved: number;
  /** Events persisted per second. */
  persisted: number;
  /** Events sent per second that the service is expected to persist (the base of `persisted`). */
  toPersist: number;
  /** Requests sent per second; 0 when the scenario sends none. */
  requests: number;
  /** Requests answered with a (non-error) reply per second. */
  replied: number;
  /** True when every event sent is expected to be persisted (no requests, no fire-and-forget events). */
  allPersist: boolean;
}

/** Names of the scenario's request events. */
export function requestEvents(result: Pick<RunResult, "scenario">): string[] {
  return (result.scenario.normalized?.events ?? []).filter((e) => e.request !== undefined).map((e) => e.name);
}

/**
 * The split rates of the overall measured slice (`phase` undefined) or of one phase; undefined when the result has
 * no achieved throughput or no counts for the slice.
 */
export function splitRates(
  result: Pick<RunResult, "scenario" | "counts" | "metrics">,
  phase?: string,
): SplitRates | undefined {
  const where = phase === undefined ? {} : { phase };
  const achieved = findMetric(result, "throughput.achieved", where)?.value;
  const slice = findCounts(result, where);
  if (achieved === undefined || slice === undefined) return undefined;
  const offered = findMetric(result, "throughput.offered", where)?.value;
  const requests = requestEvents(result);
  const events = result.scenario.normalized?.events ?? [];
  let sentRequests = 0;
  let replied = 0;
  for (const name of requests) {
    // A phase of a single-event scenario has no per-event entry: the phase's counts are that event's.
    const c = findCounts(result, { ...where, event: name }) ?? (events.length === 1 ? slice : undefined);
    sentRequests += c?.published ?? 0;
    replied += c?.delivered ?? 0;
  }
  const per = slice.published > 0 ? achieved / slice.published : 0;
  return {
    ...(offered !== undefined ? { offered } : {}),
    achieved,
    persisted: slice.persisted * per,
    toPersist: slice.expectedPersisted * per,
    requests: sentRequests * per,
    replied: replied * per,
    allPersist: slice.expectedPersisted === slice.published,
  };
}
