/**
 * Micro phases: mitata measures one hot-path operation at a time (one direct insert, one publish call with its
 * encoding, one encoding alone, one request round trip) and reports per-operation statistics in nanoseconds.
 * These measure a call's own cost, not end-to-end latency, and the report labels them so.
 * @module
 */
import { measure } from "mitata";
import type { MicroResult } from "../../result/types.ts";
import type { MicroBench } from "../../scenario/types.ts";
import { summarizeNumbers } from "../../aggregate/entries.ts";

/** Per-operation statistics of one micro benchmark, in nanoseconds (the result's own type). */
export type { MicroResult } from "../../result/types.ts";

const EMPTY = {
  avgNs: 0,
  stddevNs: 0,
  p50Ns: 0,
  p90Ns: 0,
  p95Ns: 0,
  p99Ns: 0,
  p999Ns: 0,
  minNs: 0,
  maxNs: 0,
  samples: 0,
};

/** One operation per micro-bench kind, compiled for an event type. Async ops are awaited by mitata. */
export type MicroOps = (bench: MicroBench) => (() => unknown) | undefined;

/**
 * Runs each bench for an equal share of `budgetMs` (at least 50 ms each). A bench whose op is unavailable in this
 * run (e.g. a request without a service) is skipped with a zero-sample result.
 */
export async function runMicro(
  benches: readonly MicroBench[],
  ops: MicroOps,
  budgetMs: number,
): Promise<MicroResult[]> {
  const share = Math.max(50, budgetMs / Math.max(1, benches.length));
  const out: MicroResult[] = [];
  for (const bench of benches) {
    const fn = ops(bench);
    if (!fn) {
      out.push({ name: bench.name, op: bench.op, event: bench.event, ...EMPTY });
      continue;
    }
    const stats = await measure(fn, { min_cpu_time: share * 0.8 * 1e6, max_samples: 1e6 });
    // Exact percentiles from mitata's per-sample times (ns per operation).
    const s = summarizeNumbers(stats.samples);
    out.push({
      name: bench.name,
      op: bench.op,
      event: bench.event,
      avgNs: s.avg,
      stddevNs: s.stddev,
      p50Ns: s.p50,
      p90Ns: s.p90,
      p95Ns: s.p95,
      p99Ns: s.p99,
      p999Ns: s.p999,
      minNs: s.min,
      maxNs: s.max,
      samples: s.count,
    });
  }
  return out;
}
