/**
 * Choosing the NATS server a run talks to: the URL given (flag or scenario), else `$NATS_URL`, else the default
 * `nats://127.0.0.1:4222` when it answers, else an embedded `nats-server` busmark starts and stops itself.
 * With `embedded: true` the embedded server is always started.
 * @module
 */
import { InfrastructureError } from "../errors.ts";
import { findNatsServer, type NatsServerHandle, portAnswers, startNatsServer } from "../runtime/nats-server.ts";
import { portOwnerPid } from "../runtime/port-owner.ts";
import { maskUrl } from "./mask.ts";
import { hostPort, splitServerList } from "./url.ts";

/** The default server busmark looks for when none is named. */
export const DEFAULT_NATS_URL = "nats://127.0.0.1:4222";

/** Message of the error thrown when an embedded server is needed but nats-server is not installed. */
export const NOT_INSTALLED_MESSAGE =
  "Cannot start an embedded NATS server: nats-server is not installed. Install it (apt-get install -y nats-server) or pass --nats URL";

/** The NATS server a run uses. */
export interface ResolvedTarget {
  /** URL to connect to (may hold credentials; print {@link ResolvedTarget.maskedUrl} instead). */
  url: string;
  /** The URL with credentials masked, for reports and logs. */
  maskedUrl: string;
  /** How it was chosen. */
  source: "flag" | "env" | "default" | "embedded";
  /** The server busmark started, when `source` is `embedded`. */
  embedded?: NatsServerHandle;
  /** Stops and removes the embedded server, if any; otherwise does nothing. Safe to call twice. */
  dispose(): Promise<void>;
}

/** Options for {@link resolveTarget}. */
export interface ResolveTargetOptions {
  /** URL named by a flag or the scenario; wins over everything else. */
  url?: string;
  /** Environment to read `NATS_URL` from. */
  env: Record<string, string | undefined>;
  /** The server tried when none is named (default {@link DEFAULT_NATS_URL}); tests point it at a free port. */
  defaultUrl?: string;
  /**
   * Always start a private embedded server, whatever `url`, `NATS_URL` or the default say (scenario
   * `target.nats: embedded`, or a fault that restarts NATS).
   */
  embedded?: boolean;
  /** Start an embedded server when nothing answers (default true); when false, throw instead. */
  allowEmbedded?: boolean;
  /** How long to wait for the default port to answer, ms (default 500). */
  probeTimeoutMs?: number;
  /** Finds the nats-server binary (default: `$NATS_SERVER_BIN`, PATH, /usr/sbin ...); injectable for tests. */
  findServer?: () => string | undefined;
}

function named(url: string, source: "flag" | "env" | "default"): ResolvedTarget {
  return { url, maskedUrl: maskUrl(url), source, dispose: () => Promise.resolve() };
}

/**
 * Chooses the NATS server for a run; see the module description for the order. Throws {@link InfrastructureError}
 * when an embedded server is needed and cannot be started (the message names the install command and `--nats`).
 */
export async function resolveTarget(opts: ResolveTargetOptions): Promise<ResolvedTarget> {
  if (opts.embedded === true) return await startEmbedded(opts.findServer);
  if (opts.url !== undefined && opts.url.trim() !== "") return named(opts.url, "flag");
  const fromEnv = opts.env.NATS_URL;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return named(fromEnv, "env");
  const defaultUrl = opts.defaultUrl ?? DEFAULT_NATS_URL;
  const { host, port } = hostPort(splitServerList(defaultUrl)[0] ?? defaultUrl);
  if (await portAnswers(host, port, opts.probeTimeoutMs ?? 500)) return named(defaultUrl, "default");
  if (opts.allowEmbedded === false) {
    throw new InfrastructureError(
      "nats",
      `Cannot connect to NATS at ${maskUrl(defaultUrl)}: nothing answers there and the embedded server is disabled`,
    );
  }
  return await startEmbedded(opts.findServer);
}

async function startEmbedded(findServer: (() => string | undefined) | undefined): Promise<ResolvedTarget> {
  if ((findServer ?? findNatsServer)() === undefined) throw new InfrastructureError("nats", NOT_INSTALLED_MESSAGE);
  let handle: NatsServerHandle;
  try {
    handle = await startNatsServer();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new InfrastructureError("nats", `Cannot start an embedded NATS server: ${why}`);
  }
  let disposed: Promise<void> | undefined;
  return {
    url: handle.url,
    maskedUrl: handle.url,
    source: "embedded",
    embedded: handle,
    dispose: () => disposed ??= handle.dispose(),
  };
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "0.0.0.0", "::"]);
const pidHints = new WeakMap<ResolvedTarget, number>();

/**
 * The pid of the target's nats-server when it can be known: the embedded server's, or the local process listening
 * on a loopback target's port (Linux /proc). Undefined for remote servers or when not found. Cheap to call every
 * second: the last pid found is checked first.
 */
export function natsServerPid(target: ResolvedTarget): number | undefined {
  if (target.embedded) return target.embedded.pid();
  const first = splitServerList(target.url)[0];
  if (first === undefined) return undefined;
  const { host, port } = hostPort(first);
  if (!LOOPBACK.has(host.toLowerCase())) return undefined;
  const pid = portOwnerPid(port, pidHints.get(target));
  if (pid !== undefined) pidHints.set(target, pid);
  return pid;
}
