/**
 * NATS connectivity: connection flags and options, URL and secret masking, connecting, and choosing the server.
 * @module
 */
export { connectNats, type ConnectNatsOptions, PING_INTERVAL_MS, RECONNECT_WAIT_MS } from "./connect.ts";
export { MASK, maskSecrets, maskUrl } from "./mask.ts";
export {
  authFromUrl,
  connectionOptions,
  looksLikeSeed,
  NATS_FLAG_USAGE,
  type NatsAuth,
  type ParsedNatsFlags,
  parseNatsFlags,
} from "./options.ts";
export {
  DEFAULT_NATS_URL,
  natsServerPid,
  NOT_INSTALLED_MESSAGE,
  type ResolvedTarget,
  resolveTarget,
  type ResolveTargetOptions,
} from "./target.ts";
export {
  DEFAULT_NATS_PORT,
  hostPort,
  parseServerUrl,
  type ServerUrl,
  splitServerList,
  stripCredentials,
} from "./url.ts";
