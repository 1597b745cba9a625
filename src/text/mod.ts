/**
 * Text helpers shared by every layer: "did you mean" suggestions for misspelt names.
 * @module
 */
export { closest, didYouMean, editDistance } from "./suggest.ts";
