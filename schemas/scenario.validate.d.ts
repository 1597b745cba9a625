/**
 * Types of the generated `scenario.validate.js` (see src/scenario/schema-standalone.ts).
 * @module
 */
import type { ErrorObject } from "ajv";

/** The schema the validator was compiled from, as `JSON.stringify` writes it. */
export declare const SCHEMA_JSON: string;

/** Validates a scenario value; true when valid, else false with the reasons in `validate.errors`. */
export declare const validate: {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
};
