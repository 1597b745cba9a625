/**
 * Payload templates compiled to byte-producing functions.
 * @module
 */
export { compilePayload, payloadCarriesId, PayloadError, type PayloadFn } from "./compile.ts";
export { WORDS } from "./words.ts";
