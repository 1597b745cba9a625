/**
 * Writes `schemas/scenario.validate.js`, the scenario schema's validator compiled ahead of time (see
 * src/scenario/schema-standalone.ts): `npm run gen:validator` after editing schemas/scenario.schema.json.
 * @module
 */
import { writeFileSync } from "node:fs";
import { SCENARIO_VALIDATOR_FILE, scenarioValidatorSource } from "../src/scenario/schema-standalone.ts";

const file = new URL(`../${SCENARIO_VALIDATOR_FILE}`, import.meta.url);
const text = scenarioValidatorSource();
writeFileSync(file, text);
console.log(`gen:validator: ${SCENARIO_VALIDATOR_FILE} (${Math.round(text.length / 1024)} KiB)`);
