import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRng, deriveSeed } from "../../src/load/rng.ts";

function take(rng: () => number, n: number): number[] {
  return Array.from({ length: n }, rng);
}

describe("createRng", () => {
  it("is deterministic: the same seed gives the same sequence", () => {
    assert.deepEqual(take(createRng(42), 100), take(createRng(42), 100));
  });

  it("gives different sequences for different seeds", () => {
    assert.notDeepEqual(take(createRng(1), 10), take(createRng(2), 10));
    assert.notDeepEqual(take(createRng(0), 10), take(createRng(2 ** 32), 10));
  });

  it("pins the sequence so a change of generator is noticed", () => {
    const first = take(createRng(1), 3).map((x) => Math.floor(x * 2 ** 32));
    assert.deepEqual(first, PINNED);
  });

  it("stays in [0, 1) and is roughly uniform", () => {
    const rng = createRng(7);
    const buckets = new Array(10).fill(0) as number[];
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = rng();
      assert.ok(x >= 0 && x < 1);
      buckets[Math.floor(x * 10)]!++;
    }
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.1 % critical value.
    const chi = buckets.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    assert.ok(chi < 27.9, `chi-square ${chi}`);
  });

  it("accepts any number as a seed", () => {
    for (const seed of [-1, 0.5, 1e20, Number.NaN]) {
      const a = take(createRng(seed), 5);
      assert.deepEqual(a, take(createRng(seed), 5));
      assert.ok(a.every((x) => x >= 0 && x < 1));
    }
    assert.notDeepEqual(take(createRng(0.5), 5), take(createRng(0.25), 5));
  });
});

describe("deriveSeed", () => {
  it("is deterministic and 32-bit", () => {
    const s = deriveSeed(42, "mix", "steady", 0);
    assert.equal(s, deriveSeed(42, "mix", "steady", 0));
    assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 32);
  });

  it("separates seeds, parts, part boundaries and types", () => {
    const seeds = [
      deriveSeed(42),
      deriveSeed(43),
      deriveSeed(42, "mix"),
      deriveSeed(42, "payload"),
      deriveSeed(42, "ab", "c"),
      deriveSeed(42, "a", "bc"),
      deriveSeed(42, 1),
      deriveSeed(42, "1"),
      deriveSeed(42, "mix", 0),
      deriveSeed(42, "mix", 1),
      deriveSeed(42, 1.5),
    ];
    assert.equal(new Set(seeds).size, seeds.length);
  });
});

/** The first three outputs of createRng(1), times 2^32. */
const PINNED = [1828152527, 3394835397, 2967886022];
