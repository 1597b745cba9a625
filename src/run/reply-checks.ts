/**
 * Reply checks at run time: per request event type with `expect:`, a function the request engine calls as it sends
 * (it notes how much of the referenced event type was confirmed persisted then) that returns the judge of the reply
 * (it counts the outcome per phase and event and keeps the first failing replies).
 * @module
 */
import type { RunContext } from "./context.ts";
import { judgeReply, type RecentView } from "./reply-check.ts";

/** Called at send with the request's payload; returns what to call with the reply. */
export type ReplyChecker = (request: Uint8Array, phaseIx: number) => (reply: Uint8Array) => void;

const decoder = new TextDecoder();
const KEPT_REPLY_CHARS = 300;

/** Per event type of the plan, its reply checker, or undefined when it has no `expect:`. */
export function replyCheckers(ctx: RunContext): (ReplyChecker | undefined)[] {
  const { plan, recorder, tracker } = ctx;
  const persisted = (id: number) => tracker.isPersisted(id);
  return plan.events.map((event) => {
    const expect = event.expect;
    if (!expect) return undefined;
    const recent = expect.recent;
    const log = recent ? ctx.sent?.[recent.event] : undefined;
    const confirmed = recent !== undefined && ctx.confirmsPersistence[recent.event] === true;
    return (request, phaseIx) => {
      const lo = log && confirmed ? log.confirmedPrefix(persisted) : 0;
      return (reply) => {
        const view: RecentView | undefined = log
          ? (p) => ({ lo, hi: log.count, oldest: log.oldest, at: (i) => log.at(p, i) })
          : undefined;
        let reason: string | undefined;
        try {
          reason = judgeReply(expect, reply, request, view);
        } catch (error) {
          // A reply busmark cannot judge (e.g. nested too deeply for the schema validator) fails, counted.
          reason = `busmark could not judge the reply: ${(error as Error).message}`;
        }
        if (reason === undefined) {
          recorder.count("checksPassed", phaseIx, event.index);
          return;
        }
        recorder.count("checksFailed", phaseIx, event.index);
        const text = decoder.decode(reply.subarray(0, KEPT_REPLY_CHARS * 4));
        recorder.noteReplyFailure({
          event: event.name,
          phase: plan.phases[phaseIx]?.name ?? "",
          reason,
          reply: text.length > KEPT_REPLY_CHARS ? `${text.slice(0, KEPT_REPLY_CHARS - 1)}…` : text,
        });
      };
    };
  });
}
