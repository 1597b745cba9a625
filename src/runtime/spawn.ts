/**
 * Starting child processes: TypeScript entries in the same runtime, or arbitrary commands.
 * @module
 */
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import process from "node:process";
import { isDeno } from "./detect.ts";

/**
 * The argv that runs a TypeScript entry file in the current runtime:
 * Deno `[execPath, "run", "-A", entry]`, Node `[execPath, "--import", <tsx>, entry]`.
 */
export function tsEntryArgv(entry: string): string[] {
  if (isDeno) return [process.execPath, "run", "-A", entry];
  return [process.execPath, "--import", import.meta.resolve("tsx"), entry];
}

/** Spawns `argv[0]` with the rest of `argv` as arguments. */
export function spawnArgv(argv: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const [cmd, ...args] = argv;
  if (cmd === undefined) throw new TypeError("Cannot spawn: empty argv");
  return spawn(cmd, args, options);
}

/** Spawns a shell command line (`sh -c`), as a scenario's `command` is written. */
export function spawnShell(command: string, options: SpawnOptions = {}): ChildProcess {
  return spawn("/bin/sh", ["-c", command], options);
}

/** Sends a signal to a process; returns false when it no longer exists. */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Resolves when the child has exited (immediately if it already has). */
export function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}
