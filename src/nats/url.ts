/**
 * Parsing NATS server URLs: a comma-separated list of `[scheme://][userinfo@]host[:port]`, where userinfo is
 * `user:password` or a token. Pure string work, no network.
 * @module
 */

/** The default NATS client port. */
export const DEFAULT_NATS_PORT = 4222;

/** One server URL taken apart. */
export interface ServerUrl {
  /** `nats://`, `tls://`, ... including `://`; empty when the URL has no scheme. */
  scheme: string;
  /** The raw (still percent-encoded) userinfo without the `@`; undefined when there is none. */
  userinfo?: string;
  /** Everything after the userinfo: `host[:port][/...]`. */
  rest: string;
  /** Decoded user name when the userinfo is `user:password`. */
  user?: string;
  /** Decoded password when the userinfo is `user:password`. */
  pass?: string;
  /** Decoded token when the userinfo has no `:`. */
  token?: string;
}

const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?(?:([^/?#]*)@)?(.*)$/s;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits a comma-separated server list into trimmed, non-empty URLs. */
export function splitServerList(url: string): string[] {
  return url.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Takes one server URL apart; the userinfo is split into user/password or token. */
export function parseServerUrl(url: string): ServerUrl {
  const match = URL_PARTS.exec(url.trim());
  const scheme = match?.[1] ?? "";
  const userinfo = match?.[2];
  const rest = match?.[3] ?? "";
  const parsed: ServerUrl = { scheme, rest };
  if (userinfo === undefined) return parsed;
  parsed.userinfo = userinfo;
  const colon = userinfo.indexOf(":");
  if (colon >= 0) {
    parsed.user = decode(userinfo.slice(0, colon));
    parsed.pass = decode(userinfo.slice(colon + 1));
  } else {
    parsed.token = decode(userinfo);
  }
  return parsed;
}

/** The URL without its userinfo, e.g. `nats://u:p@host:4222` → `nats://host:4222`. */
export function stripCredentials(url: string): string {
  const { scheme, rest } = parseServerUrl(url);
  return `${scheme}${rest}`;
}

/** Host and port of one server URL; the port defaults to 4222 and IPv6 brackets are removed. */
export function hostPort(url: string): { host: string; port: number } {
  const authority = parseServerUrl(url).rest.split(/[/?#]/, 1)[0] ?? "";
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(authority);
  if (bracketed) {
    return { host: bracketed[1] ?? "", port: bracketed[2] ? Number(bracketed[2]) : DEFAULT_NATS_PORT };
  }
  const colon = authority.lastIndexOf(":");
  if (colon >= 0 && authority.indexOf(":") === colon && /^\d+$/.test(authority.slice(colon + 1))) {
    return { host: authority.slice(0, colon), port: Number(authority.slice(colon + 1)) };
  }
  return { host: authority, port: DEFAULT_NATS_PORT };
}
