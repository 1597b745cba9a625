/**
 * The generator's self-health: the rules that tell "busmark could not offer the load" from a slow service. A run
 * whose schedule lag p99 in a measured open-loop phase exceeds the bound, or whose own CPU saturated, is invalid
 * rather than failed. The rules read the figures of a result, so they apply alike to one run and to the combined
 * view of repeats (where a merged p99 never exceeds the worst run's).
 * @module
 */
import { findMetric } from "../result/find.ts";
import type { RunResult } from "../result/types.ts";
import { hasOpenLoop } from "../scenario/streams.ts";

/** Schedule lag p99 above which busmark itself could not offer the load, µs. */
export const MAX_LAG_P99_US = 20_000;
/** busmark's own average CPU (percent of one core) above which the generator was saturated. */
export const MAX_GENERATOR_CPU = 95;

/** Bounds of the self-health rules (defaults {@link MAX_LAG_P99_US}, {@link MAX_GENERATOR_CPU}). */
export interface HealthBounds {
  maxLagP99Us?: number | undefined;
  maxGeneratorCpu?: number | undefined;
}

/** Why the generator of this result could not offer its load, one reason per broken rule (empty when healthy). */
export function healthReasons(
  result: Pick<RunResult, "phases" | "metrics" | "resources">,
  bounds: HealthBounds = {},
): string[] {
  const reasons: string[] = [];
  const maxLag = bounds.maxLagP99Us ?? MAX_LAG_P99_US;
  const maxCpu = bounds.maxGeneratorCpu ?? MAX_GENERATOR_CPU;
  for (const ph of result.phases) {
    if (ph.kind === "warmup" || !hasOpenLoop(ph.load)) continue;
    const lag = findMetric(result, "latency.schedule", { phase: ph.name })?.summary;
    if (lag !== undefined && lag.count > 0 && lag.p99 > maxLag) {
      reasons.push(
        `phase ${ph.name}: schedule lag p99 ${(lag.p99 / 1000).toFixed(1)} ms > ${
          maxLag / 1000
        } ms — busmark could not offer the load`,
      );
    }
  }
  const ownCpu = result.resources.busmark?.samples ?? [];
  const ownAvg = ownCpu.length ? ownCpu.reduce((s, x) => s + x.cpu, 0) / ownCpu.length : 0;
  if (ownAvg >= maxCpu) {
    reasons.push(`busmark used ${ownAvg.toFixed(0)} % of a core on average — the generator was saturated`);
  }
  return reasons;
}
