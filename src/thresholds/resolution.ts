/**
 * How sure a percentile threshold can be: a percentile p is resolved only by enough samples beyond it. With n
 * samples, about n·(1 − p/100) lie beyond the p-th percentile; fewer than {@link MIN_BEYOND} of them and the
 * observed value is one or two extreme samples, not a percentile (p99.9 from 300 samples is the maximum). The
 * judge marks such a check, and validation warns when the scenario's rate and duration make it predictable.
 * @module
 */
import type { ScenarioProblem } from "../errors.ts";
import type { Phase, Scenario, Selector, Threshold } from "../scenario/types.ts";
import { MIN_GROWTH_WINDOW_S } from "../resources/growth.ts";

/** Samples expected beyond a percentile for it to be resolved. */
export const MIN_BEYOND = 10;

/** The fewest samples that resolve percentile `p` (0..100): `MIN_BEYOND / (1 − p/100)`, e.g. 10 000 for p99.9. */
export function minSamplesFor(p: number): number {
  return p >= 100 ? Infinity : Math.ceil(MIN_BEYOND / (1 - p / 100) - 1e-6);
}

/** Why `samples` cannot resolve percentile `p`, or undefined when they can. */
export function insufficientReason(p: number, samples: number): string | undefined {
  const needed = minSamplesFor(p);
  if (samples >= needed) return undefined;
  const beyond = samples * (1 - p / 100);
  return `p${p} from ${samples} samples: about ${
    beyond < 1 ? beyond.toFixed(1) : Math.round(beyond)
  } lie beyond it, it needs at least ${needed} samples (${MIN_BEYOND} beyond it) to be resolved`;
}

/** Events a rate offers over `durationMs`: the mean of its start and end rate times the duration. */
function offered(load: { from: number; to: number }, durationMs: number): number {
  return ((load.from + load.to) / 2) * (durationMs / 1000);
}

/**
 * Samples of the selected event (all events when undefined) a phase of several streams will have: the sum over its
 * rate streams; `undefined` when a closed-loop stream sends it (or, for all events, when any stream is closed loop).
 */
function streamSamples(phase: Phase, event: string | undefined): number | undefined {
  if (phase.load.kind !== "streams") return 0;
  let total = 0;
  for (const s of phase.load.streams) {
    const share = event === undefined ? 1 : s.mix.find((m) => m.event === event)?.weight ?? 0;
    if (share === 0) continue;
    if (s.load.kind !== "rate") return undefined;
    total += offered(s.load, phase.durationMs) * share;
  }
  return total;
}

/**
 * The samples a latency threshold's slice will have, when the scenario makes it predictable: every phase of the
 * slice is open-loop (a rate, or rate streams) or a fixed count; `undefined` for closed-loop, micro or idle phases.
 */
export function expectedSamples(scenario: Scenario, selector: Selector): number | undefined {
  const phases = scenario.phases.filter((p) =>
    selector.phase !== undefined ? p.name === selector.phase : p.kind !== "warmup"
  );
  if (phases.length === 0) return undefined;
  let total = 0;
  for (const p of phases) {
    const share = selector.event === undefined ? 1 : p.mix.find((m) => m.event === selector.event)?.weight ?? 0;
    if (p.load.kind === "rate") total += offered(p.load, p.durationMs) * share;
    else if (p.load.kind === "count") total += p.load.count * share;
    else if (p.load.kind === "streams") {
      const n = streamSamples(p, selector.event);
      if (n === undefined) return undefined;
      total += n;
    } else if (p.load.kind !== "idle") return undefined;
  }
  return Math.floor(total);
}

/** True for metrics whose samples are latencies (the ones with a histogram). */
function isLatency(t: Threshold): boolean {
  return t.metric.startsWith("latency.");
}

/**
 * Warnings (not errors: the run still judges them, marked) for percentile conditions the scenario's rate and
 * duration cannot resolve, and memory-growth conditions its measured duration cannot (under
 * {@link MIN_GROWTH_WINDOW_S}), at the condition's position.
 */
export function resolutionWarnings(scenario: Scenario, variant: "full" | "quick"): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const measuredS = scenario.phases.filter((p) => p.kind !== "warmup").reduce((s, p) => s + p.durationMs, 0) / 1000;
  for (const t of scenario.thresholds) {
    if (t.metric.endsWith(".memory.growth") && measuredS < MIN_GROWTH_WINDOW_S) {
      for (const c of t.conditions) {
        out.push({
          file: c.pos.file,
          line: c.pos.line,
          column: c.pos.column,
          path: `/thresholds/${t.key}`,
          kind: "unresolved-growth",
          message: `warning: \`${t.key}: ${c.text}\` cannot be resolved in the ${variant} variant: ${measuredS} s of ` +
            `measured samples, a memory trend needs at least ${MIN_GROWTH_WINDOW_S / 60} min; the check will be ` +
            "flagged `resolution: insufficient` (only a gross leak fails it; budget a slow one over a longer run)",
        });
      }
    }
    if (!isLatency(t)) continue;
    for (const c of t.conditions) {
      if (c.stat.kind !== "percentile") continue;
      const samples = expectedSamples(scenario, t.selector);
      if (samples === undefined) continue;
      const reason = insufficientReason(c.stat.p, samples);
      if (!reason) continue;
      out.push({
        file: c.pos.file,
        line: c.pos.line,
        column: c.pos.column,
        path: `/thresholds/${t.key}`,
        kind: "unresolved-percentile",
        message: `warning: \`${t.key}: ${c.text}\` cannot be resolved in the ${variant} variant: ${reason}; ` +
          "the check will be marked `resolution: insufficient` (run longer or faster, or budget a lower percentile)",
      });
    }
  }
  return out;
}
