/**
 * The JSON Schemas of reply checks (`expect.schema`), compiled with ajv (draft 2020-12, with formats) once per
 * distinct schema: at load, to report a schema that does not compile at its line, and again when a plan is built.
 * @module
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsNs from "ajv-formats";

const addFormats = addFormatsNs.default;

let ajv: Ajv2020 | undefined;
const cache = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (!ajv) {
    // Unknown keywords (typos such as `maxItem`) are errors; the rules about how keywords combine are not.
    ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false });
    addFormats(ajv);
  }
  return ajv;
}

/** The validator of `schema`, or the reason ajv cannot compile it (e.g. `unknown keyword: "maxItem"`). */
export function compileReplySchema(schema: Record<string, unknown> | boolean): ValidateFunction | string {
  const key = JSON.stringify(schema);
  const known = cache.get(key);
  if (known) return known;
  try {
    // ajv keeps schemas with an `$id` by id; a distinct instance per schema would cost far more than this guard.
    const validate = instance().compile(typeof schema === "boolean" ? schema : structuredClone(schema));
    cache.set(key, validate);
    return validate;
  } catch (error) {
    return (error as Error).message;
  }
}

/** One line for the first error of a failed validation: `/0 must have required property 'username'`. */
export function schemaErrorText(errors: readonly ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return "does not match";
  return `${e.instancePath === "" ? "the reply" : e.instancePath} ${e.message ?? e.keyword}`;
}
