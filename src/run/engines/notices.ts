/**
 * Persistence confirmation from the reference service's commit notices: after every transaction the service names
 * the busmark ids it committed (and those it rejected), so publish→persisted latency is exact and loss and
 * duplication are counted per event. An id named twice in `runs` is a duplicate; an id in `again` (a JetStream
 * redelivery the service recognised) counts as persisted once and is never a duplicate.
 * @module
 */
import type { NatsConnection, Subscription } from "nats";
import { NOTICE_SUFFIX, subjectOf } from "../../service/contract.ts";
import { type CommitNotice, decodeNotice, type IdRanges } from "../../service/notices.ts";
import { notePersisted, type RunContext } from "../context.ts";
import { Mark } from "../tracker.ts";
import type { Confirmer, SourceSightings } from "./confirmer.ts";

/** Applies one commit notice to the run's accounting (shared by the service and the direct path). */
export function applyNotice(ctx: RunContext, notice: CommitNotice, t: number): void {
  const { tracker, recorder, runId } = ctx;
  const eachId = (ranges: IdRanges | undefined, fn: (id: number) => void) => {
    const mine = ranges?.[runId];
    if (!mine) return;
    for (const [first, last] of mine) for (let id = first; id <= last; id++) fn(id);
  };
  eachId(notice.runs, (id) => {
    const mark = tracker.markPersisted(id);
    if (mark === Mark.First) notePersisted(ctx, id, t);
    else if (mark === Mark.Duplicate) recorder.count("duplicated", tracker.phaseOf(id), tracker.eventOf(id));
  });
  eachId(notice.again, (id) => {
    if (tracker.markPersisted(id) === Mark.First) notePersisted(ctx, id, t);
  });
  eachId(notice.invalid, (id) => {
    if (tracker.markInvalid(id) === Mark.First) recorder.count("invalid", tracker.phaseOf(id), tracker.eventOf(id));
  });
}

/** Subscribes to the service's commit notices for this run; `sightings` counts notices and those naming it. */
export function startNoticeConfirmer(
  ctx: RunContext,
  nc: NatsConnection,
  prefix: string,
): { sub: Subscription; sightings: () => SourceSightings } {
  let seen = 0;
  let matched = 0;
  let error: string | undefined;
  const sub = nc.subscribe(subjectOf(prefix, NOTICE_SUFFIX), {
    callback: (_err, msg) => {
      seen++;
      let notice: CommitNotice;
      try {
        notice = decodeNotice(msg.data);
      } catch (e) {
        error = `a message is not a commit notice (${e instanceof Error ? e.message : String(e)})`;
        return; // not a notice: ignore, never crash the run
      }
      const mine = (ranges: IdRanges | undefined) => ranges?.[ctx.runId] !== undefined;
      if (mine(notice.runs) || mine(notice.again) || mine(notice.invalid)) matched++;
      applyNotice(ctx, notice, ctx.now());
    },
  });
  return { sub, sightings: () => ({ seen, matched, ...(error !== undefined ? { error } : {}) }) };
}

/** The "notices" kind: the service names every event it committed, so every persisted event type is confirmed. */
export const noticesConfirmer: Confirmer<"notices"> = {
  kind: "notices",
  open(ctx, _source, _events, { nc, sut }) {
    const { sub, sightings } = startNoticeConfirmer(ctx, nc, sut.prefix);
    return { stop: () => sub.unsubscribe(), sightings };
  },
};
