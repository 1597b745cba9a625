/**
 * The reference database service and the direct (v1) write path.
 * @module
 */
export {
  DEFAULT_BATCH_MAX,
  DEFAULT_MAX_PAYLOAD,
  DEFAULT_PREFIX,
  EVENT_SUBJECTS,
  EventKind,
  type EventKindValue,
  NOTICE_SUFFIX,
  REQUEST_SUBJECTS,
  RequestKind,
  type RequestKindValue,
  routeTable,
  STATUS_COLUMNS,
  subjectOf,
  type SubjectRoute,
} from "./contract.ts";
export { connectServiceNats, SERVICE_CONNECTION_DEFAULTS } from "./connect.ts";
export { type DirectPath, type DirectPathOptions, openDirectPath } from "./direct.ts";
export { type GroupCommitOptions, GroupCommitter, type Settle } from "./group-commit.ts";
export { defaultStreamName, type JetStreamBinding, type JetStreamOptions, startJetStream } from "./jetstream.ts";
export { RateLimitedLog } from "./log.ts";
export {
  BM_ID_HEADER,
  type BmId,
  type CommitNotice,
  countIds,
  decodeNotice,
  encodeNotice,
  forEachId,
  formatBmId,
  type IdRanges,
  mergeRanges,
  NoticeDecodeError,
  parseBmId,
  RangeCollector,
} from "./notices.ts";
export { type ParsedServiceArgs, parseServiceArgs, SERVICE_USAGE } from "./options.ts";
export { answerRequest, answerRequestBytes, type RequestContext } from "./requests.ts";
export { runServiceCommand, STOP_DEADLINE_MS } from "./run.ts";
export { applySchema, BUSY_TIMEOUT_MS, SCHEMA_VERSION, TABLE_NAMES } from "./schema.ts";
export { type RunningService, type ServiceOptions, startService } from "./service.ts";
export { BATCH_BUCKETS, type ServiceStats, SLOW_COMMIT_MS, StatsCounters } from "./stats.ts";
export { CHAT_ROWS_PER_INSERT, ChatRun } from "./chat-run.ts";
export { prepareStatements, type StatementName, STATEMENTS, type Statements } from "./statements.ts";
export { type ChatRow, type OutboundRow, SAFETY_CHECKPOINT_PAGES, Storage, type StorageOptions } from "./storage.ts";
export {
  checkEvent,
  checkRequest,
  decodeObject,
  type JsonObject,
  MAX_REQUEST_LIMIT,
  REJECT_REASONS,
  Rejection,
  type RejectReason,
  type RequestParams,
} from "./validate.ts";
