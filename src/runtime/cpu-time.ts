/**
 * Cumulative CPU time of a process, read exactly from /proc (Linux) or, for this process, from the runtime.
 * Used to charge CPU to phases without disturbing the periodic sampler's readings.
 * @module
 */
import { readFileSync } from "node:fs";
import process from "node:process";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) a process has used so far, in ms; undefined when it cannot be read. */
export function processCpuTimeMs(pid: number): number | undefined {
  if (pid === process.pid) {
    try {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    } catch {
      // fall through to /proc
    }
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
