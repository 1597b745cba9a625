import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StatsCounters } from "../../src/service/stats.ts";

describe("StatsCounters", () => {
  it("buckets batch sizes by powers of two and sums the rejections", () => {
    const c = new StatsCounters();
    for (const size of [1, 1, 2, 3, 4, 5, 1000, 1024, 1025, 1_000_000]) c.recordBatch(size);
    c.reject("oversized");
    c.reject("oversized");
    c.reject("no-reply");
    c.recordCommitTime(0.5);
    c.recordCommitTime(12.25);
    c.recordCommitTime(3);
    const s = c.snapshot({
      mode: "direct",
      prefix: null,
      pid: 1,
      runtime: "x",
      driver: "d",
      queueDepth: 0,
      pruned: 0,
    });
    assert.deepEqual(s.batchSizes, { "1": 2, "2": 1, "4": 2, "8": 1, "1024": 2, "2048": 1, "65536": 1 });
    assert.equal(s.transactions, 10);
    assert.equal(s.committed, 1 + 1 + 2 + 3 + 4 + 5 + 1000 + 1024 + 1025 + 1_000_000);
    assert.equal(s.maxBatch, 1_000_000);
    assert.equal(s.invalid.oversized, 2);
    assert.equal(s.invalidTotal, 3);
    assert.ok(s.uptimeMs >= 0);
    assert.equal(s.commitMsMax, 12.25);
    assert.equal(s.slowCommits, 1);
  });
});
