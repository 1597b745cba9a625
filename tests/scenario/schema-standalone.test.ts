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
import { SCENARIO_VALIDATOR_FILE, scenarioValidatorSource } from "../../src/scenario/schema-standalone.ts";

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
