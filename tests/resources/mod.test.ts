import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as resources from "../../src/resources/mod.ts";

describe("src/resources/mod.ts", () => {
  it("exports the sampler and the growth fit", () => {
    assert.equal(typeof resources.ResourceSampler, "function");
    assert.equal(typeof resources.memoryGrowth, "function");
  });
});
