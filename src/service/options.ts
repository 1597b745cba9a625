/**
 * Command-line flags of the service (`busmark service ...` and `src/service/main.ts ...` take the same ones).
 * @module
 */
import { UsageError } from "../errors.ts";
import { connectionOptions, NATS_FLAG_USAGE, parseNatsFlags } from "../nats/options.ts";
import { DEFAULT_BATCH_MAX, DEFAULT_MAX_PAYLOAD, DEFAULT_PREFIX, DEFAULT_PRUNE_INTERVAL_S } from "./contract.ts";
import type { ServiceOptions } from "./service.ts";

/** Usage text of the service's flags. */
export const SERVICE_USAGE = `Usage: busmark service --db PATH [options]

Runs the reference database service: subscribes to <prefix>.* and persists the events to SQLite.

Options:
  --db PATH              SQLite database file (created when missing)          required
  --nats URL             NATS server URL(s), comma-separated       default $NATS_URL or nats://127.0.0.1:4222
  --prefix P             subject prefix                                        default ${DEFAULT_PREFIX}
  --jetstream            consume events from a JetStream durable consumer (no loss across restarts)
  --batch-max N          most events per transaction                           default ${DEFAULT_BATCH_MAX}
  --max-payload BYTES    larger payloads are rejected as oversized             default ${DEFAULT_MAX_PAYLOAD}
  --prune-interval S     seconds between prunes of recent_chat (150 h)         default ${DEFAULT_PRUNE_INTERVAL_S}
  --stream NAME          JetStream stream name                                 default BUSMARK_<PREFIX>
  --durable NAME         JetStream durable consumer name                       default busmark-service
  --ack-wait MS          JetStream redelivery delay for unacknowledged events  default 5000
  --quiet                no log lines on stderr
${NATS_FLAG_USAGE}

Requests: <prefix>.messages.outbound.get, <prefix>.stats.recent_chat.get, <prefix>._stats (counters).
Commit notices: <prefix>._busmark.committed for events carrying a Bm-Id header.
SIGTERM/SIGINT: stops taking events, commits what it holds, exits within 2 s.
`;

/** Parsed flags: the service options plus the process-level ones. */
export interface ParsedServiceArgs {
  /** What the service runs with. */
  options: ServiceOptions;
  /** `--quiet`: no log lines. */
  quiet: boolean;
}

const PREFIX_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`Cannot use ${flag} ${text}: expected an integer from ${min} to ${max}`);
  }
  return value;
}

/** Environment variables the NATS connection flags fall back to. */
const NATS_ENV = [
  "NATS_URL",
  "NATS_USER",
  "NATS_PASSWORD",
  "NATS_TOKEN",
  "NATS_CREDS",
  "NATS_NKEY",
  "NATS_CA",
  "NATS_CERT",
  "NATS_KEY",
];

/**
 * Parses the service's flags; throws {@link UsageError} on a bad one. `env` supplies `NATS_URL` and the other
 * connection variables; the NATS connection flags are the same as `busmark run`'s.
 */
export function parseServiceArgs(
  rawArgv: readonly string[],
  env: (name: string) => string | undefined,
): ParsedServiceArgs {
  const nats = parseNatsFlags([...rawArgv], Object.fromEntries(NATS_ENV.map((name) => [name, env(name)])));
  const argv = nats.rest;
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const takesValue = new Set([
    "--db",
    "--prefix",
    "--batch-max",
    "--max-payload",
    "--prune-interval",
    "--stream",
    "--durable",
    "--ack-wait",
  ]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (takesValue.has(flag)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "") throw new UsageError(`Cannot use ${flag}: it needs a value`);
      values.set(flag, value);
    } else if (flag === "--jetstream" || flag === "--quiet") {
      switches.add(flag);
    } else {
      throw new UsageError(`Cannot use ${arg}: unknown option (see busmark service --help)`);
    }
  }
  const dbPath = values.get("--db");
  if (!dbPath) throw new UsageError("Cannot start the service: --db PATH is required");
  const prefix = values.get("--prefix") ?? DEFAULT_PREFIX;
  if (!PREFIX_RE.test(prefix)) {
    throw new UsageError(`Cannot use --prefix ${prefix}: expected dot-separated tokens of letters, digits, _ or -`);
  }
  const ackWait = values.get("--ack-wait");
  const natsUrl = nats.url ?? "nats://127.0.0.1:4222";
  const connection = connectionOptions(natsUrl, nats.auth);
  return {
    quiet: switches.has("--quiet"),
    options: {
      natsUrl,
      connection,
      dbPath,
      prefix,
      jetstream: switches.has("--jetstream"),
      batchMax: integer("--batch-max", values.get("--batch-max") ?? String(DEFAULT_BATCH_MAX), 1, 65_536),
      maxPayload: integer("--max-payload", values.get("--max-payload") ?? String(DEFAULT_MAX_PAYLOAD), 64, 8 << 20),
      pruneIntervalS: integer(
        "--prune-interval",
        values.get("--prune-interval") ?? String(DEFAULT_PRUNE_INTERVAL_S),
        0,
        86_400,
      ),
      js: {
        stream: values.get("--stream"),
        durable: values.get("--durable"),
        ackWaitMs: ackWait === undefined ? undefined : integer("--ack-wait", ackWait, 100, 3_600_000),
      },
    },
  };
}
