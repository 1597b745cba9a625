/**
 * NATS connection settings shared by every command that talks to NATS (`run`, `service`): command-line flags with
 * environment-variable fallbacks, and their translation into nats.js connection options.
 * Secrets come from flags, the environment or files, never from scenario files.
 * @module
 */
import { type Authenticator, type ConnectionOptions, credsAuthenticator, nkeyAuthenticator, nkeys } from "nats";
import { UsageError } from "../errors.ts";
import { pathExists, readText } from "../runtime/fs.ts";
import { parseServerUrl, splitServerList, stripCredentials } from "./url.ts";

/** How busmark authenticates to NATS and secures the connection. Every field is optional. */
export interface NatsAuth {
  /** User name (with {@link NatsAuth.pass}). */
  user?: string;
  /** Password for {@link NatsAuth.user}. */
  pass?: string;
  /** Authentication token. */
  token?: string;
  /** Path of a `.creds` file (user JWT and NKey seed). */
  creds?: string;
  /** A user NKey seed (`SU...`) or the path of a file holding one. */
  nkeySeed?: string;
  /** Path of a PEM file with the CA certificate(s) that sign the server certificate. */
  tlsCa?: string;
  /** Path of the PEM client certificate (needs {@link NatsAuth.tlsKey}). */
  tlsCert?: string;
  /** Path of the PEM client private key (needs {@link NatsAuth.tlsCert}). */
  tlsKey?: string;
}

/** What {@link parseNatsFlags} found. */
export interface ParsedNatsFlags {
  /** Server URL(s) from `--nats`, else `NATS_URL`; undefined when neither is set. */
  url?: string;
  /** Where {@link ParsedNatsFlags.url} came from. */
  urlSource?: "flag" | "env";
  /** Credentials and TLS files. */
  auth: NatsAuth;
  /** Every argument that is not a NATS flag, in order, untouched. */
  rest: string[];
}

interface FlagSpec {
  flag: string;
  env: string;
  key: "url" | keyof NatsAuth;
  help: string;
}

const FLAGS: readonly FlagSpec[] = [
  { flag: "--nats", env: "NATS_URL", key: "url", help: "NATS server URL(s), comma-separated" },
  { flag: "--nats-user", env: "NATS_USER", key: "user", help: "user name" },
  { flag: "--nats-pass", env: "NATS_PASSWORD", key: "pass", help: "password" },
  { flag: "--nats-token", env: "NATS_TOKEN", key: "token", help: "authentication token" },
  { flag: "--nats-creds", env: "NATS_CREDS", key: "creds", help: "credentials file (JWT + NKey seed)" },
  { flag: "--nats-nkey", env: "NATS_NKEY", key: "nkeySeed", help: "NKey seed, or a file holding it" },
  { flag: "--tls-ca", env: "NATS_CA", key: "tlsCa", help: "CA certificate file (PEM)" },
  { flag: "--tls-cert", env: "NATS_CERT", key: "tlsCert", help: "client certificate file (PEM)" },
  { flag: "--tls-key", env: "NATS_KEY", key: "tlsKey", help: "client private key file (PEM)" },
];

/** Help text lines for the NATS connection flags, ready to paste into a command's usage. */
export const NATS_FLAG_USAGE: string = [
  "NATS connection (flags win over environment variables):",
  ...FLAGS.map((f) => `  ${`${f.flag} ${f.key === "url" ? "URL" : "VALUE"}`.padEnd(22)} ${f.help} [$${f.env}]`),
  "  Without --nats or $NATS_URL: nats://127.0.0.1:4222 if it answers, else an embedded nats-server.",
  "  Credentials may also be given in the URL (nats://user:pass@host:4222, nats://token@host:4222).",
].join("\n");

/**
 * Takes the NATS flags out of `args` (`--flag value` and `--flag=value`) and fills what is missing from `env`.
 * Arguments after a bare `--` are not interpreted. A flag without a value throws {@link UsageError}.
 */
export function parseNatsFlags(args: string[], env: Record<string, string | undefined>): ParsedNatsFlags {
  const found: Partial<Record<FlagSpec["key"], string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      rest.push(...args.slice(i));
      break;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const spec = FLAGS.find((f) => f.flag === name);
    if (!spec) {
      rest.push(arg);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      value = args[i + 1];
      if (value !== undefined && !value.startsWith("--")) i++;
      else value = undefined;
    }
    if (value === undefined || value === "") {
      throw new UsageError(`Cannot use ${spec.flag}: it needs a value (${spec.flag} VALUE or ${spec.flag}=VALUE)`);
    }
    found[spec.key] = value;
  }
  const pick = (spec: FlagSpec): string | undefined => {
    const fromEnv = env[spec.env];
    return found[spec.key] ?? (fromEnv === "" ? undefined : fromEnv);
  };
  const auth: NatsAuth = {};
  let url: string | undefined;
  for (const spec of FLAGS) {
    const value = pick(spec);
    if (value === undefined) continue;
    if (spec.key === "url") url = value;
    else auth[spec.key] = value;
  }
  const result: ParsedNatsFlags = { auth, rest };
  if (url !== undefined) {
    result.url = url;
    result.urlSource = found.url !== undefined ? "flag" : "env";
  }
  return result;
}

