/**
 * Setting up the system under test for a run: the scenario's service pointed at the run's
 * NATS target, with the NATS credentials in its environment, and started when any event goes to it over the bus.
 * @module
 */
import type { NatsConnection } from "nats";
import type { NatsAuth } from "../nats/options.ts";
import type { Scenario } from "../scenario/types.ts";
import type { RunListener } from "./events.ts";
import { ownModuleUrl } from "../runtime/paths.ts";
import { createSut, type SystemUnderTest } from "./sut.ts";

/** What creating the run's service needs from the run's options. */
export interface ServiceSetupOptions {
  auth: NatsAuth;
  env: Record<string, string | undefined>;
  serviceEntry?: string;
}

/** Creates (does not start) the scenario's service for a run against `natsUrl`, its files under `tmpDir`. */
export function createRunSut(
  opts: ServiceSetupOptions,
  scenario: Scenario,
  bus: { natsUrl: string; nc: NatsConnection },
  tmpDir: string,
): SystemUnderTest {
  return createSut({
    spec: scenario.service,
    natsUrl: bus.natsUrl,
    nc: bus.nc,
    tmpDir,
    env: { ...opts.env, ...authEnv(opts.auth) },
    serviceEntry: opts.serviceEntry ?? defaultServiceEntry(),
  });
}

/** Starts the service, waits until it is ready and tells the listener. */
export async function startService(sut: SystemUnderTest, listener: RunListener | undefined): Promise<void> {
  await sut.start();
  listener?.({ type: "service-ready", kind: sut.kind, ...(sut.pid() ? { pid: sut.pid()! } : {}) });
}

/** The reference service's entry file in this package (compiled `.js` when busmark runs from `dist/`). */
export function defaultServiceEntry(): string {
  return ownModuleUrl("../service/main.ts", import.meta.url).pathname;
}

/** The environment variables that hand NATS credentials to a child service (never its command line). */
export function authEnv(auth: NatsAuth): Record<string, string> {
  const env: Record<string, string> = {};
  if (auth.user) env.NATS_USER = auth.user;
  if (auth.pass) env.NATS_PASSWORD = auth.pass;
  if (auth.token) env.NATS_TOKEN = auth.token;
  if (auth.creds) env.NATS_CREDS = auth.creds;
  if (auth.nkeySeed) env.NATS_NKEY = auth.nkeySeed;
  if (auth.tlsCa) env.NATS_CA = auth.tlsCa;
  if (auth.tlsCert) env.NATS_CERT = auth.tlsCert;
  if (auth.tlsKey) env.NATS_KEY = auth.tlsKey;
  return env;
}
