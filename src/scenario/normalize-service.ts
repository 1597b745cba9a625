/**
 * Normalizes `target`, `service` and `path`.
 * @module
 */
import { CAPS, DEFAULTS } from "./caps.ts";
import type { NormalizeContext } from "./context.ts";
import { parseDuration } from "./duration.ts";
import type { RawReadiness, RawScenario } from "./raw.ts";
import { checkPublishSubject, underPrefix } from "./subjects.ts";
import type { ReadinessProbe, ServiceSpec, TargetSpec } from "./types.ts";

const URL_PART = /^(?:(?:nats|tls|ws|wss):\/\/[^\s,]+|[^\s,:/]+:\d{1,5})$/;

/** Milliseconds of a schema-checked duration at `path`, reporting it when above `cap`. */
export function durationMs(ctx: NormalizeContext, text: string, path: string, cap: number, what: string): number {
  const ms = parseDuration(text) ?? 0;
  if (ms > cap) {
    ctx.report(path, "out-of-range", `${what} must be at most ${cap / 1000}s (the cap), got \`${text}\``);
  }
  return ms;
}

/** The target NATS server. */
export function normalizeTarget(raw: RawScenario, ctx: NormalizeContext): TargetSpec {
  const url = raw.target?.nats?.trim() ?? "";
  if (url === "") return {};
  if (url === "embedded") return { embedded: true };
  if (!url.split(",").every((part) => URL_PART.test(part.trim()))) {
    ctx.report(
      "/target/nats",
      "invalid-value",
      `expected a NATS URL like \`nats://127.0.0.1:4222\` (or \`embedded\`, or empty), got \`${url}\``,
    );
  }
  return { url };
}

function prefixOf(raw: RawScenario, ctx: NormalizeContext): { prefix: string; path: string } {
  const s = raw.service ?? {};
  const kind = Object.keys(s)[0] ?? "reference";
  const body = (s as Record<string, { prefix?: string } | undefined>)[kind];
  const path = `/service/${kind}/prefix`;
  const prefix = body?.prefix ?? DEFAULTS.prefix;
  const bad = checkPublishSubject(prefix, "prefix");
  if (bad) ctx.reportIn(path, bad.offset, "invalid-subject", bad.message);
  return { prefix, path };
}

function readiness(
  ready: RawReadiness | undefined,
  path: string,
  prefix: string,
  ctx: NormalizeContext,
): ReadinessProbe {
  if (ready === undefined) return { kind: "delay", ms: 0 };
  const given = (["request", "subscription", "delay"] as const).filter((k) => ready[k] !== undefined);
  if (given.length !== 1) {
    ctx.report(
      path,
      "invalid-probe",
      given.length === 0
        ? "a readiness probe needs one of `request`, `subscription`, `delay`"
        : `a readiness probe takes one of \`request\`, \`subscription\`, \`delay\`, not ${given.join(" and ")}`,
    );
    if (given.length === 0) return { kind: "delay", ms: 0 };
  }
  const timeoutMs = ready.timeout === undefined
    ? DEFAULTS.readyTimeoutMs
    : durationMs(ctx, ready.timeout, `${path}/timeout`, CAPS.readyTimeoutMs, "a readiness timeout");
  if (ready.delay !== undefined) {
    if (ready.timeout !== undefined) {
      ctx.report(`${path}/timeout`, "invalid-probe", "a `delay` probe has no `timeout`", "key");
    }
    return { kind: "delay", ms: durationMs(ctx, ready.delay, `${path}/delay`, CAPS.readyTimeoutMs, "a delay") };
  }
  const kind = ready.request !== undefined ? "request" : "subscription";
  const subject = ready.request ?? ready.subscription ?? "";
  const bad = checkPublishSubject(subject);
  if (bad) ctx.reportIn(`${path}/${kind}`, bad.offset, "invalid-subject", bad.message);
  return { kind, subject: underPrefix(prefix, subject), timeoutMs };
}

/** The system under test (default: the reference service with default settings). */
export function normalizeService(raw: RawScenario, ctx: NormalizeContext): ServiceSpec {
  const { prefix } = prefixOf(raw, ctx);
  const s = raw.service ?? { reference: {} };
  if (s.command) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.command.env ?? {})) env[k] = String(v);
    const spec: ServiceSpec = {
      kind: "command",
      prefix,
      command: s.command.run,
      ready: readiness(s.command.ready, "/service/command/ready", prefix, ctx),
      env,
    };
    if (s.command.db !== undefined) spec.db = s.command.db;
    if (s.command.notices !== undefined) spec.notices = s.command.notices;
    return spec;
  }
  if (s.external) {
    const spec: ServiceSpec = {
      kind: "external",
      prefix,
      ready: readiness(s.external.ready, "/service/external/ready", prefix, ctx),
    };
    if (s.external.db !== undefined) spec.db = s.external.db;
    if (s.external.notices !== undefined) spec.notices = s.external.notices;
    return spec;
  }
  if (s.none) return { kind: "none", prefix };
  return {
    kind: "reference",
    prefix,
    jetstream: s.reference?.jetstream ?? false,
    batchMax: s.reference?.batchMax ?? DEFAULTS.batchMax,
  };
}
