/**
 * How busmark confirms that a service persisted an event: from its commit notices (the reference service, or a
 * service that declares `notices: true`), by reading its SQLite file (`db`; `message.log` rows only), or not at all.
 * The one place this is decided: validation judges which budgets are observable with it, the run opens the
 * matching confirmer.
 * @module
 */
import { payloadCarriesId } from "../payload/compile.ts";
import type { EventType, ServiceSpec } from "./types.ts";

/** A way of confirming persistence. */
export type ConfirmKind = "notices" | "sqlite" | "none";

/** How persistence is confirmed with this service. */
export function confirmationOf(service: ServiceSpec): ConfirmKind {
  if (service.kind === "reference") return "notices";
  if (service.kind === "none") return "none";
  if (service.notices === true) return "notices";
  return service.db !== undefined ? "sqlite" : "none";
}

/** True for a subject whose events leave a row of their own in the contract's tables (`recent_chat`). */
export function sqliteRowSubject(subject: string): boolean {
  return subject.endsWith(".message.log");
}

/**
 * True for the event types a SQLite-confirmed service's events can be confirmed on, one by one: `message.log` rows
 * whose text carries the event's id, put there by the scenario's `{{ id }}` (busmark never rewrites a payload).
 */
export function sqliteConfirmable(event: Pick<EventType, "subject" | "payload">): boolean {
  return sqliteRowSubject(event.subject) && payloadCarriesId(event.payload);
}
