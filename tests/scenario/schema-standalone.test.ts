/**
 * The scenario schema's validator compiled ahead of time (`schemas/scenario.validate.js`): it is what the schema
 * compiles to now, and it judges every fixture and catalogue scenario as ajv compiling the schema at run time does.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { SCHEMA_JSON, validate } from "../../schemas/scenario.validate.js";
import { compileScenarioValidator, scenarioSchema, scenarioValidator } from "../../src/scenario/schema.ts";
import {
  META_VALIDATOR_FILE,
  metaValidatorSource,
  SCENARIO_VALIDATOR_FILE,
  scenarioValidatorSource,
} from "../../src/scenario/schema-standalone.ts";
import { compileReplySchema, REPLY_AJV_OPTIONS } from "../../src/scenario/reply-schema.ts";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsNs from "ajv-formats";

const ROOT = new URL("../../", import.meta.url);

/** Every YAML file of the catalogue and of the valid and invalid fixtures that parses as YAML. */
function documents(): [string, unknown][] {
  const dirs = [
    "scenarios/",
    "scenarios/examples/",
    "tests/fixtures/scenarios/valid/",
    "tests/fixtures/scenarios/invalid/",
  ];
  return dirs.flatMap((dir) =>
    readdirSync(new URL(dir, ROOT)).filter((f) => f.endsWith(".yaml")).flatMap((f): [string, unknown][] => {
      try {
        return [[`${dir}${f}`, parse(readFileSync(new URL(`${dir}${f}`, ROOT), "utf8"))]];
      } catch {
        return [];
      }
    })
  );
}

describe(SCENARIO_VALIDATOR_FILE, () => {
  it("is what the schema compiles to now (after editing the schema, run `npm run gen:validator`)", () => {
    assert.equal(SCHEMA_JSON, JSON.stringify(scenarioSchema()));
    assert.equal(readFileSync(new URL(SCENARIO_VALIDATOR_FILE, ROOT), "utf8"), scenarioValidatorSource());
  });

  it("is the validator busmark uses while it matches the schema", () => {
    assert.equal(scenarioValidator(), validate);
  });

  it("finds the same errors as the schema compiled at run time, for every fixture and catalogue scenario", () => {
    const compiled = compileScenarioValidator();
    const errors = (v: typeof validate, value: unknown) => ({ ok: v(value), errors: v.errors ?? [] });
    const docs = documents();
    assert.ok(docs.length > 60, `only ${docs.length} documents`);
    let invalid = 0;
    for (const [file, value] of docs) {
      const ahead = errors(validate, value);
      assert.deepEqual(ahead, errors(compiled, value), file);
      if (!ahead.ok) invalid++;
    }
    assert.ok(invalid > 10, `only ${invalid} documents fail the schema`);
  });
});

describe(META_VALIDATOR_FILE, () => {
  it("is what ajv compiles the draft 2020-12 meta-schema to (after upgrading ajv, run `npm run gen:validator`)", () => {
    assert.equal(readFileSync(new URL(META_VALIDATOR_FILE, ROOT), "utf8"), metaValidatorSource());
  });

  it("lets a reply schema compile, or refuses it, with ajv's own message, as an ajv checking it itself does", () => {
    const schemas: (Record<string, unknown> | boolean)[] = [
      true,
      { type: "array", maxItems: 20, items: { type: "object", required: ["username"] } },
      { type: "strin" },
      { maxItems: -1 },
      { items: { type: 3 }, minLength: "x" },
      { type: "array", maxItem: 5 },
      { type: "string", format: "date-time" },
      { type: "string", format: "no-such-format" },
      { $schema: "https://json-schema.org/draft/2020-12/schema", required: "username" },
      { $schema: "http://json-schema.org/draft-07/schema#", type: "object" },
      { properties: { a: { $ref: "#/$defs/missing" } } },
    ];
    const addFormats = addFormatsNs.default;
    const plain = (schema: Record<string, unknown> | boolean) => {
      const ajv = new Ajv2020(REPLY_AJV_OPTIONS);
      addFormats(ajv);
      try {
        ajv.compile(schema);
        return "compiles";
      } catch (error) {
        return (error as Error).message;
      }
    };
    const messages = schemas.map((schema) => {
      const compiled = compileReplySchema(schema);
      return typeof compiled === "string" ? compiled : "compiles";
    });
    assert.deepEqual(messages, schemas.map(plain));
    assert.ok(messages.filter((m) => m.startsWith("schema is invalid:")).length >= 3, messages.join("\n"));
  });
});
