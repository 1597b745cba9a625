/**
 * Payload checks. Every rejection has a reason code (counted in the service's stats) and a one-line detail
 * (logged at most once per reason per second). A valid payload costs one UTF-8 decode and one `JSON.parse`;
 * the checks allocate nothing unless they reject.
 * @module
 */
import { EventKind, type EventKindValue, RequestKind, type RequestKindValue, STATUS_COLUMNS } from "./contract.ts";

/** Why an incoming message was not stored or answered normally. */
export type RejectReason =
  | "oversized"
  | "invalid-json"
  | "not-object"
  | "missing-field"
  | "wrong-type"
  | "invalid-value"
  | "unknown-subject"
  | "no-reply"
  | "storage-error";

/** Every {@link RejectReason}, in the order stats list them. */
export const REJECT_REASONS: readonly RejectReason[] = [
  "oversized",
  "invalid-json",
  "not-object",
  "missing-field",
  "wrong-type",
  "invalid-value",
  "unknown-subject",
  "no-reply",
  "storage-error",
];

/** A rejected payload: the reason code and a human-readable detail. */
export class Rejection {
  /** Creates a rejection. */
  constructor(readonly reason: RejectReason, readonly detail: string) {}
}

/** Largest `limit` a request may ask for. */
export const MAX_REQUEST_LIMIT = 1000;

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A JSON object as parsed. */
export type JsonObject = Record<string, unknown>;

/**
 * Decodes a payload as a JSON object: rejects it as `oversized` above `maxPayload` bytes, `invalid-json` when it is
 * not UTF-8 JSON, `not-object` when it is JSON but not an object. An empty payload decodes to `emptyAs` when given.
 */
export function decodeObject(data: Uint8Array, maxPayload: number, emptyAs?: JsonObject): JsonObject | Rejection {
  if (data.length > maxPayload) {
    return new Rejection("oversized", `payload of ${data.length} bytes exceeds the ${maxPayload}-byte cap`);
  }
  if (data.length === 0 && emptyAs !== undefined) return emptyAs;
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(data));
  } catch (error) {
    return new Rejection("invalid-json", `payload is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return new Rejection(
      "not-object",
      `payload is JSON ${typeName(value)}, not an object`,
    );
  }
  return value as JsonObject;
}

function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

function text(obj: JsonObject, field: string): Rejection | undefined {
  const value = obj[field];
  if (value === undefined) return new Rejection("missing-field", `field \`${field}\` is missing`);
  if (typeof value !== "string") {
    return new Rejection("wrong-type", `field \`${field}\` must be a string, not ${typeName(value)}`);
  }
  if (value.length === 0) return new Rejection("invalid-value", `field \`${field}\` is empty`);
  return undefined;
}

function count(obj: JsonObject, field: string, optional: boolean, min = 0): Rejection | undefined {
  const value = obj[field];
  if (value === undefined || (optional && value === null)) {
    return optional ? undefined : new Rejection("missing-field", `field \`${field}\` is missing`);
  }
  if (typeof value !== "number") {
    return new Rejection("wrong-type", `field \`${field}\` must be a number, not ${typeName(value)}`);
  }
  if (!Number.isSafeInteger(value) || value < min) {
    return new Rejection("invalid-value", `field \`${field}\` must be an integer >= ${min}, not ${value}`);
  }
  return undefined;
}

function statusData(obj: JsonObject): Rejection | undefined {
  const data = obj.status_data;
  if (data === undefined) return new Rejection("missing-field", "field `status_data` is missing");
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return new Rejection("wrong-type", `field \`status_data\` must be an object, not ${typeName(data)}`);
  }
  const fields = data as JsonObject;
  for (const column of STATUS_COLUMNS) {
    const value = fields[column.name];
    if (value === undefined || value === null) continue;
    const ok = column.type === "text"
      ? typeof value === "string"
      : column.type === "real"
      ? typeof value === "number" && Number.isFinite(value)
      : typeof value === "boolean" || (typeof value === "number" && Number.isSafeInteger(value));
    if (!ok) {
      const want = column.type === "text" ? "a string" : column.type === "real" ? "a number" : "an integer or boolean";
      return new Rejection(
        "wrong-type",
        `field \`status_data.${column.name}\` must be ${want}, not ${typeName(value)}`,
      );
    }
  }
  return undefined;
}

/** Checks a decoded event payload; undefined when it may be stored. */
export function checkEvent(kind: EventKindValue, obj: JsonObject): Rejection | undefined {
  switch (kind) {
    case EventKind.UserJoined:
    case EventKind.UserLeft:
      return text(obj, "username");
    case EventKind.MessageLog:
      return text(obj, "username") ?? text(obj, "message");
    case EventKind.UserCount:
      return count(obj, "chat_count", false) ?? count(obj, "connected_count", false);
    case EventKind.HighWater:
      return count(obj, "chat_count", false) ?? count(obj, "connected_count", true);
    case EventKind.StatusUpdate:
      return statusData(obj);
    case EventKind.MarkSent:
      return count(obj, "message_id", false, 1);
  }
  return new Rejection("unknown-subject", `no event kind ${kind}`);
}

/** Parameters of a request after defaults. */
export interface RequestParams {
  /** Most rows in the reply. */
  limit: number;
  /** `messages.outbound.get` only: messages retried this often are no longer returned. */
  maxRetries: number;
}

function bounded(obj: JsonObject, field: string, fallback: number, min: number, max: number): number | Rejection {
  const value = obj[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number") {
    return new Rejection("wrong-type", `field \`${field}\` must be a number, not ${typeName(value)}`);
  }
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return new Rejection("invalid-value", `field \`${field}\` must be an integer from ${min} to ${max}, not ${value}`);
  }
  return value;
}

/** Checks a decoded request payload and applies the defaults (`limit` 50, `max_retries` 3). */
export function checkRequest(kind: RequestKindValue, obj: JsonObject): RequestParams | Rejection {
  const limit = bounded(obj, "limit", 50, 1, MAX_REQUEST_LIMIT);
  if (limit instanceof Rejection) return limit;
  if (kind !== RequestKind.OutboundGet) return { limit, maxRetries: 0 };
  const maxRetries = bounded(obj, "max_retries", 3, 0, 1000);
  if (maxRetries instanceof Rejection) return maxRetries;
  return { limit, maxRetries };
}
