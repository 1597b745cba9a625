/**
 * Statistics helpers.
 * @module
 */
export { type LinearFit, linearRegression } from "./regression.ts";
export { tQuantile975 } from "./student-t.ts";
