/**
 * The system under test: the reference service started as a child process in the same runtime, a scenario's own
 * command, an already running service, or none. Starting waits for readiness; faults act on the child process.
 * @module
 */
import type { NatsConnection } from "nats";
import { InfrastructureError } from "../errors.ts";
import { type LogSink, openLog } from "../runtime/log-file.ts";
import { signalGroup, spawnArgv, spawnShell, tsEntryArgv, waitForExit } from "../runtime/spawn.ts";
import type { ReadinessProbe, ServiceSpec } from "../scenario/types.ts";
import { defaultStreamName } from "../service/jetstream.ts";

/** A service busmark can start, stop and inject faults into. */
export interface SystemUnderTest {
  readonly kind: ServiceSpec["kind"];
  readonly prefix: string;
  /** SQLite file the service writes, when known. */
  readonly dbPath?: string;
  /** Command line shown in reports (secrets are never in it: credentials travel in the environment). */
  readonly commandLine?: string;
  /** Current process id, when busmark started it and it runs. */
  pid(): number | undefined;
  /** Starts (if busmark owns it) and waits until ready; throws InfrastructureError. */
  start(): Promise<void>;
  /** SIGKILL. */
  kill(): Promise<void>;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGSTOP. */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  /** Stops whatever busmark started and releases its resources. */
  dispose(): Promise<void>;
  /** The last lines the service wrote to stderr/stdout. */
  logTail(): string;
  /** The file its output is captured to, when busmark started it. */
  readonly logPath?: string;
}

/** What starting a service needs. */
export interface SutOptions {
  spec: ServiceSpec;
  natsUrl: string;
  /** A connection used for readiness requests. */
  nc: NatsConnection;
  /** Directory for the run's temporary files (database, logs). */
  tmpDir: string;
  /** Environment for children (NATS credentials travel here, never on the command line). */
  env: Record<string, string | undefined>;
  /** Absolute path of the reference service's entry file. */
  serviceEntry: string;
}

const READY_TIMEOUT_MS = 20_000;

/** Creates the system under test for a scenario (nothing is started yet). */
export function createSut(opts: SutOptions): SystemUnderTest {
  const spec = opts.spec;
  switch (spec.kind) {
    case "reference": {
      const db = `${opts.tmpDir}/service.db`;
      const argv = [
        ...tsEntryArgv(opts.serviceEntry),
        "--nats",
        opts.natsUrl,
        "--db",
        db,
        "--prefix",
        spec.prefix,
        "--batch-max",
        String(spec.batchMax),
        ...(spec.jetstream ? ["--jetstream"] : []),
      ];
      return new ChildService(opts, {
        kind: "reference",
        prefix: spec.prefix,
        dbPath: db,
        argv,
        ready: { kind: "request", subject: `${spec.prefix}._stats`, timeoutMs: READY_TIMEOUT_MS },
        env: {},
        ...(spec.jetstream ? { clean: () => deleteReferenceStream(opts.nc, spec.prefix) } : {}),
      });
    }
    case "command": {
      const db = spec.db ? expand(spec.db, opts) : `${opts.tmpDir}/service.db`;
      return new ChildService(opts, {
        kind: "command",
        prefix: spec.prefix,
        dbPath: db,
        shell: expand(spec.command, opts, db),
        ready: spec.ready,
        env: spec.env,
      });
    }
    case "external":
      return new ExternalService(opts, spec.prefix, spec.db, spec.ready);
    case "none":
      return new ExternalService(opts, spec.prefix, undefined, undefined);
  }
}

function expand(template: string, opts: SutOptions, db = `${opts.tmpDir}/service.db`): string {
  return template.replaceAll("{nats}", opts.natsUrl).replaceAll("{db}", db).replaceAll("{tmp}", opts.tmpDir)
    .replaceAll("{prefix}", opts.spec.prefix);
}

/**
 * Deletes the JetStream stream a reference service in JetStream mode creates for `prefix` (busmark's own stream,
 * named `BUSMARK_<PREFIX>`), so a run never inherits the previous run's stream, durable consumer and backlog.
 */
async function deleteReferenceStream(nc: NatsConnection, prefix: string): Promise<void> {
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(defaultStreamName(prefix));
  } catch {
    // no such stream, or no JetStream: nothing to clean
  }
}

interface ChildSpec {
  kind: ServiceSpec["kind"];
  prefix: string;
  dbPath: string;
  argv?: string[] | undefined;
  shell?: string;
  ready: ReadinessProbe;
  env: Record<string, string>;
  /** Runs before the first start and after the service is stopped for good. */
  clean?: () => Promise<void>;
}

