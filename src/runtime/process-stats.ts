/**
 * CPU and memory of a process, read through pidusage (on Deno it reads /proc, which needs `-A`).
 * @module
 */
import pidusage from "pidusage";

/** One sample of a process's resource use. */
export interface ProcessSample {
  /** CPU use since the previous sample of this pid, in percent of one core. */
  cpuPercent: number;
  /** Resident set size in bytes. */
  rssBytes: number;
  /** Cumulative CPU time of the process in milliseconds (user + system). */
  cpuTimeMs: number;
}

/** Samples a process; resolves to undefined when it no longer exists. */
export async function sampleProcess(pid: number): Promise<ProcessSample | undefined> {
  try {
    const s = await pidusage(pid);
    return { cpuPercent: s.cpu, rssBytes: s.memory, cpuTimeMs: s.ctime };
  } catch {
    return undefined;
  }
}
