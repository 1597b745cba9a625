/**
 * Writes `schemas/scenario.validate.js` and `schemas/json-schema-2020-12.validate.js`, validators compiled ahead of
 * time (see src/scenario/schema-standalone.ts): `npm run gen:validator` after editing schemas/scenario.schema.json.
 * @module
 */
import { writeFileSync } from "node:fs";
import {
  META_VALIDATOR_FILE,
  metaValidatorSource,
  SCENARIO_VALIDATOR_FILE,
  scenarioValidatorSource,
} from "../src/scenario/schema-standalone.ts";

for (
  const [path, text] of [[SCENARIO_VALIDATOR_FILE, scenarioValidatorSource()], [
    META_VALIDATOR_FILE,
    metaValidatorSource(),
  ]]
) {
  writeFileSync(new URL(`../${path}`, import.meta.url), text);
  console.log(`gen:validator: ${path} (${Math.round(text.length / 1024)} KiB)`);
}
