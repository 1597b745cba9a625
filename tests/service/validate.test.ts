import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventKind, RequestKind } from "../../src/service/contract.ts";
import {
  checkEvent,
  checkRequest,
  decodeObject,
  type JsonObject,
  MAX_REQUEST_LIMIT,
  Rejection,
  type RejectReason,
} from "../../src/service/validate.ts";

const enc = (s: string) => new TextEncoder().encode(s);

function reasonOf(value: unknown): RejectReason | undefined {
  return value instanceof Rejection ? value.reason : undefined;
}

describe("decodeObject", () => {
  it("accepts a JSON object", () => {
    assert.deepEqual(decodeObject(enc('{"a":1}'), 100), { a: 1 });
  });
  it("rejects payloads over the cap as oversized, before parsing", () => {
    const r = decodeObject(enc(`{"a":"${"x".repeat(100)}"}`), 64);
    assert.equal(reasonOf(r), "oversized");
    assert.match((r as Rejection).detail, /exceeds the 64-byte cap/);
  });
  it("rejects non-JSON and invalid UTF-8 as invalid-json", () => {
    assert.equal(reasonOf(decodeObject(enc("{nope"), 100)), "invalid-json");
    assert.equal(reasonOf(decodeObject(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 100)), "invalid-json");
    assert.equal(reasonOf(decodeObject(new Uint8Array(0), 100)), "invalid-json");
  });
  it("rejects JSON that is not an object as not-object", () => {
    for (const text of ["[1]", "3", '"s"', "null", "true"]) {
      assert.equal(reasonOf(decodeObject(enc(text), 100)), "not-object", text);
    }
  });
  it("says a null payload is null, not an object", () => {
    const r = decodeObject(enc("null"), 100);
    assert.ok(r instanceof Rejection);
    assert.equal(r.detail, "payload is JSON null, not an object");
    assert.equal((decodeObject(enc("[1]"), 100) as Rejection).detail, "payload is JSON array, not an object");
  });
  it("decodes an empty payload to the given default", () => {
    const empty = {};
    assert.equal(decodeObject(new Uint8Array(0), 100, empty), empty);
  });
});

describe("checkEvent", () => {
  const ok: [number, JsonObject][] = [
    [EventKind.UserJoined, { username: "a" }],
    [EventKind.UserLeft, { username: "a", extra: 1 }],
    [EventKind.MessageLog, { username: "a", message: "m" }],
    [EventKind.UserCount, { chat_count: 0, connected_count: 3 }],
    [EventKind.HighWater, { chat_count: 4 }],
    [EventKind.HighWater, { chat_count: 4, connected_count: null }],
    [EventKind.StatusUpdate, { status_data: { bot_name: "r", bot_rank: 1.5, bot_afk: true, nope: {} } }],
    [EventKind.StatusUpdate, { status_data: { current_media_title: null } }],
    [EventKind.MarkSent, { message_id: 7 }],
  ];
  it("accepts valid payloads of every kind", () => {
    for (const [kind, obj] of ok) assert.equal(checkEvent(kind as 0, obj), undefined, JSON.stringify(obj));
  });
  const bad: [number, JsonObject, RejectReason][] = [
    [EventKind.UserJoined, {}, "missing-field"],
    [EventKind.UserJoined, { username: 5 }, "wrong-type"],
    [EventKind.UserJoined, { username: "" }, "invalid-value"],
    [EventKind.MessageLog, { username: "a" }, "missing-field"],
    [EventKind.MessageLog, { username: "a", message: ["x"] }, "wrong-type"],
    [EventKind.UserCount, { chat_count: 1 }, "missing-field"],
    [EventKind.UserCount, { chat_count: "1", connected_count: 1 }, "wrong-type"],
    [EventKind.UserCount, { chat_count: -1, connected_count: 1 }, "invalid-value"],
    [EventKind.UserCount, { chat_count: 1.5, connected_count: 1 }, "invalid-value"],
    [EventKind.HighWater, { connected_count: 1 }, "missing-field"],
    [EventKind.HighWater, { chat_count: 1, connected_count: "2" }, "wrong-type"],
    [EventKind.StatusUpdate, {}, "missing-field"],
    [EventKind.StatusUpdate, { status_data: [] }, "wrong-type"],
    [EventKind.StatusUpdate, { status_data: { bot_rank: "high" } }, "wrong-type"],
    [EventKind.StatusUpdate, { status_data: { bot_name: 3 } }, "wrong-type"],
    [EventKind.StatusUpdate, { status_data: { playlist_items: 2.5 } }, "wrong-type"],
    [EventKind.MarkSent, { message_id: 0 }, "invalid-value"],
    [EventKind.MarkSent, { message_id: "1" }, "wrong-type"],
  ];
  it("rejects each missing, mistyped or out-of-range field with its reason", () => {
    for (const [kind, obj, reason] of bad) {
      assert.equal(reasonOf(checkEvent(kind as 0, obj)), reason, JSON.stringify(obj));
    }
  });
  it("rejects an unknown kind", () => {
    assert.equal(reasonOf(checkEvent(99 as 0, {})), "unknown-subject");
  });
});

describe("checkRequest", () => {
  it("applies the defaults", () => {
    assert.deepEqual(checkRequest(RequestKind.OutboundGet, {}), { limit: 50, maxRetries: 3 });
    assert.deepEqual(checkRequest(RequestKind.RecentChatGet, { limit: 5 }), { limit: 5, maxRetries: 0 });
  });
  it("rejects bad limits and retries", () => {
    assert.equal(reasonOf(checkRequest(RequestKind.RecentChatGet, { limit: "5" })), "wrong-type");
    assert.equal(reasonOf(checkRequest(RequestKind.RecentChatGet, { limit: 0 })), "invalid-value");
    assert.equal(reasonOf(checkRequest(RequestKind.RecentChatGet, { limit: MAX_REQUEST_LIMIT + 1 })), "invalid-value");
    assert.equal(reasonOf(checkRequest(RequestKind.OutboundGet, { max_retries: -1 })), "invalid-value");
  });
});
