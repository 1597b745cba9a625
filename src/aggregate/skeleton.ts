/**
 * The frame of a result (identity, scenario, environment, phases) and the light results the once-a-second tick
 * judges `abortOnFail` thresholds on: the frame (with its scenario hash) is built once per run, each tick only
 * swaps in the latest figures.
 * @module
 */
import type { MetricEntry, RunResult } from "../result/types.ts";
import { runtimeInfo } from "../runtime/detect.ts";
import { machineInfo } from "../runtime/host.ts";
import { busmarkVersion, sha256Hex } from "../runtime/identity.ts";
import type { RunContext } from "../run/context.ts";
import type { Scenario } from "../scenario/types.ts";
import { countEntries } from "./entries.ts";

/**
 * A maker of light results for mid-run threshold checks (no histograms encoded, no resources): the frame is built
 * once, each call fills in the given metrics and the current counts.
 */
export function partialResults(ctx: RunContext, scenario: Scenario): (metrics: MetricEntry[]) => RunResult {
  const frame = skeleton(scenario, ctx.plan.seed, ctx.runId);
  // Mid-run, an event not confirmed yet is in flight (unsettled), not lost.
  return (metrics) => ({ ...frame, metrics, counts: countEntries(ctx, false) });
}

/**
 * The frame of a result before anything was measured: identity, scenario (with its hash), environment and phases.
 * Every figure is empty and the verdict is provisional until the judge sets it.
 */
export function skeleton(scenario: Scenario, seed: number, runId: string): RunResult {
  const rt = runtimeInfo();
  const machine = machineInfo();
  return {
    schemaVersion: 1,
    runId,
    status: "completed",
    invalidReasons: [],
    verdict: "pass",
    scenario: {
      name: scenario.name,
      file: scenario.file,
      hash: sha256Hex(JSON.stringify(scenario)),
      quick: scenario.quick,
      seed,
      normalized: scenario,
    },
    environment: {
      runtime: rt.name,
      runtimeVersion: rt.version,
      os: machine.os,
      cpuModel: machine.cpuModel,
      cpus: machine.cpus,
      natsServerVersion: "unknown",
      busmarkVersion: busmarkVersion(),
      hostname: machine.hostname,
    },
    target: { url: "", embedded: false },
    service: { kind: scenario.service.kind, prefix: scenario.service.prefix, confirm: "none" },
    startedAt: new Date(0).toISOString(),
    endedAt: new Date(0).toISOString(),
    durationMs: 0,
    phases: scenario.phases.map((p) => ({
      name: p.name,
      kind: p.kind,
      startMs: p.startMs,
      durationMs: p.durationMs,
      load: p.load,
    })),
    metrics: [],
    counts: [],
    timeseries: [],
    resources: {},
    faults: [],
    micro: [],
    checks: [],
    notes: [],
  };
}
