/**
 * A process's memory growth as a report shows it: the result's fit when it carries its window and interval, else
 * (results written before they were recorded) the same fit made again from the process's samples in the measured
 * phases, so an old 12 s result does not read as GB/h either.
 * @module
 */
import { type MemoryGrowth, memoryGrowth } from "../resources/growth.ts";
import type { ResourceProcess, RunResult } from "./types.ts";

/** The growth of `process` with its window and interval where they can be had; undefined without a fit. */
export function reportedGrowth(
  result: Pick<RunResult, "resources" | "phases">,
  process: ResourceProcess,
): MemoryGrowth | undefined {
  const r = result.resources[process];
  const growth = r?.growth;
  if (!r || !growth || growth.seconds !== undefined) return growth;
  const first = result.phases.find((p) => p.kind !== "warmup");
  const from = first ? first.startMs / 1000 : 0;
  const refit = memoryGrowth(r.samples.filter((s) => s.t >= from));
  return refit ? { ...refit, bytesPerHour: growth.bytesPerHour, r2: growth.r2, n: growth.n } : growth;
}
