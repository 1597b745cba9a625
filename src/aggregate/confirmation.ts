/**
 * Per event type, how the run confirmed it: one entry per source (every event type is in one, `none` and `reply`
 * included), with what each source the run read saw. This replaces the service-wide `service.confirm`, which said
 * "confirmed by sqlite" also of events nothing confirmed. The implicit `confirmation` check reads these entries.
 * @module
 */
import type { ResultConfirmation } from "../result/types.ts";
import type { RunContext } from "../run/context.ts";
import type { SourceSightings } from "../run/engines/confirmer.ts";
import { describeConfirm, sourceKey } from "../scenario/confirmation.ts";
import type { ConfirmSpec } from "../scenario/types.ts";

/** A source the run opened, with what it saw when the run ended. */
export interface OpenedSource {
  spec: ConfirmSpec;
  sightings?: SourceSightings | undefined;
}

/** The confirmation entries of a run; `opened` are the sources read over the NATS path. */
export function confirmationEntries(ctx: RunContext, opened: readonly OpenedSource[]): ResultConfirmation[] {
  const { plan, recorder } = ctx;
  const natsPhases = plan.phases.filter((p) => p.path === "nats").map((p) => p.index);
  const groups = new Map<string, { spec: ConfirmSpec; events: number[] }>();
  for (const e of plan.events) {
    const key = sourceKey(e.confirm);
    const group = groups.get(key);
    if (group) group.events.push(e.index);
    else groups.set(key, { spec: e.confirm, events: [e.index] });
  }
  const read = new Map(opened.map((o) => [sourceKey(o.spec), o]));
  return [...groups.entries()].map(([key, { spec, events }]) => {
    const entry: ResultConfirmation = {
      events: events.map((i) => plan.events[i]!.name),
      kind: spec.kind,
      source: describeConfirm(spec),
    };
    if (spec.kind === "sql") entry.resolutionUs = spec.pollMs * 1000;
    const source = read.get(key);
    if (source) {
      entry.observed = {
        published: recorder.total("published", natsPhases, events),
        persisted: recorder.total("persisted", natsPhases, events),
      };
      if (source.sightings) entry.observed.sightings = { ...source.sightings };
    }
    return entry;
  });
}

/** The entries of several runs of one scenario, their observed figures summed. */
export function combineConfirmation(
  runs: readonly { confirmation?: ResultConfirmation[] | undefined }[],
): ResultConfirmation[] | undefined {
  const first = runs[0]?.confirmation;
  if (first === undefined) return undefined;
  return first.map((entry, i) => {
    const all = runs.map((r) => r.confirmation?.[i]?.observed).filter((o) => o !== undefined);
    if (entry.observed === undefined || all.length === 0) return entry;
    const sum = (f: (o: NonNullable<ResultConfirmation["observed"]>) => number) => all.reduce((s, o) => s + f(o), 0);
    const observed: NonNullable<ResultConfirmation["observed"]> = {
      published: sum((o) => o.published),
      persisted: sum((o) => o.persisted),
    };
    const sightings = all.map((o) => o.sightings).filter((s) => s !== undefined);
    if (sightings.length > 0) {
      observed.sightings = {
        seen: sightings.reduce((s, x) => s + x.seen, 0),
        matched: sightings.reduce((s, x) => s + x.matched, 0),
      };
      const error = sightings.findLast((x) => x.error !== undefined)?.error;
      if (error !== undefined) observed.sightings.error = error;
    }
    return { ...entry, observed };
  });
}
