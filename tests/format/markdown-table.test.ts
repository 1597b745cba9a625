import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { code, escapeMd, mdTable } from "../../src/format/markdown-table.ts";

describe("Markdown tables", () => {
  it("aligns figures right and escapes cells", () => {
    const t = mdTable(["a", "b"], [["x", "1"]]);
    assert.equal(t, "| a | b |\n| :--- | ---: |\n| x | 1 |");
    assert.equal(mdTable(["a"], [], ["center"]).split("\n")[1], "| :---: |");
    assert.equal(escapeMd("a|b*c_d`e[f]<g>\\"), "a\\|b\\*c\\_d\\`e\\[f\\]&lt;g&gt;\\\\");
    assert.equal(escapeMd("two\nlines"), "two lines");
    assert.equal(code("a|b"), "`a\\|b`");
    assert.equal(code("x`y"), "`` x`y ``");
  });
});
