/**
 * The host process: arguments, environment, standard streams, signals, exit. The core reaches the process
 * only through these functions.
 * @module
 */
import { readFileSync } from "node:fs";
import { cpus, hostname, platform, release } from "node:os";
import process from "node:process";
import { watchParent } from "./parent-watch.ts";

/** Command-line arguments after the script name. */
export function commandArgs(): string[] {
  return process.argv.slice(2);
}

/** Reads an environment variable. */
export function getEnv(name: string): string | undefined {
  return process.env[name];
}

/** All environment variables (a copy). */
export function allEnv(): Record<string, string | undefined> {
  return { ...process.env };
}

/** The current working directory. */
export function currentDir(): string {
  return process.cwd();
}

/** This process's id. */
export function ownPid(): number {
  return process.pid;
}

type Sink = (text: string) => void;
let outSink: Sink | undefined;
let errSink: Sink | undefined;

/** Writes text to standard output (or to the sink installed by {@link redirectOutput}). */
export function writeOut(text: string): void {
  if (outSink) outSink(text);
  else process.stdout.write(text);
}

/** Writes text to standard error (or to the sink installed by {@link redirectOutput}). */
export function writeErr(text: string): void {
  if (errSink) errSink(text);
  else process.stderr.write(text);
}

/**
 * Sends what busmark writes through {@link writeOut}/{@link writeErr} to the given functions until the returned
 * function is called (tests run the CLI in-process this way without touching the real streams).
 */
export function redirectOutput(out: Sink, err: Sink): () => void {
  outSink = out;
  errSink = err;
  return () => {
    outSink = undefined;
    errSink = undefined;
  };
}

/** True when standard output is an interactive terminal. */
export function stdoutIsTTY(): boolean {
  return process.stdout.isTTY === true;
}

/** Sets the exit code the process will end with. */
export function setExitCode(code: number): void {
  process.exitCode = code;
}

/** Ends the process now with `code`. */
export function exitNow(code: number): never {
  process.exit(code);
}

/** The signals that end busmark early: an interrupt, a termination request, a hangup (or the parent's exit). */
export type TerminationSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

/**
 * Whether SIGHUP was ignored when this process started (`nohup`): then neither a hangup nor the parent's exit
 * should stop it. Read from `/proc/self/status` (Linux); elsewhere assumed not ignored.
 */
function hangupIgnored(): boolean {
  try {
    const line = readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith("SigIgn:"));
    return line !== undefined && (BigInt(`0x${line.slice(7).trim()}`) & 1n) === 1n;
  } catch {
    return false;
  }
}

const hangupsIgnored = hangupIgnored();

/**
 * Registers a handler for SIGINT, SIGTERM and SIGHUP (unless started under `nohup`); returns a function that removes
 * it. With `watchWrapper`, what a wrapper swallows counts too (see `parent-watch.ts`): the exit of the process that
 * started this one is a hangup, and a signal its `sh -c` wrapper caught without passing it on (the SIGINT npm
 * forwards to the shell `npx busmark` runs through) an interrupt.
 */
export function onTerminate(
  handler: (signal: TerminationSignal) => void,
  opts: { watchWrapper?: boolean } = {},
): () => void {
  const signals: TerminationSignal[] = hangupsIgnored ? ["SIGINT", "SIGTERM"] : ["SIGINT", "SIGTERM", "SIGHUP"];
  const listeners = signals.map((signal) => [signal, () => handler(signal)] as const);
  for (const [signal, fn] of listeners) process.on(signal, fn);
  const unwatch = opts.watchWrapper && !hangupsIgnored
    ? watchParent((event) => handler(event === "parent-exited" ? "SIGHUP" : "SIGINT"))
    : undefined;
  return () => {
    for (const [signal, fn] of listeners) process.off(signal, fn);
    unwatch?.();
  };
}

/** Facts about the machine for reports. */
export function machineInfo(): { os: string; cpuModel: string; cpus: number; hostname: string } {
  const list = cpus();
  return {
    os: `${platform()} ${release()}`,
    cpuModel: list[0]?.model ?? "unknown",
    cpus: list.length,
    hostname: hostname(),
  };
}