/** Waits until a readiness probe succeeds, the child exits, or the probe's timeout passes. */
async function waitReady(
  nc: NatsConnection,
  probe: ReadinessProbe | undefined,
  exited: () => boolean,
): Promise<string | undefined> {
  if (!probe) return undefined;
  if (probe.kind === "delay") {
    await new Promise((r) => setTimeout(r, probe.ms));
    return exited() ? "exited during its start-up delay" : undefined;
  }
  const deadline = Date.now() + probe.timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (exited()) return "exited before it was ready";
    try {
      if (probe.kind === "request") {
        await nc.request(probe.subject, new Uint8Array(0), { timeout: 250 });
        return undefined;
      }
      // A subscription probe: a request with no responders fails fast; any other outcome means someone listens.
      await nc.request(probe.subject, new Uint8Array(0), { timeout: 100, noMux: true });
      return undefined;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (probe.kind === "subscription" && code === "TIMEOUT") return undefined;
      last = error instanceof Error ? error.message : String(error);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return `not ready after ${probe.timeoutMs} ms (${last})`;
}

class ChildService implements SystemUnderTest {
  readonly kind: ServiceSpec["kind"];
  readonly prefix: string;
  readonly dbPath: string;
  readonly commandLine: string;
  readonly logPath: string;
  #child?: ReturnType<typeof spawnArgv>;
  #log: LogSink;
  #started = false;

  constructor(private readonly opts: SutOptions, private readonly spec: ChildSpec) {
    this.kind = spec.kind;
    this.prefix = spec.prefix;
    this.dbPath = spec.dbPath;
    this.commandLine = spec.shell ?? (spec.argv ?? []).join(" ");
    this.logPath = `${opts.tmpDir}/service.log`;
    this.#log = openLog(this.logPath);
  }

  pid(): number | undefined {
    const child = this.#child;
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  async start(): Promise<void> {
    if (this.pid() !== undefined) return;
    if (!this.#started) {
      this.#started = true;
      await this.spec.clean?.();
    }
    const env = { ...this.opts.env, ...this.spec.env };
    const options = { stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"], env };
    const child = this.spec.shell !== undefined
      ? spawnShell(this.spec.shell, options, true)
      : spawnArgv(this.spec.argv ?? [], { ...options, detached: true });
    child.stdout?.on("data", (chunk: Uint8Array) => this.#log.write(chunk));
    child.stderr?.on("data", (chunk: Uint8Array) => this.#log.write(chunk));
    let spawnError: string | undefined;
    child.once("error", (error) => (spawnError = error.message));
    this.#child = child;
    const problem = await waitReady(
      this.opts.nc,
      this.spec.ready,
      () => spawnError !== undefined || child.exitCode !== null || child.signalCode !== null,
    );
    if (problem) {
      signalGroup(child.pid ?? -1, "SIGKILL");
      throw new InfrastructureError(
        "service",
        `Cannot start the service (${this.commandLine}): ${spawnError ?? problem}\n${this.logTail()}`,
      );
    }
  }

  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || this.pid() === undefined) return;
    const exited = waitForExit(child);
    signalGroup(child.pid!, "SIGCONT");
    signalGroup(child.pid!, "SIGKILL");
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || this.pid() === undefined) return;
    const exited = waitForExit(child);
    signalGroup(child.pid!, "SIGCONT");
    signalGroup(child.pid!, "SIGTERM");
    const timer = setTimeout(() => signalGroup(child.pid!, "SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }

  pause(): void {
    const pid = this.pid();
    if (pid !== undefined) signalGroup(pid, "SIGSTOP");
  }

  resume(): void {
    const pid = this.pid();
    if (pid !== undefined) signalGroup(pid, "SIGCONT");
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.#started) await this.spec.clean?.();
    this.#log.close();
  }

  logTail(): string {
    return this.#log.tail();
  }
}

class ExternalService implements SystemUnderTest {
  readonly kind: ServiceSpec["kind"];
  readonly dbPath?: string;

  constructor(
    private readonly opts: SutOptions,
    readonly prefix: string,
    db: string | undefined,
    private readonly ready: ReadinessProbe | undefined,
  ) {
    this.kind = opts.spec.kind;
    if (db) this.dbPath = db;
  }

  pid(): number | undefined {
    return undefined;
  }

  async start(): Promise<void> {
    const problem = await waitReady(this.opts.nc, this.ready, () => false);
    if (problem) throw new InfrastructureError("service", `Cannot reach the external service: ${problem}`);
  }

  kill(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  pause(): void {}

  resume(): void {}

  dispose(): Promise<void> {
    return Promise.resolve();
  }

  logTail(): string {
    return "";
  }
}
