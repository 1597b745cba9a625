/** Judging one reply by compiled `expect:` checks, and the sent log a `recent` check reads. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseReplyCondition, type ReplyCondition, type ReplyExpect } from "../../src/scenario/expect.ts";
import { compileExpect, judgeReply, type KeepSpec, type RecentView } from "../../src/run/reply-check.ts";
import { SentLog } from "../../src/run/sent-log.ts";

const bytes = (v: unknown) => new TextEncoder().encode(typeof v === "string" ? v : JSON.stringify(v));

function cond(text: string): ReplyCondition {
  const c = parseReplyCondition(text);
  assert.ok(!("message" in c), text);
  return c as ReplyCondition;
}

function judge(expect: Partial<ReplyExpect>, reply: unknown, request: unknown = {}, view?: RecentView) {
  const keep = new Map<number, KeepSpec>();
  const compiled = compileExpect({ status: "ok", that: [], ...expect }, () => 0, keep, 1000);
  return judgeReply(compiled, bytes(reply), bytes(request), view);
}

describe("judgeReply", () => {
  it("checks the status: an { error } object or an empty reply is an error reply", () => {
    assert.equal(judge({}, [1]), undefined);
    assert.equal(judge({}, { error: "no" }), "status: expected ok, got an error reply");
    assert.equal(judge({}, ""), "status: expected ok, got an error reply");
    assert.equal(judge({ status: "error" }, { error: "no" }), undefined);
    assert.equal(judge({ status: "error" }, []), "status: expected an error reply");
    assert.equal(judge({}, "not json"), undefined, "only the status is asked");
    assert.equal(judge({ that: [cond("length == 1")] }, "not json"), "the reply is not JSON");
  });

  it("checks a JSON schema and names the first violation", () => {
    const schema = { type: "array", items: { type: "object", required: ["username"] } };
    assert.equal(judge({ schema }, [{ username: "a" }]), undefined);
    assert.equal(judge({ schema }, [{ user: "a" }]), "schema: /0 must have required property 'username'");
    assert.equal(judge({ schema }, {}), "schema: the reply must be array");
  });

  it("checks conditions on pointers and lengths", () => {
    const reply = [{ username: "u", message: "one" }, { username: "", message: "two" }];
    assert.equal(judge({ that: [cond("/0/message == 'one'"), cond("length <= 2")] }, reply), undefined);
    assert.equal(judge({ that: [cond('/0/message == "two"')] }, reply), '/0/message: expected "two" got "one"');
    assert.equal(judge({ that: [cond("/1/username != ''")] }, reply), '/1/username: expected anything but ""');
    assert.equal(judge({ that: [cond("length < 2")] }, reply), "length: 2 is not < 2");
    assert.equal(judge({ that: [cond("length(/0/message) > 3")] }, reply), "length(/0/message): 3 is not > 3");
    assert.equal(judge({ that: [cond("/5/message == 1")] }, reply), "/5/message: /5/message missing");
    assert.equal(judge({ that: [cond("/0/message > 1")] }, reply), "/0/message: expected a number, got one");
    assert.equal(
      judge({ that: [cond("length(/0/x) == 0")] }, [{ x: 5 }]),
      "length(/0/x): not a list, text or map (got 5)",
    );
    assert.equal(judge({ that: [cond("/a~1b == true")] }, { "a/b": true }), undefined, "escaped pointers");
  });

  it("checks the recent window against the sent log, limit from the request", () => {
    const log = new SentLog(["/message"], 100);
    ["one", "two", "three"].forEach((m, i) => log.record(i, bytes({ message: m })));
    const view: RecentView = (p) => ({ lo: 3, hi: log.count, oldest: log.oldest, at: (i) => log.at(p, i) });
    const recent = { event: "chat", limit: { pointer: "/limit" }, match: "/message", order: "oldest-first", items: "" };
    const rows = (...m: string[]) => m.map((message) => ({ username: "u", message }));
    const e = { recent: recent as ReplyExpect["recent"] };
    assert.equal(judge(e, rows("two", "three"), { limit: 2 }, view), undefined);
    assert.equal(
      judge(e, rows("two", "one"), { limit: 2 }, view),
      "recent: [two, one] is not the newest 2 chat /message sent, oldest first (expected [two, three])",
    );
    assert.match(judge(e, rows("three"), { limit: "x" }, view) ?? "", /^recent: the request's limit is not a whole/);
    const newestFirst = { recent: { ...recent, order: "newest-first", items: "/messages" } as ReplyExpect["recent"] };
    assert.equal(judge(newestFirst, { messages: rows("three", "two") }, { limit: 2 }, view), undefined);
    assert.equal(judge(newestFirst, rows("three", "two"), { limit: 2 }, view), "recent: /messages is not a list");
  });
});

describe("SentLog", () => {
  it("keeps the newest values and the confirmed prefix", () => {
    const log = new SentLog(["/m", "/n"], 2);
    for (let i = 0; i < 5; i++) log.record(10 + i, bytes({ m: `v${i}` }));
    assert.equal(log.count, 5);
    assert.equal(log.oldest, 3);
    assert.equal(log.at(0, 2), undefined, "overwritten");
    assert.equal(log.at(0, 4), '"v4"');
    assert.equal(log.at(1, 4), undefined, "no field /n");
    const persisted = new Set([10, 11, 13]);
    assert.equal(log.confirmedPrefix((id) => persisted.has(id)), 2);
    persisted.add(12);
    assert.equal(log.confirmedPrefix((id) => persisted.has(id)), 4);
  });
});

describe("parseReplyCondition", () => {
  it("reads pointers, lengths and JSON literals", () => {
    assert.deepEqual(cond("length(/items) > 0").operand, { kind: "length", pointer: "/items" });
    assert.deepEqual(cond("length <= 50").operand, { kind: "length", pointer: "" });
    assert.equal(cond('/0/message == "x"').value, "x");
    assert.equal(cond("/0/ok == true").value, true);
  });

  it("says what is wrong where", () => {
    assert.deepEqual(parseReplyCondition("message == 1"), {
      offset: 0,
      message: "cannot read the condition: write `POINTER OP VALUE`, `length OP N` or `length(POINTER) OP N`, " +
        'e.g. `/0/message == "x"`',
    });
    assert.deepEqual(parseReplyCondition("/a == x"), {
      offset: 6,
      message: "`x` is not a JSON value (a number, \"text\", 'text', true, false or null)",
    });
    assert.equal((parseReplyCondition("length > 'a'") as { offset: number }).offset, 9);
    assert.equal((parseReplyCondition("/a~2 == 1") as { offset: number }).offset, 0);
    assert.equal((parseReplyCondition("length(/a~x) == 1") as { offset: number }).offset, 7);
  });
});
