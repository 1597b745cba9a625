/**
 * Types of the generated `json-schema-2020-12.validate.js` (see src/scenario/schema-standalone.ts).
 * @module
 */
import type { ErrorObject } from "ajv";

/** The meta-schema the validator was compiled from, as `JSON.stringify` writes it. */
export declare const SCHEMA_JSON: string;

/** Validates a JSON Schema (draft 2020-12); true when valid, else false with the reasons in `validate.errors`. */
export declare const validate: {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
};
