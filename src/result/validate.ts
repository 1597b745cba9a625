/**
 * Validating a result against `schemas/report.schema.json` (JSON Schema 2020-12, with formats).
 * @module
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import addFormatsNs from "ajv-formats";
import schema from "../../schemas/report.schema.json" with { type: "json" };

const addFormats = addFormatsNs.default;

let compiled: ValidateFunction | undefined;

/** The report schema as a JSON value. */
export function reportSchema(): Record<string, unknown> {
  return schema as Record<string, unknown>;
}

/**
 * Checks a value against the report schema. Returns one message per problem (`/path: message`); empty when valid.
 * The schema is compiled once, on first use.
 */
export function validateResult(value: unknown): string[] {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  if (compiled(value)) return [];
  return (compiled.errors ?? []).map((e) => {
    const where = e.instancePath === "" ? "/" : e.instancePath;
    const extra = e.keyword === "additionalProperties"
      ? ` (\`${(e.params as { additionalProperty?: string }).additionalProperty}\`)`
      : "";
    return `${where}: ${e.message ?? e.keyword}${extra}`;
  });
}
