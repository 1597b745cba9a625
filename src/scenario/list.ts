/**
 * Summaries of the scenarios in a directory, for `busmark list`.
 * @module
 */
import type { ScenarioProblem } from "../errors.ts";
import { baseName, extName } from "../runtime/paths.ts";
import { checkScenarioText, type LoadOptions, readScenarioText } from "./check.ts";
import { defaultScenariosDir, scenarioFiles } from "./resolve.ts";

/** One scenario as `busmark list` shows it; `problems` is non-empty (and the durations absent) when invalid. */
export interface ScenarioSummary {
  file: string;
  name: string;
  description: string;
  tags: string[];
  /** Sum of phase durations, ms. */
  durationMs?: number;
  /** The same under `--quick`, ms. */
  quickDurationMs?: number;
  problems: ScenarioProblem[];
}

/** Summarizes one scenario file. */
export function summarizeScenario(file: string, opts: Pick<LoadOptions, "env"> = {}): ScenarioSummary {
  const result = checkScenarioText(readScenarioText(file), file, opts);
  if (!result.variants) {
    return { file, name: baseName(file, extName(file)), description: "", tags: [], problems: result.problems };
  }
  const { full, quick } = result.variants;
  return {
    file,
    name: full.name,
    description: full.description,
    tags: full.tags,
    durationMs: full.durationMs,
    quickDurationMs: quick.durationMs,
    problems: [],
  };
}

/** Summaries of every scenario file in `dir` (default: see {@link defaultScenariosDir}), sorted by file name. */
export function listScenarios(
  dir: string = defaultScenariosDir(),
  opts: Pick<LoadOptions, "env"> = {},
): ScenarioSummary[] {
  return scenarioFiles(dir).map((file) => summarizeScenario(file, opts));
}
