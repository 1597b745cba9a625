import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tQuantile975 } from "../../src/stats/student-t.ts";

describe("tQuantile975", () => {
  it("matches the tables of Student's t at 97.5 % within 0.001", () => {
    const table: [number, number][] = [[1, 12.706], [2, 4.303], [3, 3.182], [5, 2.571], [10, 2.228], [30, 2.042], [
      1000,
      1.962,
    ]];
    for (const [df, t] of table) assert.ok(Math.abs(tQuantile975(df) - t) < 1e-3, `df ${df}: ${tQuantile975(df)}`);
  });

  it("has no finite value without a degree of freedom", () => {
    assert.equal(tQuantile975(0), Infinity);
    assert.equal(tQuantile975(Number.NaN), Infinity);
  });
});
