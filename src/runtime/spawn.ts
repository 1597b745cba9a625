/**
 * Starting child processes: TypeScript entries in the same runtime, or arbitrary commands.
 * @module
 */
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import process from "node:process";
import { isDeno } from "./detect.ts";

/**
 * The argv that runs an entry file of this package in the current runtime: Deno `[execPath, "run", "-A", entry]`,
 * Node `[execPath, "--import", <tsx>, entry]` for a TypeScript entry and `[execPath, entry]` for a compiled `.js`
 * one (`ownModuleUrl` in `paths.ts`).
 */
export function tsEntryArgv(entry: string): string[] {
  if (isDeno) return [process.execPath, "run", "-A", entry];
  if (entry.endsWith(".js")) return [process.execPath, entry];
  return [process.execPath, "--import", import.meta.resolve("tsx"), entry];
}

/** Spawns `argv[0]` with the rest of `argv` as arguments. */
export function spawnArgv(argv: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const [cmd, ...args] = argv;
  if (cmd === undefined) throw new TypeError("Cannot spawn: empty argv");
  return spawn(cmd, args, options);
}

/**
 * Spawns a shell command line (`sh -c`), as a scenario's `command` is written. A simple command is run with `exec`
 * so the child's pid is the program's own (its CPU and memory are what gets sampled); with `group`, the child leads
 * a new process group so {@link signalGroup} reaches everything the command started.
 */
export function spawnShell(command: string, options: SpawnOptions = {}, group = false): ChildProcess {
  const simple = !/[;&|()<>`$\n]/.test(command.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, ""));
  return spawn("/bin/sh", ["-c", simple ? `exec ${command}` : command], { ...options, detached: group });
}

/** Sends a signal to a process group led by `pid` (falling back to the process alone); false when gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return signalProcess(pid, signal);
  }
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
