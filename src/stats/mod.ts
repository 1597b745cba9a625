/**
 * Statistics helpers.
 * @module
 */
export { type LinearFit, linearRegression } from "./regression.ts";