const SEED = /S[A-Z2-7]{50,}/;

/** True when `value` is an NKey seed itself rather than the path of a file holding one. */
export function looksLikeSeed(value: string): boolean {
  return new RegExp(`^${SEED.source}$`).test(value.trim());
}

function readFile(what: string, path: string): string {
  try {
    return readText(path);
  } catch (error) {
    const reason = (error as { code?: string }).code === "ENOENT" ? "no such file" : String(error);
    throw new UsageError(`Cannot read ${what} ${path}: ${reason}`);
  }
}

function credsBytes(path: string): Uint8Array {
  const text = readFile("the NATS credentials file", path);
  if (!/BEGIN NATS USER JWT/.test(text) || !/BEGIN USER NKEY SEED/.test(text)) {
    throw new UsageError(`Cannot use the NATS credentials file ${path}: it holds no user JWT and NKey seed blocks`);
  }
  return new TextEncoder().encode(text);
}

function seedBytes(value: string): Uint8Array {
  const direct = looksLikeSeed(value);
  const text = direct ? value.trim() : readFile("the NKey seed file", value);
  const seed = SEED.exec(text)?.[0];
  const where = direct ? "the NKey seed" : `the NKey seed file ${value}`;
  if (!seed) throw new UsageError(`Cannot use ${where}: no NKey seed (S...) found`);
  const bytes = new TextEncoder().encode(seed);
  try {
    nkeys.fromSeed(bytes);
  } catch {
    throw new UsageError(`Cannot use ${where}: not a valid NKey seed`);
  }
  return bytes;
}

function tlsOptions(auth: NatsAuth, schemeWantsTls: boolean): ConnectionOptions["tls"] {
  const { tlsCa, tlsCert, tlsKey } = auth;
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new UsageError("Cannot use a TLS client certificate: --tls-cert and --tls-key must be given together");
  }
  for (const [what, path] of [["CA", tlsCa], ["client certificate", tlsCert], ["client key", tlsKey]] as const) {
    if (path !== undefined && !pathExists(path)) throw new UsageError(`Cannot read the TLS ${what} file ${path}`);
  }
  if (tlsCa === undefined && tlsCert === undefined && !schemeWantsTls) return undefined;
  return {
    ...(tlsCa !== undefined ? { caFile: tlsCa } : {}),
    ...(tlsCert !== undefined ? { certFile: tlsCert } : {}),
    ...(tlsKey !== undefined ? { keyFile: tlsKey } : {}),
  };
}

/** Credentials written in the URL(s) (`nats://user:pass@host`, `nats://token@host`); the first URL that has some. */
export function authFromUrl(url: string): NatsAuth {
  for (const server of splitServerList(url)) {
    const parsed = parseServerUrl(server);
    if (parsed.user !== undefined) {
      return { user: parsed.user, ...(parsed.pass !== undefined ? { pass: parsed.pass } : {}) };
    }
    if (parsed.token !== undefined) return { token: parsed.token };
  }
  return {};
}

/**
 * nats.js connection options for `url` (comma-separated list allowed) and `auth`. Credentials in the URL are
 * moved into the options (explicit `auth` wins); a `tls://` URL or any TLS file turns TLS on. Files are read now,
 * so a missing or malformed credentials/NKey file throws {@link UsageError} here rather than at connect time.
 * `extra` is merged last.
 */
export function connectionOptions(
  url: string,
  auth: NatsAuth,
  extra: Partial<ConnectionOptions> = {},
): ConnectionOptions {
  const servers = splitServerList(url);
  if (servers.length === 0) throw new UsageError("Cannot connect to NATS: the server URL is empty");
  const merged: NatsAuth = { ...authFromUrl(url), ...auth };
  if (auth.user !== undefined && auth.pass === undefined) delete merged.pass;
  if (merged.creds !== undefined && merged.nkeySeed !== undefined) {
    throw new UsageError("Cannot use both a credentials file and an NKey seed: choose --nats-creds or --nats-nkey");
  }
  const options: ConnectionOptions = { servers: servers.map(stripCredentials) };
  if (merged.user !== undefined) {
    options.user = merged.user;
    if (merged.pass !== undefined) options.pass = merged.pass;
  }
  if (merged.token !== undefined) options.token = merged.token;
  const authenticators: Authenticator[] = [];
  if (merged.creds !== undefined) authenticators.push(credsAuthenticator(credsBytes(merged.creds)));
  if (merged.nkeySeed !== undefined) authenticators.push(nkeyAuthenticator(seedBytes(merged.nkeySeed)));
  if (authenticators.length > 0) options.authenticator = authenticators;
  const tls = tlsOptions(merged, servers.some((s) => parseServerUrl(s).scheme.toLowerCase() === "tls://"));
  if (tls !== undefined) options.tls = tls;
  return { ...options, ...extra };
}
