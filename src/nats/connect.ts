/**
 * Opening a NATS connection with busmark's defaults, turning failures into an {@link InfrastructureError} whose
 * message never shows a secret.
 * @module
 */
import { connect, type NatsConnection } from "nats";
import { InfrastructureError } from "../errors.ts";
import { maskSecrets, maskUrl } from "./mask.ts";
import { authFromUrl, connectionOptions, type NatsAuth } from "./options.ts";

/** Options for {@link connectNats}. */
export interface ConnectNatsOptions {
  /** Client name shown by the server (`busmark` when omitted). */
  name?: string;
  /** Time allowed for the first connection, ms (default 5000). */
  timeoutMs?: number;
  /**
   * Reconnect after a lost connection (default true): unlimited attempts every ~100 ms, so a restarted server is
   * found again quickly. With false the connection closes when the server goes away.
   */
  reconnect?: boolean;
}

/** Milliseconds between reconnect attempts. */
export const RECONNECT_WAIT_MS = 100;
/** Milliseconds between client pings; two unanswered pings mark the connection stale. */
export const PING_INTERVAL_MS = 5000;

function reason(error: unknown, timeoutMs: number, tls: boolean): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case "CONNECTION_REFUSED":
      return "connection refused (is nats-server running there?)";
    case "AUTHORIZATION_VIOLATION":
      return "authorization violation (check the user/password, token, credentials file or NKey)";
    case "AUTHENTICATION_EXPIRED":
      return "authentication expired (the credentials are out of date)";
    case "TIMEOUT":
    case "CONNECTION_TIMEOUT":
      return `no answer within ${timeoutMs} ms` +
        (tls ? " (or the TLS handshake failed: check the CA, client certificate and key)" : "");
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Connects to the NATS server(s) at `url` (comma-separated list allowed; credentials may be in the URL).
 * Throws {@link InfrastructureError} (component `nats`) when nothing answers or authentication fails, with the URL
 * and any secret masked; a missing or malformed credentials file throws UsageError.
 */
export async function connectNats(
  url: string,
  auth: NatsAuth,
  opts: ConnectNatsOptions = {},
): Promise<NatsConnection> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const reconnect = opts.reconnect ?? true;
  const options = connectionOptions(url, auth, {
    name: opts.name ?? "busmark",
    timeout: timeoutMs,
    reconnect,
    maxReconnectAttempts: reconnect ? -1 : 0,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    reconnectJitter: 20,
    reconnectJitterTLS: 50,
    pingInterval: PING_INTERVAL_MS,
    maxPingOut: 2,
    waitOnFirstConnect: false,
  });
  try {
    return await connect(options);
  } catch (error) {
    const why = maskSecrets(reason(error, timeoutMs, options.tls !== undefined), { ...authFromUrl(url), ...auth });
    throw new InfrastructureError("nats", `Cannot connect to NATS at ${maskUrl(url)}: ${why}`);
  }
}
