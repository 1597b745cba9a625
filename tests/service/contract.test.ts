import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  EVENT_SUBJECTS,
  EventKind,
  REQUEST_SUBJECTS,
  RequestKind,
  routeTable,
  subjectOf,
} from "../../src/service/contract.ts";

describe("routeTable", () => {
  const route = routeTable("rosey.db");
  it("routes the nine subjects of the contract and _stats", () => {
    assert.equal(EVENT_SUBJECTS.length + REQUEST_SUBJECTS.length - 1, 9);
    assert.deepEqual(route("rosey.db.message.log"), { type: "event", kind: EventKind.MessageLog });
    assert.deepEqual(route("rosey.db.messages.outbound.mark_sent"), { type: "event", kind: EventKind.MarkSent });
    assert.deepEqual(route("rosey.db.stats.recent_chat.get"), { type: "request", kind: RequestKind.RecentChatGet });
    assert.deepEqual(route(subjectOf("rosey.db", "_stats")), { type: "request", kind: RequestKind.Stats });
    EVENT_SUBJECTS.forEach((s, kind) => assert.deepEqual(route(`rosey.db.${s}`), { type: "event", kind }));
  });
  it("tells control subjects from unknown ones", () => {
    assert.equal(route("rosey.db._busmark.committed").type, "control");
    assert.equal(route("rosey.db.message.logs").type, "unknown");
    assert.equal(route("rosey.db.user").type, "unknown");
  });
});
