/**
 * Closed-loop driver: N workers, each sends one event, waits for it to complete (persisted, delivered or replied),
 * optionally thinks, and sends the next. Latency is measured from the call. Also runs fixed-count phases: the
 * workers share a counter and stop when it is spent.
 * @module
 */
import type { Clock } from "../../load/pacer.ts";
import type { RunContext, SendFn } from "../context.ts";
import type { PlannedPhase, PlannedStream } from "../plan.ts";

/** A worker without think time yields one event-loop turn after at most this long without one, ms. */
const YIELD_EVERY_MS = 1;

/** How long a closed-loop worker waits for its event before counting it and moving on, ms. */
export const COMPLETION_TIMEOUT_MS = 5000;

/**
 * Runs `workers` closed-loop workers until `endMs` (clock time) or until `limit` events have been sent.
 * Think time is waited between events and never timed. Events come from the phase's mix, or from one of its
 * streams' (`source`).
 */
export async function runClosedLoop(
  ctx: RunContext,
  phase: PlannedPhase,
  senders: readonly SendFn[],
  clock: Clock,
  opts: { workers: number; thinkTimeMs: number; endMs: number; limit?: number },
  source: Pick<PlannedStream, "choose"> = phase,
): Promise<void> {
  let remaining = opts.limit ?? Number.POSITIVE_INFINITY;
  const p = phase.index;
  const worker = async () => {
    let yielded = clock.now();
    while (remaining > 0 && !ctx.signal.aborted && clock.now() < opts.endMs) {
      remaining--;
      const e = source.choose();
      const t = clock.now();
      ctx.recorder.series.count("offered", t - ctx.recorder.runStartMs);
      const id = senders[e]!(e, p, t);
      if (id >= 0) {
        const left = opts.endMs - clock.now();
        await ctx.tracker.waitFor(id, Math.max(1, Math.min(COMPLETION_TIMEOUT_MS, left)));
      }
      if (opts.thinkTimeMs > 0) {
        await clock.wait(opts.thinkTimeMs);
        yielded = clock.now();
      } else if (clock.now() - yielded >= YIELD_EVERY_MS) {
        // An event that completes before its wait (a publish error, a synchronous write) resolves in the microtask
        // queue: without this turn a worker would spin there and starve timers, I/O and the phase's other streams.
        await clock.wait(0);
        yielded = clock.now();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.workers) }, worker));
}

/**
 * Sends a fixed count as fast as possible without waiting for completions (a burst), yielding to the event loop
 * every `chunk` events so the connection can flush. Each event's latency counts from its own send call.
 */
export async function runBurst(
  ctx: RunContext,
  phase: PlannedPhase,
  senders: readonly SendFn[],
  clock: Clock,
  opts: { count: number; endMs: number; chunk?: number },
): Promise<void> {
  const chunk = opts.chunk ?? 256;
  const p = phase.index;
  let sent = 0;
  while (sent < opts.count && !ctx.signal.aborted && clock.now() < opts.endMs) {
    const n = Math.min(chunk, opts.count - sent);
    for (let i = 0; i < n; i++) {
      const e = phase.choose();
      const t = clock.now();
      ctx.recorder.series.count("offered", t - ctx.recorder.runStartMs);
      senders[e]!(e, p, t);
    }
    sent += n;
    await clock.wait(0);
  }
}
