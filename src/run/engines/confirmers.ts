/**
 * The registry of confirmation kinds, one entry per {@link ConfirmKind}, and the grouping of a plan's event types
 * into sources. Adding a kind is one file implementing {@link Confirmer} plus one line here (and its spec in
 * `ConfirmSpec`).
 * @module
 */
import { type ConfirmKind, confirmsPersistence as specConfirms, sourceKey } from "../../scenario/confirmation.ts";
import type { ConfirmSpec } from "../../scenario/types.ts";
import type { RunContext } from "../context.ts";
import type { Plan, PlannedEvent } from "../plan.ts";
import type { Confirmer, ConfirmerDeps, RunningConfirmer } from "./confirmer.ts";
import { noConfirmer, replyConfirmer } from "./no-confirm.ts";
import { noticesConfirmer } from "./notices.ts";
import { sqlConfirmer } from "./sql-confirm.ts";
import { subjectConfirmer } from "./subject-confirm.ts";

/** Every confirmation kind by name. */
export const confirmers: { readonly [K in ConfirmKind]: Confirmer<K> } = {
  notices: noticesConfirmer,
  subject: subjectConfirmer,
  sql: sqlConfirmer,
  reply: replyConfirmer,
  none: noConfirmer,
};

/** The confirmer of a kind; throws for a kind the registry does not hold. */
export function confirmerFor<K extends ConfirmKind>(kind: K): Confirmer<K> {
  const confirmer = Object.hasOwn(confirmers, kind) ? confirmers[kind] : undefined;
  if (!confirmer) throw new Error(`Cannot confirm persistence: no confirmer for kind "${kind}"`);
  return confirmer as Confirmer<K>;
}

/** One source of confirmations and the event types it confirms. */
export interface ConfirmSource {
  spec: ConfirmSpec;
  events: PlannedEvent[];
}

/**
 * Per event type of the plan: whether its completion means "persisted". Over the bus, that is a persisted event
 * whose confirmation accounts for persistence; when nothing goes to the service (`viaService` false) every
 * persisted event is confirmed by the direct path's in-process commit notices.
 */
export function confirmsPersistence(plan: Plan, viaService: boolean): boolean[] {
  return plan.events.map((e) => e.persisted && (!viaService || specConfirms(e.confirm)));
}

/** The distinct sources of the events that wait for persistence (`waits`, from {@link confirmsPersistence}). */
export function confirmSources(plan: Plan, waits: readonly boolean[]): ConfirmSource[] {
  const sources = new Map<string, ConfirmSource>();
  for (const event of plan.events) {
    if (!waits[event.index]) continue;
    const key = sourceKey(event.confirm);
    const source = sources.get(key);
    if (source) source.events.push(event);
    else sources.set(key, { spec: event.confirm, events: [event] });
  }
  return [...sources.values()];
}

/** An open source. */
export interface OpenSource {
  source: ConfirmSource;
  running: RunningConfirmer;
}

/** Opens every source; `onOpen` registers each as soon as it exists, so a later failure still stops it. */
export async function openConfirmers(
  ctx: RunContext,
  sources: readonly ConfirmSource[],
  deps: ConfirmerDeps,
  onOpen: (open: OpenSource) => void,
): Promise<void> {
  for (const source of sources) {
    const confirmer = confirmerFor(source.spec.kind) as Confirmer;
    const running = await confirmer.open(ctx, source.spec as never, source.events, deps);
    onOpen({ source, running });
  }
}
