import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { directionOf, worsening } from "../../src/compare/direction.ts";

describe("metric directions", () => {
  it("knows which way each kind of metric improves", () => {
    assert.equal(directionOf("latency.persisted"), "smaller");
    assert.equal(directionOf("service.memory"), "smaller");
    assert.equal(directionOf("events.lost.ratio"), "smaller");
    assert.equal(directionOf("throughput.achieved"), "bigger");
    assert.equal(directionOf("events.persisted.ratio"), "bigger");
    assert.equal(directionOf("throughput.offered"), "none");
  });

  it("measures worsening as a signed fraction of the baseline", () => {
    assert.equal(worsening(100, 120, "smaller"), 0.2);
    assert.equal(worsening(100, 80, "smaller"), -0.2);
    assert.equal(worsening(100, 80, "bigger"), 0.2);
    assert.equal(worsening(0, 0, "smaller"), 0);
    assert.equal(worsening(0, 3, "smaller"), Infinity);
    assert.equal(worsening(0, 3, "bigger"), -Infinity);
    assert.equal(worsening(5, 9, "none"), 0);
  });
});
