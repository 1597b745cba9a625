import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { binomial, mannWhitneyGreater, midranks, minimumP, normalUpperTail } from "../../src/compare/mann-whitney.ts";

describe("Mann-Whitney U, one-sided", () => {
  it("gives 1/C(n+m, m) for complete separation, exactly", () => {
    const r = mannWhitneyGreater([1, 2, 3], [4, 5, 6]);
    assert.equal(r.exact, true);
    assert.equal(r.u, 9);
    assert.equal(r.p, 1 / 20);
    assert.equal(mannWhitneyGreater([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).p, 1 / 252);
  });

  it("gives p = 1 when the candidate is entirely smaller (wrong direction)", () => {
    assert.equal(mannWhitneyGreater([4, 5, 6], [1, 2, 3]).p, 1);
  });

  it("is not significant for interleaved samples", () => {
    const r = mannWhitneyGreater([1, 3, 5, 7, 9], [2, 4, 6, 8, 10]);
    assert.ok(r.p > 0.2 && r.p < 0.5, `p = ${r.p}`);
  });

  it("handles ties exactly (identical samples: p > 0.5)", () => {
    const r = mannWhitneyGreater([5, 5, 5], [5, 5, 5]);
    assert.equal(r.u, 4.5);
    assert.equal(r.p, 1);
    const partial = mannWhitneyGreater([1, 2, 2], [2, 3, 4]);
    assert.ok(partial.p > 0.05 && partial.p < 0.2, `p = ${partial.p}`);
  });

  it("uses a normal approximation for large samples and agrees with the exact test's direction", () => {
    const xs = Array.from({ length: 40 }, (_, i) => i);
    const ys = Array.from({ length: 40 }, (_, i) => i + 15);
    const r = mannWhitneyGreater(xs, ys);
    assert.equal(r.exact, false);
    assert.ok(r.p < 0.01, `p = ${r.p}`);
    assert.ok(mannWhitneyGreater(ys, xs).p > 0.99);
  });

  it("computes midranks, binomials, the floor p-value and normal tails", () => {
    assert.deepEqual(midranks([10, 20, 20, 30]), [1, 2.5, 2.5, 4]);
    assert.equal(binomial(10, 5), 252);
    assert.equal(binomial(3, 4), 0);
    assert.equal(minimumP(1, 1), 0.5);
    assert.equal(minimumP(2, 2), 1 / 6);
    assert.equal(minimumP(0, 3), 1);
    assert.ok(Math.abs(normalUpperTail(1.6448536) - 0.05) < 1e-5);
    assert.ok(Math.abs(normalUpperTail(-1.6448536) - 0.95) < 1e-5);
    assert.ok(Math.abs(normalUpperTail(0) - 0.5) < 1e-6);
  });

  it("returns p = 1 for an empty side", () => {
    assert.equal(mannWhitneyGreater([], [1]).p, 1);
  });
});
