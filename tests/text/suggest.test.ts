import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { closest, didYouMean, editDistance } from "../../src/text/suggest.ts";

describe("suggest", () => {
  it("measures edit distance", () => {
    assert.equal(editDistance("", "abc"), 3);
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("duration", "duration"), 0);
    assert.equal(editDistance("durration", "duration"), 1);
    assert.equal(editDistance("alpah", "alpha"), 1, "a transposition is one edit");
    assert.equal(editDistance("ab", ""), 2);
  });

  it("suggests only close names", () => {
    assert.equal(closest("durration", ["duration", "load", "name"]), "duration");
    assert.equal(closest("xyz", ["duration", "load"]), undefined);
    assert.equal(closest("load", ["load"]), undefined, "no suggestion for an exact match");
    assert.equal(didYouMean("stedy", ["steady", "burst"]), " — did you mean `steady`?");
    assert.equal(didYouMean("zzz", ["steady"]), "");
  });
});
