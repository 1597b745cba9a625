import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderSummary } from "../../src/cli/summary.ts";
import { fixture } from "../support/results.ts";

describe("the end-of-run summary", () => {
  it("says per event type how it was confirmed, when the result says so", () => {
    const r = {
      ...fixture("report-fixture"),
      confirmation: [
        { events: ["chat"], kind: "subject" as const, source: "subject shop.orders.stored (header Bm-Id)" },
        { events: ["joined"], kind: "none" as const, source: "none" },
        { events: ["recent"], kind: "reply" as const, source: "reply" },
      ],
    };
    const line = renderSummary(r).split("\n").find((l) => l.startsWith("confirmation: "));
    assert.equal(
      line,
      "confirmation: chat by subject shop.orders.stored (header Bm-Id); joined not confirmed (completed on delivery); " +
        "recent by reply",
    );
    const onlyRequests = { ...r, confirmation: [r.confirmation[2]!] };
    assert.ok(!renderSummary(onlyRequests).includes("confirmation: "), "nothing to say when every event is a request");
    assert.ok(!renderSummary(fixture("report-fixture")).includes("confirmation: "), "an old result says nothing");
  });
});
