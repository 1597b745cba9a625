/**
 * How busmark confirms that a service persisted an event. Each event type has one {@link ConfirmSpec}: the one its
 * `confirm:` declares, or the default its service implies — commit notices for the reference service and for a
 * service that declares `notices: true`; for a service that only gives its SQLite file (`db`), a poll of the
 * contract's `recent_chat` table for `message.log` events whose text carries `{{ id }}`; the reply for a request;
 * nothing otherwise. The one place this is decided: validation judges which budgets are observable with it, the
 * run opens the matching confirmers.
 * @module
 */
import { payloadCarriesId } from "../payload/compile.ts";
import type { ConfirmSpec, EventType, ServiceSpec } from "./types.ts";

/** A way of confirming persistence. */
export type ConfirmKind = ConfirmSpec["kind"];

/** How often a `sql:` source is polled unless it says otherwise, ms (its latency resolution). */
export const DEFAULT_SQL_POLL_MS = 10;

/**
 * The query that confirms `message.log` events of a contract service from its SQLite file: each new `recent_chat`
 * row, its text carrying the event's id, put there by the scenario's `{{ id }}`. The column is named in full: in
 * SQLite's ORDER BY a bare `id` would be the result's `id` (the message), not the row's.
 */
export const RECENT_CHAT_QUERY = "SELECT message AS id, id AS cursor FROM recent_chat WHERE recent_chat.id > :cursor " +
  "ORDER BY recent_chat.id LIMIT 20000";

/** True for a subject whose events leave a row of their own in the contract's tables (`recent_chat`). */
export function sqliteRowSubject(subject: string): boolean {
  return subject.endsWith(".message.log");
}

/**
 * True for the event types a SQLite-file-confirmed service's events can be confirmed on, one by one: `message.log`
 * rows whose text carries the event's id, put there by the scenario's `{{ id }}` (busmark never rewrites a payload).
 */
export function sqliteConfirmable(event: Pick<EventType, "subject" | "payload">): boolean {
  return sqliteRowSubject(event.subject) && payloadCarriesId(event.payload);
}

/** The service-wide way of confirming: what an event without `confirm:` gets when it can be confirmed at all. */
export function serviceConfirmation(service: ServiceSpec): "notices" | "db" | "none" {
  if (service.kind === "reference") return "notices";
  if (service.kind === "none") return "none";
  if (service.notices === true) return "notices";
  return service.db !== undefined ? "db" : "none";
}

/** The confirmation an event type gets from its service when it declares none. */
export function defaultConfirm(
  service: ServiceSpec,
  event: Pick<EventType, "subject" | "payload" | "persisted" | "request">,
): ConfirmSpec {
  if (event.request) return { kind: "reply" };
  if (!event.persisted) return { kind: "none" };
  const way = serviceConfirmation(service);
  if (way === "notices") return { kind: "notices" };
  if (way === "db" && sqliteConfirmable(event)) {
    return { kind: "sql", url: "sqlite:{db}", query: RECENT_CHAT_QUERY, pollMs: DEFAULT_SQL_POLL_MS };
  }
  return { kind: "none" };
}

/** True when `spec` accounts for persistence event by event. */
export function confirmsPersistence(spec: ConfirmSpec): boolean {
  return spec.kind === "notices" || spec.kind === "subject" || spec.kind === "sql";
}

/** A key equal for two event types that share one source (one subscription, one poll). */
export function sourceKey(spec: ConfirmSpec): string {
  switch (spec.kind) {
    case "subject":
      return `subject ${spec.subject} ${spec.id.kind}:${spec.id.kind === "header" ? spec.id.name : spec.id.pointer}`;
    case "sql":
      return `sql ${spec.url} ${spec.pollMs} ${spec.query}`;
    default:
      return spec.kind;
  }
}

/** How a confirmation reads in reports: `notices`, `subject shop.orders.stored (header Bm-Id)`, `sql sqlite:… every 10 ms`. */
export function describeConfirm(spec: ConfirmSpec): string {
  switch (spec.kind) {
    case "subject":
      return `subject ${spec.subject} (${
        spec.id.kind === "header" ? `header ${spec.id.name}` : `field ${spec.id.pointer}`
      })`;
    case "sql":
      return `sql ${maskPassword(spec.url)} every ${spec.pollMs} ms`;
    default:
      return spec.kind;
  }
}

/** `url` with the password of a `scheme://user:password@host` URL masked (`user:***@host`), for what is printed. */
export function maskPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^/@]*@/i, "$1:***@");
}
