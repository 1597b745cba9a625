import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseTemplate } from "../../src/scenario/template.ts";
import type { PayloadExpr } from "../../src/scenario/types.ts";

describe("parseTemplate", () => {
  const accepted: [string, PayloadExpr][] = [
    ["plain", { kind: "literal", value: "plain" }],
    ["{{ pool users }}", { kind: "pool", pool: "users" }],
    ["{{seq}}", { kind: "seq", start: 1 }],
    ["{{ seq -5 }}", { kind: "seq", start: -5 }],
    ["{{ int 1 6 }}", { kind: "int", min: 1, max: 6 }],
    ["{{ text 0 10 }}", { kind: "text", min: 0, max: 10 }],
    ['{{ pick a 2 true "b c" }}', { kind: "pick", values: ["a", 2, true, "b c"] }],
    ["{{ now }}", { kind: "now", unit: "s" }],
    ["{{ now ms }}", { kind: "now", unit: "ms" }],
    ["{{ id }}", { kind: "id" }],
    ["x {{ id }}", { kind: "concat", parts: [{ kind: "literal", value: "x " }, { kind: "id" }] }],
    ['{{ "{{" }}', { kind: "literal", value: "{{" }],
    ['a{{ "b" }}c', { kind: "literal", value: "abc" }],
    ["id-{{ seq }}", { kind: "concat", parts: [{ kind: "literal", value: "id-" }, { kind: "seq", start: 1 }] }],
    ["{{ int 1 2 }}{{ int 3 4 }}", {
      kind: "concat",
      parts: [{ kind: "int", min: 1, max: 2 }, { kind: "int", min: 3, max: 4 }],
    }],
  ];
  for (const [text, expr] of accepted) {
    it(`parses ${text}`, () => {
      const r = parseTemplate(text);
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.expr, expr);
    });
  }

  it("lists the pools it names, with offsets", () => {
    const r = parseTemplate("{{ pool a }} and {{ pool b }}");
    assert.ok(r.ok);
    assert.deepEqual(r.pools, [{ name: "a", offset: 8 }, { name: "b", offset: 25 }]);
  });

  const rejected: [string, string, number][] = [
    ["{{ pool users", "`{{` without a closing `}}`", 0],
    ["{{ }}", "empty `{{ }}`", 3],
    ["{{ nope }}", "unknown template function `nope`", 3],
    ["{{ pool }}", "missing arguments: write `pool NAME`", 8],
    ["{{ pool a b }}", "too many arguments: write `pool NAME`", 10],
    ["{{ seq x }}", "START must be an integer, got `x`", 7],
    ["{{ int 1 }}", "missing arguments: write `int MIN MAX`", 9],
    ["{{ int 1.5 2 }}", "MIN must be an integer, got `1.5`", 7],
    ["{{ int 5 2 }}", "MIN (5) is greater than MAX (2)", 7],
    ["{{ text -1 5 }}", "`text MIN MAX` takes values from 0 to 1000000", 8],
    ["{{ text 1 2000000 }}", "`text MIN MAX` takes values from 0 to 1000000", 8],
    ["{{ pick }}", "missing arguments: write `pick A B ...`", 8],
    ["{{ now us }}", "`now` takes `s` or `ms`", 7],
    ["{{ id 1 }}", "too many arguments: write `id`", 6],
    ['{{ "a }}', "unterminated quoted value in a template", 3],
    ['{{ "a" b }}', "a quoted literal stands alone in `{{ }}`", 7],
  ];
  for (const [text, message, offset] of rejected) {
    it(`rejects ${text}`, () => {
      const r = parseTemplate(text);
      assert.ok(!r.ok);
      assert.ok(r.error.message.startsWith(message), r.error.message);
      assert.equal(r.error.offset, offset);
    });
  }
});
