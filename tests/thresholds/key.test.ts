import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatThresholdKey, type KeyError, parseThresholdKey } from "../../src/thresholds/key.ts";

describe("parseThresholdKey", () => {
  const accepted: [string, string, Record<string, string>][] = [
    ["latency.persisted", "latency.persisted", {}],
    ["latency.persisted{event: chat}", "latency.persisted", { event: "chat" }],
    ["latency.persisted{event:chat,phase:steady}", "latency.persisted", { event: "chat", phase: "steady" }],
    [" latency.request { event : q } ", "latency.request", { event: "q" }],
    ["micro.op{bench: insert_1}", "micro.op", { bench: "insert_1" }],
  ];
  for (const [key, metric, selector] of accepted) {
    it(`accepts ${JSON.stringify(key)}`, () => {
      const r = parseThresholdKey(key);
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.key.metric.name, metric);
      assert.deepEqual(r.key.selector, selector);
    });
  }

  it("remembers where each selector value starts", () => {
    const r = parseThresholdKey("latency.persisted{event: chat, phase: s}");
    assert.ok(r.ok);
    assert.deepEqual(r.key.offsets, { event: 25, phase: 38 });
  });

  const rejected: [string, KeyError["kind"], number, string][] = [
    ["latency.persist", "unknown-metric", 0, "unknown metric `latency.persist` — did you mean `latency.persisted`?"],
    ["  nope", "unknown-metric", 2, "unknown metric `nope`"],
    ["latency.persisted{event: chat", "invalid-selector", 29, "must end with `}`"],
    ["latency.persisted{event chat}", "invalid-selector", 18, "must read `key: name`"],
    ["latency.persisted{evnt: chat}", "invalid-selector", 18, "unknown selector key `evnt` — did you mean `event`?"],
    ["latency.persisted{bench: x}", "invalid-selector", 18, "cannot be selected by `bench` (it takes event, phase)"],
    ["events.lost{event: a, event: b}", "invalid-selector", 22, "appears twice"],
    ["events.lost{event: a b}", "invalid-selector", 19, "`a b` is not a valid event name"],
    ["events.lost{event: }", "invalid-selector", 19, "is not a valid event name"],
    ["overhead.cpu{phase: x}", "invalid-selector", 13, "(it takes no selector)"],
  ];
  for (const [key, kind, offset, message] of rejected) {
    it(`rejects ${JSON.stringify(key)}`, () => {
      const r = parseThresholdKey(key);
      assert.ok(!r.ok);
      assert.equal(r.error.kind, kind);
      assert.equal(r.error.offset, offset, r.error.message);
      assert.ok(r.error.message.includes(message), r.error.message);
    });
  }
});

describe("formatThresholdKey", () => {
  it("writes keys canonically", () => {
    assert.equal(formatThresholdKey("events.lost", {}), "events.lost");
    assert.equal(formatThresholdKey("x", { phase: "p", event: "e" }), "x{event: e, phase: p}");
  });
});
