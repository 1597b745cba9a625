import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { metricNames } from "../../src/metrics/catalog.ts";
import { CAPS } from "../../src/scenario/caps.ts";
import { DURATION_PATTERN } from "../../src/scenario/duration.ts";
import { scenarioSchema } from "../../src/scenario/schema.ts";
import { base, check, problems } from "./support.ts";

type Json = Record<string, unknown>;

/** Every subschema, with its JSON pointer in the schema. */
function walk(node: unknown, path: string, out: [string, Json][]): [string, Json][] {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}/${i}`, out));
  else if (node && typeof node === "object") {
    out.push([path, node as Json]);
    for (const [k, v] of Object.entries(node)) {
      if (k !== "examples" && k !== "const" && k !== "enum") walk(v, `${path}/${k}`, out);
    }
  }
  return out;
}

describe("schemas/scenario.schema.json", () => {
  const schema = scenarioSchema();
  const nodes = walk(schema, "", []);

  it("is draft 2020-12", () => {
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  });

  it("closes every object with fixed properties (the thresholds map also takes selector keys)", () => {
    const open = nodes.filter(([, n]) => n.properties !== undefined && n.additionalProperties !== false);
    assert.deepEqual(open.map(([p]) => p), ["/$defs/thresholds"]);
  });

  it("offers every metric of the catalogue as a threshold key, for completion and hover", () => {
    const thresholds = (schema.$defs as Record<string, Json>).thresholds!;
    assert.deepEqual(Object.keys(thresholds.properties as Json), metricNames());
  });

  it("documents every property, so editors show hover docs", () => {
    const missing: string[] = [];
    for (const [path, node] of nodes) {
      for (const [name, prop] of Object.entries((node.properties ?? {}) as Record<string, Json>)) {
        if (typeof prop.description !== "string" || prop.description.length < 10) missing.push(`${path}/${name}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("repeats the code's duration pattern and caps", () => {
    const defs = schema.$defs as Record<string, Json>;
    assert.equal(defs.duration!.pattern, DURATION_PATTERN);
    const load = defs.load!.properties as Record<string, Json>;
    assert.equal(load.concurrency!.maximum, CAPS.concurrency);
    assert.equal(load.count!.maximum, CAPS.count);
    assert.equal((defs.rate!.then as Json).maximum, CAPS.rate);
    const top = schema.properties as Record<string, Json>;
    assert.equal(top.phases!.maxItems, CAPS.phases);
    assert.equal(top.events!.maxProperties, CAPS.events);
    assert.equal(top.faults!.maxItems, CAPS.faults);
  });
});

describe("schemaProblems", () => {
  it("reports one problem per node for union types", () => {
    assert.deepEqual(problems(check(base({ pools: { users: 5 } }))), [
      "type: expected a map or a list, got an integer",
    ]);
    assert.deepEqual(problems(check(base({ thresholds: { "events.lost": 0 } }))), [
      "type: expected a string, a list or a map, got an integer",
    ]);
  });

  it("explains each kind of schema error", () => {
    const r = check(base({
      tags: ["ci", "ci", "Bad Tag"],
      seed: -1,
      grace: "",
      events: {},
      target: { nats: 5 },
      phases: [{ name: "a", kind: "steady", duration: "1s", load: { rate: 1 }, mix: {} }],
      thresholds: { "events.lost": { condition: "== 0", tolerance: "ten" } },
      quick: { phases: { a: {} } },
    }));
    assert.deepEqual(
      problems(r).sort(),
      [
        "invalid-value: expected a lower-case tag like `ci` or `soak`, got `Bad Tag`",
        "duplicate-name: duplicate item `ci`",
        "out-of-range: must be >= 0, got -1",
        "out-of-range: needs at least 1 entry",
        "type: expected a string, got an integer",
        "out-of-range: needs at least 1 entry",
        "invalid-value: expected a duration like `10s` (a number and one of us, ms, s, m, h), got ``",
        "invalid-value: expected a value like `10%`, got `ten`",
        "out-of-range: needs at least 1 entry",
      ].sort(),
    );
  });

  it("explains a bad probe, request flag and version", () => {
    const r = check(base({
      version: 3,
      service: { command: { run: "", ready: {} } },
      events: { chat: { subject: { absolute: "" }, request: false } },
    }));
    assert.deepEqual(
      problems(r).sort(),
      [
        "invalid-value: unsupported version `3`: expected 1",
        "invalid-value: must not be empty",
        "out-of-range: a readiness probe needs one of `request`, `subscription`, `delay`",
        "invalid-value: must not be empty",
        "invalid-value: expected `true`",
      ].sort(),
    );
  });

  it("flags a phase list over the cap", () => {
    const phases = Array.from({ length: CAPS.phases + 1 }, (_, i) => ({
      name: `p${i}`,
      kind: "steady",
      duration: "1s",
      load: { rate: 1 },
    }));
    assert.deepEqual(problems(check(base({ phases }))), [
      "out-of-range: has more than 50 items (the cap; see docs/scenario-language.md)",
    ]);
  });
});
