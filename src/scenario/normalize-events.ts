/**
 * Normalizes `pools`, `events` and mixes.
 * @module
 */
import { CAPS, DEFAULTS } from "./caps.ts";
import { defaultConfirm } from "./confirmation.ts";
import type { NormalizeContext } from "./context.ts";
import { normalizeConfirm } from "./normalize-confirm.ts";
import { normalizeExpect } from "./normalize-expect.ts";
import { normalizePayload, payloadFields } from "./payload.ts";
import type { RawMix, RawScenario } from "./raw.ts";
import { durationMs } from "./normalize-service.ts";
import {
  checkPublishSubject,
  CONTRACT_EVENT_SUBJECTS,
  CONTRACT_REQUEST_SUBJECTS,
  contractPersists,
  underPrefix,
} from "./subjects.ts";
import { didYouMean } from "../text/suggest.ts";
import type { EventType, MixEntry, ServiceSpec, ValuePool } from "./types.ts";
import { childPath } from "./yaml-source.ts";

/** Fields the reference service needs in each contract event's payload (others are counted invalid). */
const REQUIRED_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ["user.joined", ["username"]],
  ["user.left", ["username"]],
  ["message.log", ["username", "message"]],
  ["stats.user_count", ["chat_count", "connected_count"]],
  ["stats.high_water", ["chat_count"]],
  ["status.update", ["status_data"]],
  ["messages.outbound.mark_sent", ["message_id"]],
]);

/** Named pools; `{ prefix, size }` expands to `prefix1` .. `prefixN`. */
export function normalizePools(raw: RawScenario): ValuePool[] {
  return Object.entries(raw.pools ?? {}).map(([name, pool]) => ({
    name,
    values: Array.isArray(pool) ? [...pool] : Array.from({ length: pool.size }, (_, i) => `${pool.prefix}${i + 1}`),
  }));
}

function referenceSubjectCheck(relative: string, path: string, isRequest: boolean, ctx: NormalizeContext): void {
  const all = [...CONTRACT_EVENT_SUBJECTS, ...CONTRACT_REQUEST_SUBJECTS];
  if (!all.includes(relative)) {
    ctx.report(
      path,
      "unknown-subject",
      `the reference service does not listen on \`${relative}\`${didYouMean(relative, all)} (it listens on ${
        all.join(", ")
      }; write \`{ absolute: ... }\` for traffic it should not see)`,
    );
  } else if (CONTRACT_REQUEST_SUBJECTS.includes(relative) && !isRequest) {
    ctx.report(path, "invalid-event", `\`${relative}\` is a request subject: add \`request: true\` to await the reply`);
  } else if (CONTRACT_EVENT_SUBJECTS.includes(relative) && isRequest) {
    ctx.report(
      path,
      "invalid-event",
      `\`${relative}\` is an event subject the service never replies to; drop \`request\``,
    );
  }
}

/** The event types, subjects resolved under the service prefix, payload templates parsed. */
export function normalizeEvents(
  raw: RawScenario,
  service: ServiceSpec,
  pools: ValuePool[],
  ctx: NormalizeContext,
): EventType[] {
  const poolNames = new Set(pools.map((p) => p.name));
  const events: EventType[] = [];
  for (const [name, e] of Object.entries(raw.events)) {
    const path = childPath("/events", name);
    const relative = typeof e.subject === "string";
    const written = typeof e.subject === "string" ? e.subject : e.subject.absolute;
    const subjectPath = relative ? `${path}/subject` : `${path}/subject/absolute`;
    const bad = checkPublishSubject(written);
    if (bad) ctx.reportIn(subjectPath, bad.offset, "invalid-subject", bad.message);
    const subject = relative ? underPrefix(service.prefix, written) : written;
    const isRequest = e.request !== undefined;
    if (relative && !bad && service.kind === "reference") referenceSubjectCheck(written, subjectPath, isRequest, ctx);
    const payload = normalizePayload(e.payload ?? {}, `${path}/payload`, poolNames, ctx);
    const event: EventType = {
      name,
      subject,
      payload,
      persisted: false,
      confirm: { kind: "none" },
      confirmDeclared: false,
      pos: ctx.keyPos(path),
    };
    if (isRequest) {
      const timeout = e.request === true ? undefined : e.request?.timeout;
      event.request = {
        timeoutMs: timeout === undefined
          ? DEFAULTS.requestTimeoutMs
          : durationMs(ctx, timeout, `${path}/request/timeout`, CAPS.requestTimeoutMs, "a request timeout"),
      };
    }
    if (e.persist === true && isRequest) {
      ctx.report(`${path}/persist`, "invalid-event", "a request is not persisted; drop `persist: true`");
    } else if (e.persist === true && service.kind === "none") {
      ctx.report(`${path}/persist`, "invalid-event", "with `service: { none: {} }` nothing is persisted");
    }
    event.persisted = e.persist ?? (!isRequest && service.kind !== "none" && contractPersists(service.prefix, subject));
    event.confirm = defaultConfirm(service, event);
    normalizeConfirm(e, event, service, path, ctx);
    const fields = payloadFields(payload);
    const required = subject.startsWith(`${service.prefix}.`)
      ? REQUIRED_FIELDS.get(subject.slice(service.prefix.length + 1))
      : undefined;
    if (event.persisted && fields && required) {
      const missing = required.filter((f) => !fields.includes(f));
      if (missing.length > 0) {
        ctx.report(
          e.payload === undefined ? path : `${path}/payload`,
          "invalid-payload",
          `the payload lacks ${missing.map((f) => `\`${f}\``).join(", ")}, so the service would count every event ` +
            "invalid (set `persist: false` to send invalid events on purpose)",
          e.payload === undefined ? "key" : "value",
        );
      }
    }
    events.push(event);
  }
  // Reply checks may name any event type (`recent.event`), so they are read once all are known.
  for (const event of events) {
    const expect = normalizeExpect(
      raw.events[event.name]?.expect,
      `${childPath("/events", event.name)}/expect`,
      event,
      events,
      ctx,
    );
    if (expect) event.expect = expect;
  }
  return events;
}

/** A mix with weights scaled to sum 1; names must be event types. */
export function normalizeMix(mix: RawMix, path: string, events: EventType[], ctx: NormalizeContext): MixEntry[] {
  const names = events.map((e) => e.name);
  const entries = Object.entries(mix);
  for (const [event] of entries) {
    if (!names.includes(event)) {
      ctx.report(
        childPath(path, event),
        "unknown-event",
        `unknown event \`${event}\`${didYouMean(event, names)}`,
        "key",
      );
    }
  }
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return entries.map(([event, weight]) => ({ event, weight: weight / total }));
}

/** Equal weights over every event (the mix of a scenario that needs none). */
export function evenMix(events: EventType[]): MixEntry[] {
  return events.map((e) => ({ event: e.name, weight: 1 / events.length }));
}
