/**
 * The one place the service creates its NATS connection. Authentication options (token, user/password, creds,
 * TLS) plug in here through nats.js `ConnectionOptions`.
 * @module
 */
import { connect, type ConnectionOptions, type NatsConnection } from "nats";

/** The service's connection defaults: no echo of its own notices, reconnect forever, quick reconnects. */
export const SERVICE_CONNECTION_DEFAULTS: Readonly<ConnectionOptions> = {
  name: "busmark-service",
  noEcho: true,
  maxReconnectAttempts: -1,
  reconnectTimeWait: 250,
  timeout: 2000,
};

/**
 * Connects with `options` over {@link SERVICE_CONNECTION_DEFAULTS}, retrying every `retryMs` while the server does
 * not answer, until connected or `cancelled()` returns true (then resolves undefined).
 */
export async function connectServiceNats(
  options: ConnectionOptions,
  cancelled: () => boolean = () => false,
  retryMs = 250,
  onRetry?: (error: Error) => void,
): Promise<NatsConnection | undefined> {
  while (!cancelled()) {
    try {
      return await connect({ ...SERVICE_CONNECTION_DEFAULTS, ...options });
    } catch (error) {
      onRetry?.(error as Error);
      const until = Date.now() + retryMs;
      while (!cancelled() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    }
  }
  return undefined;
}
