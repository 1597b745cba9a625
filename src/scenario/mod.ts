/**
 * The scenario language: loading, validating and normalizing scenario files.
 * @module
 */
export { CAPS, DEFAULTS } from "./caps.ts";
export { type CheckResult, checkScenarioText, type LoadOptions, loadScenarioFile, readScenarioText } from "./check.ts";
export { DURATION_PATTERN, formatDuration, parseDuration } from "./duration.ts";
export { type Env, interpolate } from "./interpolate.ts";
export {
  listScenarios,
  type LoadedScenario,
  loadScenario,
  loadScenarios,
  type ScenarioSummary,
  summarizeScenario,
} from "./list.ts";
export {
  defaultScenariosDir,
  isScenarioFileName,
  PACKAGE_SCENARIOS_DIR,
  resolveScenarioRef,
  scenarioFiles,
  scenarioNames,
} from "./resolve.ts";
export { SCENARIO_SCHEMA_PATH, scenarioSchema } from "./schema.ts";
export { CONTRACT_EVENT_SUBJECTS, CONTRACT_REQUEST_SUBJECTS } from "./subjects.ts";
export { parseTemplate } from "./template.ts";
export type * from "./types.ts";
