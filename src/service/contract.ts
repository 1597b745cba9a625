/**
 * The database-service contract: the nine subjects under the prefix, their kinds, and the fixed limits.
 * Kinds are small integers so the hot path dispatches on numbers, not strings.
 * @module
 */

/** Default subject prefix of the team's service. */
export const DEFAULT_PREFIX = "rosey.db";

/** Largest accepted payload, bytes; larger events are rejected as `oversized` (NATS' own default cap is 1 MiB). */
export const DEFAULT_MAX_PAYLOAD = 64 * 1024;

/** Default largest number of events in one transaction. */
export const DEFAULT_BATCH_MAX = 1000;

/** recent_chat rows older than this many seconds are pruned (150 h, as in the original). */
export const RECENT_CHAT_RETENTION_S = 150 * 3600;

/** Default seconds between two prunes of recent_chat (a prune is one indexed DELETE). */
export const DEFAULT_PRUNE_INTERVAL_S = 60;

/** Events: fire-and-forget subjects that write. */
export const EventKind = {
  UserJoined: 0,
  UserLeft: 1,
  MessageLog: 2,
  UserCount: 3,
  HighWater: 4,
  StatusUpdate: 5,
  MarkSent: 6,
} as const;

/** One of the values of {@link EventKind}. */
export type EventKindValue = typeof EventKind[keyof typeof EventKind];

/** Requests: subjects that read and always reply. */
export const RequestKind = {
  OutboundGet: 0,
  RecentChatGet: 1,
  /** `<prefix>._stats`: the service's counters (busmark's own; also the readiness probe). */
  Stats: 2,
} as const;

/** One of the values of {@link RequestKind}. */
export type RequestKindValue = typeof RequestKind[keyof typeof RequestKind];

/** Subject suffix (after `<prefix>.`) of each event kind, indexed by {@link EventKind}. */
export const EVENT_SUBJECTS: readonly string[] = [
  "user.joined",
  "user.left",
  "message.log",
  "stats.user_count",
  "stats.high_water",
  "status.update",
  "messages.outbound.mark_sent",
];

/** Subject suffix of each request kind, indexed by {@link RequestKind}. */
export const REQUEST_SUBJECTS: readonly string[] = [
  "messages.outbound.get",
  "stats.recent_chat.get",
  "_stats",
];

/** Suffix on which commit notices are published (see notices.ts). */
export const NOTICE_SUFFIX = "_busmark.committed";

/** `<prefix>.<suffix>` */
export function subjectOf(prefix: string, suffix: string): string {
  return `${prefix}.${suffix}`;
}

/** What a subject under the prefix is. */
export type SubjectRoute =
  | { type: "event"; kind: EventKindValue }
  | { type: "request"; kind: RequestKindValue }
  | { type: "control" }
  | { type: "unknown" };

/**
 * Builds the lookup from full subject to route for one prefix. Subjects whose first token after the prefix starts
 * with `_` are busmark's control subjects (ignored unless they are `_stats`).
 */
export function routeTable(prefix: string): (subject: string) => SubjectRoute {
  const table = new Map<string, SubjectRoute>();
  EVENT_SUBJECTS.forEach((s, kind) => table.set(subjectOf(prefix, s), { type: "event", kind: kind as EventKindValue }));
  REQUEST_SUBJECTS.forEach((s, kind) =>
    table.set(subjectOf(prefix, s), { type: "request", kind: kind as RequestKindValue })
  );
  const control: SubjectRoute = { type: "control" };
  const unknown: SubjectRoute = { type: "unknown" };
  const controlStart = `${prefix}._`;
  return (subject) => table.get(subject) ?? (subject.startsWith(controlStart) ? control : unknown);
}

/** The `current_status` columns `status.update` may write, with the JSON type each accepts. */
export const STATUS_COLUMNS: readonly { name: string; type: "text" | "real" | "integer" }[] = [
  { name: "bot_name", type: "text" },
  { name: "bot_rank", type: "real" },
  { name: "bot_afk", type: "integer" },
  { name: "channel_name", type: "text" },
  { name: "current_chat_users", type: "integer" },
  { name: "current_connected_users", type: "integer" },
  { name: "playlist_items", type: "integer" },
  { name: "current_media_title", type: "text" },
  { name: "current_media_duration", type: "integer" },
  { name: "bot_start_time", type: "integer" },
  { name: "bot_connected", type: "integer" },
];
