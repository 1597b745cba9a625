/**
 * The host process: arguments, environment, standard streams, signals, exit. The core reaches the process
 * only through these functions.
 * @module
 */
import { cpus, hostname, platform, release } from "node:os";
import process from "node:process";

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

/** Registers a handler for SIGINT/SIGTERM; returns a function that removes it. */
export function onTerminate(handler: (signal: "SIGINT" | "SIGTERM") => void): () => void {
  const onInt = () => handler("SIGINT");
  const onTerm = () => handler("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return () => {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
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
