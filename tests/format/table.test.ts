import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { textTable } from "../../src/format/table.ts";

describe("textTable", () => {
  it("pads each column to its widest cell, two spaces apart, with no trailing spaces", () => {
    assert.equal(textTable([["a", "bb", "c"], ["ccc", "d", ""]]), "a    bb  c\nccc  d");
  });

  it("never pads the last column and accepts short rows", () => {
    assert.equal(textTable([["name", "x"], ["n"], ["longer", "y  "]]), "name    x\nn\nlonger  y");
    assert.equal(textTable([]), "");
  });
});
