import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bootstrapChange, mean, quantile, stddev } from "../../src/compare/bootstrap.ts";

describe("bootstrap interval of the relative change", () => {
  it("brackets a clear 20 % shift and excludes 0", () => {
    const base = [100, 102, 98, 101, 99];
    const cand = base.map((v) => v * 1.2);
    const ci = bootstrapChange(base, cand)!;
    assert.ok(ci.low > 0.15 && ci.high < 0.25, JSON.stringify(ci));
    assert.ok(ci.low <= 0.2 && ci.high >= 0.2);
    assert.equal(ci.level, 0.95);
  });

  it("includes 0 for samples from the same spread", () => {
    const ci = bootstrapChange([100, 110, 90, 105, 95], [98, 108, 92, 104, 97])!;
    assert.ok(ci.low < 0 && ci.high > 0, JSON.stringify(ci));
  });

  it("is deterministic for a seed and undefined with fewer than two values or a zero baseline", () => {
    assert.deepEqual(bootstrapChange([1, 2, 3], [2, 3, 4]), bootstrapChange([1, 2, 3], [2, 3, 4]));
    assert.equal(bootstrapChange([1], [1, 2]), undefined);
    assert.equal(bootstrapChange([0, 0], [1, 2]), undefined);
  });

  it("has correct helpers", () => {
    assert.equal(mean([1, 2, 3]), 2);
    assert.ok(Number.isNaN(mean([])));
    assert.equal(stddev([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7));
    assert.equal(stddev([1]), 0);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.ok(Number.isNaN(quantile([], 0.5)));
  });
});
