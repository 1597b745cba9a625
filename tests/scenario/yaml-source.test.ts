import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { childPath, pointerSegment, readYamlSource } from "../../src/scenario/yaml-source.ts";

describe("readYamlSource", () => {
  const text = [
    "a: 1", //                       line 1
    "b:", //                         line 2
    "  - x", //                      line 3
    "  - { c: 'q', d: \"${V}\" }", // line 4
    "e: &anchor { f: 2 }", //        line 5
    "g: *anchor", //                 line 6
    "h: ${N:-12}", //                line 7
    "i: '${N:-12}'", //              line 8
    "j: 'n=${N:-12}'", //            line 9
    "k: ${T:-true}", //              line 10
    "l/m: 3", //                     line 11
  ].join("\n");
  const src = readYamlSource(text, "f.yaml", { V: "vee" });

  it("builds the plain value, interpolating and re-typing", () => {
    assert.deepEqual(src.value, {
      a: 1,
      b: ["x", { c: "q", d: "vee" }],
      e: { f: 2 },
      g: { f: 2 },
      h: 12,
      i: 12,
      j: "n=12",
      k: true,
      "l/m": 3,
    });
    assert.deepEqual(src.problems, []);
  });

  it("positions values, keys and characters", () => {
    assert.deepEqual(src.pos("/a"), { line: 1, column: 4 });
    assert.deepEqual(src.keyPos("/a"), { line: 1, column: 1 });
    assert.deepEqual(src.pos("/b/1/c"), { line: 4, column: 10 });
    assert.deepEqual(src.keyPos("/b/1/d"), { line: 4, column: 15 });
    assert.deepEqual(src.posIn("/b/1/c", 0), { line: 4, column: 11 }, "inside the quotes");
    assert.deepEqual(src.posIn("/j", 2), { line: 9, column: 12 }, "a default's text maps back into the default");
    assert.deepEqual(src.posIn("/a", 0, true), { line: 1, column: 1 });
    assert.deepEqual(src.pos(`/${pointerSegment("l/m")}`), { line: 11, column: 6 });
    assert.deepEqual(src.pos("/b/1/c/deeper/still"), { line: 4, column: 10 }, "falls back to the nearest ancestor");
    assert.deepEqual(src.posIn("/b/9", 3), { line: 3, column: 3 }, "unknown paths fall back to the nearest ancestor");
    assert.deepEqual(src.pos("/g/f"), { line: 5, column: 17 }, "an alias points at its anchor's node");
  });

  it("escapes JSON-pointer segments", () => {
    assert.equal(childPath("/x", "a/b~c"), "/x/a~1b~0c");
    assert.equal(childPath("", 3), "/3");
  });

  it("reports unset variables at their position", () => {
    const s = readYamlSource("x: a-${NOPE}\n", "f.yaml", {});
    assert.deepEqual(s.problems.map((p) => [p.line, p.column, p.kind, p.path]), [[1, 6, "unset-variable", "/x"]]);
  });

  it("reports YAML errors: the first syntax error and every duplicate key", () => {
    const broken = readYamlSource("a: 1\na: 2\nb: [1\nc: {\n", "f.yaml", {});
    assert.equal(broken.value, undefined);
    assert.deepEqual(broken.problems.map((p) => p.kind), ["duplicate-key", "yaml-syntax"]);
    assert.deepEqual([broken.problems[0]!.line, broken.problems[0]!.column], [2, 1]);
  });

  it("reports what the YAML reads but a scenario cannot hold", () => {
    const s = readYamlSource("a: .inf\n? [k]\n: v\nb: *missing\nc: !custom x\n", "f.yaml", {});
    assert.deepEqual(s.problems.map((p) => [p.line, p.kind]), [
      [5, "yaml-syntax"], // the unresolved tag is a warning the parser reports first
      [1, "type"],
      [2, "yaml-syntax"],
      [4, "yaml-syntax"],
    ]);
    assert.ok(s.problems.some((p) => p.message === "unknown anchor `missing`"));
  });

  it("stops at absurd nesting", () => {
    const deep = `${"[".repeat(100)}${"]".repeat(100)}`;
    const s = readYamlSource(deep, "f.yaml", {});
    assert.equal(s.problems.length, 1);
    assert.match(s.problems[0]!.message, /too large or too deeply nested/);
  });
});
