import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { weightedChooser, WeightsError } from "../../src/load/chooser.ts";
import { createRng } from "../../src/load/rng.ts";

/** An rng walking a fine uniform grid of [0, 1): exposes the exact probability mass of each index. */
function gridRng(steps: number): () => number {
  let i = 0;
  return () => (i++ % steps + 0.5) / steps;
}

function frequencies(weights: number[], draws: number, rng: () => number): number[] {
  const choose = weightedChooser(weights, rng);
  const counts = weights.map(() => 0);
  for (let i = 0; i < draws; i++) counts[choose()]!++;
  return counts;
}

describe("weightedChooser", () => {
  it("gives each index exactly its share of the probability mass", () => {
    const weights = [10, 5, 2];
    const steps = 17 * 1000;
    const counts = frequencies(weights, steps, gridRng(steps));
    assert.deepEqual(counts, [10_000, 5_000, 2_000]);
  });

  it("handles uneven, unnormalised weights", () => {
    const weights = [0.1, 3, 0, 7.25, 1];
    const sum = weights.reduce((a, b) => a + b, 0);
    const steps = 100_000;
    const counts = frequencies(weights, steps, gridRng(steps));
    weights.forEach((w, i) => {
      assert.ok(Math.abs(counts[i]! - (w / sum) * steps) <= weights.length, `index ${i}: ${counts[i]}`);
    });
    assert.equal(counts[2], 0, "a zero weight is never drawn");
  });

  it("matches the weights with a seeded rng and is deterministic", () => {
    const weights = [10, 5, 2];
    const n = 170_000;
    const counts = frequencies(weights, n, createRng(3));
    // Chi-square, 2 degrees of freedom: 13.8 is the 0.1 % critical value.
    const chi = weights.reduce((s, w, i) => s + (counts[i]! - (w / 17) * n) ** 2 / ((w / 17) * n), 0);
    assert.ok(chi < 13.8, `chi-square ${chi}`);
    const a = weightedChooser(weights, createRng(9));
    const b = weightedChooser(weights, createRng(9));
    const seqA = Array.from({ length: 50 }, a);
    assert.deepEqual(seqA, Array.from({ length: 50 }, b));
    assert.ok(new Set(seqA).size === 3);
  });

  it("always returns 0 for a single weight without drawing", () => {
    let calls = 0;
    const choose = weightedChooser([4], () => {
      calls++;
      return 0.5;
    });
    assert.equal(choose(), 0);
    assert.equal(calls, 0);
  });

  it("rejects weights that define no choice", () => {
    for (const bad of [[], [0, 0], [1, -1], [1, Number.NaN], [Number.POSITIVE_INFINITY]]) {
      assert.throws(() => weightedChooser(bad, Math.random), (e: unknown) => {
        assert.ok(e instanceof WeightsError);
        assert.match(e.message, /^Cannot build a weighted chooser: /);
        return true;
      }, JSON.stringify(bad));
    }
  });
});
