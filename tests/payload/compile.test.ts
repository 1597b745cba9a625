import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRng } from "../../src/load/rng.ts";
import { compilePayload, payloadCarriesId, PayloadError } from "../../src/payload/compile.ts";
import { WORDS } from "../../src/payload/words.ts";
import type { PayloadExpr, ValuePool } from "../../src/scenario/types.ts";

const decoder = new TextDecoder();
const pools: ValuePool[] = [
  { name: "users", values: ["alice", "bob", "carol"] },
  { name: "odd", values: ['quote " and \\ back', "ünïcødé ☃", "line\nbreak"] },
  { name: "one", values: ["solo"] },
];

function json(bytes: Uint8Array): unknown {
  return JSON.parse(decoder.decode(bytes));
}

const chat: PayloadExpr = {
  kind: "object",
  fields: {
    username: { kind: "pool", pool: "users" },
    message: { kind: "text", min: 20, max: 120 },
    n: { kind: "seq", start: 100 },
    level: { kind: "int", min: -2, max: 2 },
    tag: { kind: "pick", values: ["a", 7, true, null] },
    fixed: { kind: "literal", value: { deep: [1, "x"] } },
  },
};

describe("compilePayload", () => {
  it("returns the same encoded bytes every time for a literal payload", () => {
    const expr: PayloadExpr = {
      kind: "object",
      fields: { a: { kind: "literal", value: 1 }, b: { kind: "array", items: [{ kind: "literal", value: "x" }] } },
    };
    const next = compilePayload(expr, [], () => assert.fail("a literal payload draws nothing"));
    const first = next();
    assert.equal(next(), first, "the very same Uint8Array");
    assert.deepEqual(json(first), { a: 1, b: ["x"] });
    assert.equal(decoder.decode(first), '{"a":1,"b":["x"]}');
    assert.equal(decoder.decode(compilePayload({ kind: "literal", value: undefined }, [], Math.random)()), "null");
  });

  it("generates valid JSON with every generator in its range", () => {
    const next = compilePayload(chat, pools, createRng(1));
    for (let i = 0; i < 500; i++) {
      const v = json(next()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(v), ["username", "message", "n", "level", "tag", "fixed"]);
      assert.ok(["alice", "bob", "carol"].includes(v.username as string));
      const message = v.message as string;
      assert.ok(message.length >= 20 && message.length <= 120, `length ${message.length}`);
      assert.equal(v.n, 100 + i);
      assert.ok(Number.isInteger(v.level) && (v.level as number) >= -2 && (v.level as number) <= 2);
      assert.ok(["a", 7, true, null].includes(v.tag as string));
      assert.deepEqual(v.fixed, { deep: [1, "x"] });
    }
  });

  it("covers the whole int range and every pick", () => {
    const next = compilePayload(
      {
        kind: "array",
        items: [{ kind: "int", min: 1, max: 6 }, { kind: "pick", values: ["x", "y"] }],
      },
      [],
      createRng(5),
    );
    const ints = new Set<number>();
    const picks = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const [n, p] = json(next()) as [number, string];
      ints.add(n);
      picks.add(p);
    }
    assert.deepEqual([...ints].sort(), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual([...picks].sort(), ["x", "y"]);
  });

  it("is deterministic: the same seed gives the same bytes, another seed others", () => {
    const a = compilePayload(chat, pools, createRng(42));
    const b = compilePayload(chat, pools, createRng(42));
    const c = compilePayload(chat, pools, createRng(43));
    const seqA = Array.from({ length: 50 }, () => decoder.decode(a()));
    assert.deepEqual(seqA, Array.from({ length: 50 }, () => decoder.decode(b())));
    assert.notDeepEqual(seqA, Array.from({ length: 50 }, () => decoder.decode(c())));
  });

  it("writes random words of an exact length within [min, max]", () => {
    const words = new Set(WORDS);
    for (const [min, max] of [[0, 0], [1, 1], [2, 3], [5, 40], [200, 200]] as const) {
      const next = compilePayload({ kind: "text", min, max }, [], createRng(min * 31 + max));
      for (let i = 0; i < 200; i++) {
        const text = json(next()) as string;
        assert.ok(text.length >= min && text.length <= max, `${JSON.stringify(text)} for [${min}, ${max}]`);
        assert.ok(!text.startsWith(" ") && !text.endsWith(" "), JSON.stringify(text));
        assert.match(text, /^[a-z ]*$/);
        assert.ok(!text.includes("  "));
        if (max >= 40) {
          // Whole words except possibly a cut last one.
          const parts = text.split(" ");
          parts.slice(0, -1).forEach((w) => assert.ok(words.has(w), w));
        }
      }
    }
  });

  it("concatenates parts into one string and keeps the type of a lone expression", () => {
    const next = compilePayload(
      {
        kind: "object",
        fields: {
          label: {
            kind: "concat",
            parts: [
              { kind: "literal", value: "user-" },
              { kind: "seq", start: 1 },
              { kind: "literal", value: "/" },
              { kind: "pool", pool: "one" },
              { kind: "literal", value: 5 },
              { kind: "object", fields: { k: { kind: "literal", value: "v" } } },
            ],
          },
          count: { kind: "seq", start: 0 },
          constant: { kind: "concat", parts: [{ kind: "literal", value: "a" }, { kind: "literal", value: "b" }] },
        },
      },
      pools,
      createRng(1),
    );
    assert.deepEqual(json(next()), { label: 'user-1/solo5{"k":"v"}', count: 0, constant: "ab" });
    assert.deepEqual(json(next()), { label: 'user-2/solo5{"k":"v"}', count: 1, constant: "ab" });
  });

  it("escapes pool values, in JSON and inside concatenations", () => {
    const next = compilePayload(
      {
        kind: "array",
        items: [
          { kind: "pool", pool: "odd" },
          { kind: "concat", parts: [{ kind: "literal", value: "<" }, { kind: "pool", pool: "odd" }] },
        ],
      },
      pools,
      createRng(2),
    );
    for (let i = 0; i < 50; i++) {
      const [a, b] = json(next()) as [string, string];
      assert.ok(pools[1]!.values.includes(a));
      assert.ok(pools[1]!.values.includes(b.slice(1)));
    }
  });

  it("counts seq per compiled payload", () => {
    const expr: PayloadExpr = { kind: "seq", start: 10 };
    const a = compilePayload(expr, [], Math.random);
    const b = compilePayload(expr, [], Math.random);
    assert.deepEqual([a(), a(), a()].map(json), [10, 11, 12]);
    assert.deepEqual([b()].map(json), [10]);
  });

  it("stamps the wall-clock time in seconds or milliseconds", () => {
    const before = Date.now();
    const [s, ms] = json(
      compilePayload(
        { kind: "array", items: [{ kind: "now", unit: "s" }, { kind: "now", unit: "ms" }] },
        [],
        Math.random,
      )(),
    ) as [number, number];
    const after = Date.now();
    assert.ok(Number.isInteger(s) && s >= Math.floor(before / 1000) && s <= Math.floor(after / 1000));
    assert.ok(ms >= before && ms <= after);
  });

  it("rejects templates that cannot produce a value", () => {
    const bad: PayloadExpr[] = [
      { kind: "pool", pool: "nope" },
      { kind: "object", fields: { u: { kind: "pool", pool: "empty" } } },
      { kind: "int", min: 5, max: 4 },
      { kind: "text", min: 10, max: 2 },
      { kind: "pick", values: [] },
    ];
    for (const expr of bad) {
      assert.throws(() => compilePayload(expr, [{ name: "empty", values: [] }], Math.random), (e: unknown) => {
        assert.ok(e instanceof PayloadError);
        assert.match(e.message, /^Cannot compile payload: /);
        return true;
      }, JSON.stringify(expr));
    }
  });

  it("compiles constant int ranges and single-value pools and picks to constants", () => {
    const next = compilePayload(
      {
        kind: "array",
        items: [{ kind: "int", min: 3, max: 3 }, { kind: "pool", pool: "one" }, { kind: "pick", values: [1] }],
      },
      pools,
      () => assert.fail("nothing to draw"),
    );
    assert.equal(next(), next());
    assert.deepEqual(json(next()), [3, "solo", 1]);
  });

  it("writes the event id the caller gives at send time where `{{ id }}` stands, and nothing else", () => {
    const expr: PayloadExpr = {
      kind: "object",
      fields: {
        username: { kind: "literal", value: "u" },
        message: { kind: "concat", parts: [{ kind: "id" }, { kind: "literal", value: " hi" }] },
        ref: { kind: "id" },
      },
    };
    const next = compilePayload(expr, [], Math.random);
    assert.deepEqual(json(next("20261126T180102Z-3fa9.7")), {
      username: "u",
      message: "20261126T180102Z-3fa9.7 hi",
      ref: "20261126T180102Z-3fa9.7",
    });
    assert.deepEqual(json(next("r.8")), { username: "u", message: "r.8 hi", ref: "r.8" });
    assert.deepEqual(json(next()), { username: "u", message: " hi", ref: "" }, "no id given: empty");
    assert.equal(payloadCarriesId(expr), true);
    assert.equal(payloadCarriesId(chat), false);
    assert.equal(payloadCarriesId({ kind: "array", items: [{ kind: "literal", value: 1 }, { kind: "id" }] }), true);
  });
});
