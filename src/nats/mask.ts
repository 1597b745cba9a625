/**
 * Hiding NATS secrets in anything busmark prints or writes: URLs keep their user name but lose the password or
 * token, and known secret values are replaced by `***` wherever they appear.
 * @module
 */
import { looksLikeSeed, type NatsAuth } from "./options.ts";
import { parseServerUrl } from "./url.ts";

/** What a hidden secret is replaced with. */
export const MASK = "***";

function maskOne(url: string): string {
  const parsed = parseServerUrl(url);
  if (parsed.userinfo === undefined) return url.trim();
  const colon = parsed.userinfo.indexOf(":");
  const userinfo = colon >= 0 ? `${parsed.userinfo.slice(0, colon)}:${MASK}` : MASK;
  return `${parsed.scheme}${userinfo}@${parsed.rest}`;
}

/**
 * A URL fit for printing: `nats://user:pass@host:4222` → `nats://user:***@host:4222`, `nats://token@host` →
 * `nats://***@host`. Each URL of a comma-separated list is masked.
 */
export function maskUrl(url: string): string {
  return url.split(",").map(maskOne).filter((s) => s.length > 0).join(",");
}

const URL_WITH_USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s/?#@"'<>,]+)@/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `text` with every secret of `auth` (password, token, an inline NKey seed) replaced by `***`, and the userinfo of
 * every URL in it masked as {@link maskUrl} does. Secrets shorter than 4 characters are replaced only where they
 * stand as a whole word, so that a one-letter password does not garble the message.
 */
export function maskSecrets(text: string, auth: NatsAuth): string {
  let out = text.replace(URL_WITH_USERINFO, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(":");
    return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:${MASK}` : MASK}@`;
  });
  const secrets = [
    auth.pass,
    auth.token,
    auth.nkeySeed !== undefined && looksLikeSeed(auth.nkeySeed) ? auth.nkeySeed.trim() : undefined,
  ]
    .filter((s): s is string => s !== undefined && s.length > 0 && s !== MASK)
    .sort((a, b) => b.length - a.length);
  for (const secret of secrets) {
    if (secret.length >= 4) {
      out = out.split(secret).join(MASK);
    } else {
      out = out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(secret)}(?![A-Za-z0-9])`, "g"), MASK);
    }
  }
  return out;
}
