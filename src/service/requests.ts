/**
 * Answers to the request subjects, shared by the service and the direct path. A request always gets an answer:
 * the result, or `{ "error": "..." }`. The open transaction is committed first, so a request sees every event
 * received before it.
 * @module
 */
import { REQUEST_SUBJECTS, RequestKind, type RequestKindValue } from "./contract.ts";
import type { GroupCommitter } from "./group-commit.ts";
import type { StatsCounters } from "./stats.ts";
import type { Storage } from "./storage.ts";
import { checkRequest, decodeObject, Rejection, type RejectReason } from "./validate.ts";

const encoder = new TextEncoder();

/** What a request handler needs. */
export interface RequestContext {
  /** Where the queries run. */
  storage: Storage;
  /** Flushed before each query, so replies see every earlier event. */
  committer: GroupCommitter;
  /** Counts requests and rejections. */
  counters: StatsCounters;
  /** Largest request payload accepted, bytes. */
  maxPayload: number;
  /** The `_stats` answer. */
  stats: () => unknown;
  /** Told about rejected requests, for rate-limited logging. */
  onProblem?: (reason: RejectReason, message: string) => void;
  /** Wall clock in ms (default `Date.now`). */
  clock?: () => number;
}

/** Computes the reply object of one request; never throws. */
export function answerRequest(context: RequestContext, kind: RequestKindValue, data: Uint8Array): unknown {
  context.counters.requests++;
  const reject = (rejection: Rejection) => {
    context.counters.reject(rejection.reason);
    context.onProblem?.(
      rejection.reason,
      `Cannot answer ${REQUEST_SUBJECTS[kind]} (${rejection.reason}): ${rejection.detail}`,
    );
    return { error: `${rejection.reason}: ${rejection.detail}` };
  };
  if (kind === RequestKind.Stats) return context.stats();
  const obj = decodeObject(data, context.maxPayload, {});
  if (obj instanceof Rejection) return reject(obj);
  const params = checkRequest(kind, obj);
  if (params instanceof Rejection) return reject(params);
  try {
    context.committer.flush();
    if (kind === RequestKind.RecentChatGet) return context.storage.recentChat(params.limit);
    const nowS = Math.floor((context.clock ?? Date.now)() / 1000);
    return context.storage.unsentOutbound(params.limit, params.maxRetries, nowS);
  } catch (error) {
    return reject(new Rejection("storage-error", (error as Error).message));
  }
}

/** {@link answerRequest}, encoded as UTF-8 JSON for a NATS reply. */
export function answerRequestBytes(context: RequestContext, kind: RequestKindValue, data: Uint8Array): Uint8Array {
  return encoder.encode(JSON.stringify(answerRequest(context, kind, data)));
}
