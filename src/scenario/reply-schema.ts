/**
 * The JSON Schemas of reply checks (`expect.schema`), compiled with ajv (draft 2020-12, with formats) once per
 * distinct schema: at load, to report a schema that does not compile at its line, and again when a plan is built.
 * @module
 */
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsNs from "ajv-formats";
import { validate as validateMeta } from "../../schemas/json-schema-2020-12.validate.js";

const addFormats = addFormatsNs.default;

/** The meta-schema a reply schema is written in (and checked against). */
export const META_SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema";

/** Unknown keywords (typos such as `maxItem`) are errors; the rules about how keywords combine are not. */
export const REPLY_AJV_OPTIONS: Options = {
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
};

let ajv: Ajv2020 | undefined;
let checking: Ajv2020 | undefined;
const cache = new Map<string, ValidateFunction>();

/**
 * The ajv reply schemas compile with. A schema in draft 2020-12 (no `$schema`, or that one) is first checked
 * against the meta-schema compiled ahead of time (`schemas/json-schema-2020-12.validate.js`), with ajv's message,
 * and compiled without ajv checking it again; any other `$schema` is left to an ajv that checks it itself.
 */
function instance(schema: Record<string, unknown> | boolean): Ajv2020 {
  const draft = typeof schema === "boolean" || schema.$schema === undefined || schema.$schema === META_SCHEMA_ID;
  if (!draft) {
    checking ??= withFormats(new Ajv2020(REPLY_AJV_OPTIONS));
    return checking;
  }
  ajv ??= withFormats(new Ajv2020({ ...REPLY_AJV_OPTIONS, validateSchema: false }));
  if (!validateMeta(schema)) throw new Error(`schema is invalid: ${ajv.errorsText(validateMeta.errors)}`);
  return ajv;
}

function withFormats(instance: Ajv2020): Ajv2020 {
  addFormats(instance);
  return instance;
}

/** The validator of `schema`, or the reason ajv cannot compile it (e.g. `unknown keyword: "maxItem"`). */
export function compileReplySchema(schema: Record<string, unknown> | boolean): ValidateFunction | string {
  const key = JSON.stringify(schema);
  const known = cache.get(key);
  if (known) return known;
  try {
    // ajv keeps schemas with an `$id` by id; a distinct instance per schema would cost far more than this guard.
    const validate = instance(schema).compile(typeof schema === "boolean" ? schema : structuredClone(schema));
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
