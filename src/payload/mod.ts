/**
 * Payload templates compiled to byte-producing functions.
 * @module
 */
export { compilePayload, PayloadError } from "./compile.ts";
export { WORDS } from "./words.ts";
