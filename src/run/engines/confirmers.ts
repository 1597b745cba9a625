/**
 * The registry of confirmation kinds, one entry per {@link ConfirmKind}. Adding a kind is one file implementing
 * {@link Confirmer} plus one line here (and the kind in `ConfirmKind`).
 * @module
 */
import type { Plan } from "../plan.ts";
import type { ConfirmKind } from "../sut.ts";
import type { Confirmer } from "./confirmer.ts";
import { noConfirmer } from "./no-confirm.ts";
import { noticesConfirmer } from "./notices.ts";
import { sqliteConfirmer } from "./sqlite-confirm.ts";

/** Every confirmation kind by name. */
export const confirmers: Readonly<Record<ConfirmKind, Confirmer>> = {
  notices: noticesConfirmer,
  sqlite: sqliteConfirmer,
  none: noConfirmer,
};

/** The confirmer of a kind; throws for a kind the registry does not hold. */
export function confirmerFor(kind: ConfirmKind): Confirmer {
  const confirmer = Object.hasOwn(confirmers, kind) ? confirmers[kind] : undefined;
  if (!confirmer) throw new Error(`Cannot confirm persistence: no confirmer for kind "${kind}"`);
  return confirmer;
}

/**
 * The confirmer of a run: the service's own kind when any event goes to it over the bus; otherwise "notices",
 * because the direct path applies its commit notices in-process.
 */
export function runConfirmer(serviceKind: ConfirmKind, viaService: boolean): Confirmer {
  return confirmerFor(viaService ? serviceKind : "notices");
}

/** Per event type of the plan: whether its completion means "persisted" under `confirmer`. */
export function confirmsPersistence(plan: Plan, confirmer: Confirmer): boolean[] {
  return plan.events.map((e) => e.persisted && confirmer.confirms(e));
}
