/**
 * Watching the processes a run involves (the service, nats-server, busmark itself): their CPU and memory sampled
 * once a second for the result, and their CPU time charged to each phase.
 * @module
 */
import type { Clock } from "../load/pacer.ts";
import { natsServerPid, type ResolvedTarget } from "../nats/target.ts";
import { ResourceSampler } from "../resources/sampler.ts";
import { processCpuTimeMs } from "../runtime/cpu-time.ts";
import { sampleProcess } from "../runtime/process-stats.ts";
import { ownPid } from "../runtime/host.ts";
import type { Recorder } from "./recorder.ts";
import type { SystemUnderTest } from "./sut.ts";

/** The run's resource sampler (not started), its times relative to the recorder's run start. */
export function createRunSampler(
  sut: SystemUnderTest,
  target: ResolvedTarget,
  clock: Clock,
  recorder: Recorder,
): ResourceSampler {
  return new ResourceSampler([
    { name: "service", pid: () => sut.pid() },
    { name: "nats", pid: () => natsServerPid(target) },
    { name: "busmark", pid: () => ownPid() },
  ], { intervalMs: 1000, now: () => clock.now() - recorder.runStartMs });
}

/** Total CPU ms so far of every involved process that runs. */
export function involvedCpuNow(sut: SystemUnderTest, target: ResolvedTarget): () => number {
  const involvedPids = () => [sut.pid(), natsServerPid(target), ownPid()];
  return () => involvedPids().reduce<number>((s, pid) => s + (pid ? processCpuTimeMs(pid) ?? 0 : 0), 0);
}

/**
 * Warms up what blocks on first use (pidusage asks `getconf` synchronously; the nats-server pid lookup scans
 * /proc), so none of it stalls the load loop once the run has started.
 */
export async function warmUpSampling(target: ResolvedTarget): Promise<void> {
  natsServerPid(target);
  await sampleProcess(ownPid());
}
