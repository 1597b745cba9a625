/**
 * Starting and stopping a private `nats-server` (JetStream on, loopback only, temporary store directory).
 * Used for busmark's embedded default and by tests that must kill or restart NATS without touching a shared server.
 * @module
 */
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { join } from "node:path";
import process from "node:process";
import { makeTempDir, removePath } from "./fs.ts";
import { signalProcess, waitForExit } from "./spawn.ts";

/** Places a `nats-server` binary is looked for, after `$NATS_SERVER_BIN`. */
const CANDIDATES = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];

/** Finds the nats-server binary: `$NATS_SERVER_BIN`, then PATH, then the usual places; undefined when absent. */
export function findNatsServer(): string | undefined {
  const fromEnv = process.env.NATS_SERVER_BIN;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(join(dir, "nats-server"))) return join(dir, "nats-server");
  }
  return CANDIDATES.find((p) => existsSync(p));
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections at host:port within `timeoutMs`. */
export function portAnswers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** A nats-server this process started. */
export interface NatsServerHandle {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Current process id (changes on restart). */
  pid(): number | undefined;
  /** Stops the server (SIGTERM, then SIGKILL after 3 s) and keeps its store. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same JetStream store. */
  start(): Promise<void>;
  /** Stops it and removes its temporary directory. */
  dispose(): Promise<void>;
}

/** Options for {@link startNatsServer}. */
export interface StartNatsOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Extra server arguments, e.g. `["--auth", "token"]`. */
  args?: string[];
  /** How long to wait for the port to answer, ms. */
  readyTimeoutMs?: number;
}

/**
 * Starts `nats-server -js` on 127.0.0.1 with its store in a fresh temporary directory and waits until it answers.
 * Throws when the binary is missing or the server does not come up.
 */
export async function startNatsServer(options: StartNatsOptions = {}): Promise<NatsServerHandle> {
  const bin = findNatsServer();
  if (!bin) {
    throw new Error(
      "Cannot start nats-server: not installed (apt-get install -y nats-server), or pass --nats URL to use a running one",
    );
  }
  const port = options.port ?? await freePort();
  const dir = makeTempDir("busmark-nats-");
  const args = ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", join(dir, "js"), ...(options.args ?? [])];
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    if (child && child.exitCode === null && child.signalCode === null) return;
    const proc = spawn(bin!, args, { stdio: ["ignore", "ignore", "pipe"] });
    // a binary that cannot be run (EACCES, ENOENT) is reported as an `error` event, not thrown: keep it
    let spawnError: Error | undefined;
    proc.once("error", (error) => spawnError = error);
    let stderr = "";
    proc.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    child = proc;
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if (spawnError) {
        const code = (spawnError as { code?: unknown }).code;
        const why = code === "EACCES" ? "permission denied (EACCES): is it executable?" : spawnError.message;
        throw new Error(`Cannot run nats-server \`${bin}\`: ${why}`, { cause: spawnError });
      }
      if (proc.exitCode !== null) break;
      if (await portAnswers("127.0.0.1", port, 200)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    signalProcess(proc.pid ?? -1, "SIGKILL");
    throw new Error(`Cannot start nats-server on port ${port}: it did not answer in ${readyTimeoutMs} ms. ${stderr}`);
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = waitForExit(proc);
    signalProcess(proc.pid ?? -1, "SIGTERM");
    const timer = setTimeout(() => signalProcess(proc.pid ?? -1, "SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    pid: () => child?.pid,
    start,
    stop,
    async dispose() {
      await stop();
      removePath(dir);
    },
  };
}
