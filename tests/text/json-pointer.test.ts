import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  checkPointer,
  parsePointer,
  pointerTokens,
  resolvePointer,
  resolveTokens,
} from "../../src/text/json-pointer.ts";

describe("JSON pointers", () => {
  it("accepts RFC 6901 pointers and says where one is wrong", () => {
    for (const ok of ["", "/", "/ref", "/a/0/b", "/a~0b/c~1d"]) assert.equal(checkPointer(ok), undefined, ok);
    assert.equal(checkPointer("ref")?.offset, 0);
    assert.equal(checkPointer("/a~2")?.offset, 2);
    assert.equal(checkPointer("/a~")?.offset, 2);
  });

  it("unescapes tokens (~1 before ~0) and resolves them", () => {
    assert.deepEqual(pointerTokens(""), []);
    assert.deepEqual(pointerTokens("/a~1b/~01"), ["a/b", "~1"]);
    const doc = { order: { ids: ["x", "y"] }, "a/b": 1, "": "empty", n: null };
    assert.equal(resolvePointer(doc, pointerTokens("/order/ids/1")), "y");
    assert.equal(resolvePointer(doc, pointerTokens("/a~1b")), 1);
    assert.equal(resolvePointer(doc, pointerTokens("/")), "empty");
    assert.equal(resolvePointer(doc, []), doc);
    assert.equal(resolvePointer(doc, pointerTokens("/n")), null);
    for (const missing of ["/order/ids/01", "/order/ids/-", "/order/ids/2", "/nope", "/n/x", "/order/ids/0/x"]) {
      assert.equal(resolvePointer(doc, pointerTokens(missing)), undefined, missing);
    }
    assert.equal(resolvePointer({}, ["constructor"]), undefined);
  });

  it("parses only valid pointers and tells a null found from nothing found", () => {
    assert.deepEqual(parsePointer("/a/0"), ["a", "0"]);
    assert.equal(parsePointer("a"), undefined);
    assert.equal(parsePointer("/a~2"), undefined);
    assert.deepEqual(resolveTokens({ n: null }, ["n"]), { found: true, value: null });
    assert.deepEqual(resolveTokens({ n: null }, ["m"]), { found: false });
    assert.deepEqual(resolveTokens([1, 2], ["2"]), { found: false });
  });
});
