/**
 * The bus a run uses: the NATS target (a named server or an embedded one) and busmark's two connections to it, one
 * for sending and confirming, one for the delivery probe, so the probe's traffic never queues behind the load.
 * @module
 */
import type { NatsConnection } from "nats";
import { connectNats } from "../nats/connect.ts";
import type { NatsAuth } from "../nats/options.ts";
import { type ResolvedTarget, resolveTarget } from "../nats/target.ts";
import type { Scenario } from "../scenario/types.ts";
import type { Defer } from "./cleanups.ts";

/** An open bus. */
export interface Bus {
  target: ResolvedTarget;
  /** Sends the load and receives the service's confirmations. */
  nc: NatsConnection;
  /** The delivery probe's own connection. */
  probeNc: NatsConnection;
  natsServerVersion: string;
}

/** What opening the bus needs from the run's options. */
export interface BusOptions {
  natsUrl?: string;
  auth: NatsAuth;
  env: Record<string, string | undefined>;
  defaultNatsUrl?: string;
  allowEmbedded?: boolean;
}

/** Resolves the target and connects both connections; each is registered with `defer` as soon as it exists. */
export async function openBus(opts: BusOptions, scenario: Scenario, runId: string, defer: Defer): Promise<Bus> {
  const target = await resolveTarget({
    url: opts.natsUrl ?? scenario.target.url,
    env: opts.env,
    defaultUrl: opts.defaultNatsUrl,
    allowEmbedded: opts.allowEmbedded ?? true,
    embedded: scenario.target.embedded === true && !opts.natsUrl,
  });
  defer(() => target.dispose());
  const nc = await connectNats(target.url, opts.auth, { name: `busmark ${runId}`, reconnect: true });
  defer(() => closeQuietly(nc));
  const probeNc = await connectNats(target.url, opts.auth, { name: `busmark-probe ${runId}`, reconnect: true });
  defer(() => closeQuietly(probeNc));
  return { target, nc, probeNc, natsServerVersion: nc.info?.version ?? "unknown" };
}

/** Closes a connection, ignoring one that is already closed. */
export async function closeQuietly(nc: NatsConnection): Promise<void> {
  try {
    await nc.close();
  } catch {
    // already closed
  }
}
