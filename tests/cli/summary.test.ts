import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderSummary, throughputLine } from "../../src/cli/summary.ts";
import { splitRates } from "../../src/result/rates.ts";
import { fixture, shortGrowthResult } from "../support/results.ts";

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

describe("the end-of-run summary's throughput", () => {
  it("shows requests as replied/s, never in the persisted rate, and persisted against what was sent to persist", () => {
    // report-fixture mixes chat and joined (persisted) with recent (a request): 1220 sent, 1126 to persist, 94
    // requests, 30 answered.
    const r = fixture("report-fixture");
    const line = renderSummary(r).split("\n").find((l) => l.startsWith("throughput:"));
    assert.equal(
      line,
      "throughput: offered 174/s, achieved 174/s; persisted 60/s of 161/s sent to be persisted; " +
        "replied 4/s of 13/s requests (never persisted)",
    );
    const split = splitRates(r)!;
    assert.ok(Math.abs(split.toPersist + split.requests - split.achieved) < 1e-9, "every event sent is one or other");
  });

  it("keeps the short line when every event is meant to be persisted", () => {
    const r = fixture("single-event-latency");
    const line = renderSummary(r).split("\n").find((l) => l.startsWith("throughput:"))!;
    assert.match(line, /^throughput: offered \S+, achieved \S+, persisted \S+$/);
    assert.equal(
      throughputLine({
        offered: 500,
        achieved: 500,
        persisted: 455,
        toPersist: 455,
        requests: 45,
        replied: 45,
        allPersist: false,
      }),
      "throughput: offered 500/s, achieved 500/s; persisted 455/s of 455/s sent to be persisted; " +
        "replied 45/s of 45/s requests (never persisted)",
    );
  });
});

describe("the end-of-run summary's thresholds", () => {
  it("prints memory growth from a 12 s run as not resolvable with its interval, not as a rate per hour", () => {
    const out = renderSummary(shortGrowthResult(false));
    const row = out.split("\n").find((l) => l.startsWith("busmark.memory.growth"))!;
    assert.match(
      row,
      /not resolvable in a 12 s run \(95 % CI 3700\.00MB\/h … 11100\.00MB\/h\)\s+FAIL \(not resolvable\)/,
    );
    assert.doesNotMatch(out, /7390/);
    assert.match(out, /unsure: busmark\.memory\.growth < 50MB\/h: memory growth from 12 s of samples/);
  });
});
