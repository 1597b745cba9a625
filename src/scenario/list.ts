/**
 * Summaries of the scenarios in a directory, for `busmark list`.
 * @module
 */
import type { ScenarioProblem } from "../errors.ts";
import { baseName, extName } from "../runtime/paths.ts";
import { checkScenarioText, type LoadOptions, readScenarioText } from "./check.ts";
import { defaultScenariosDir, scenarioFiles } from "./resolve.ts";
import type { Scenario } from "./types.ts";

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

/** A scenario file read and validated once: its summary, and both variants when it is valid. */
export interface LoadedScenario {
  summary: ScenarioSummary;
  variants?: { full: Scenario; quick: Scenario };
}

/** Reads and validates one scenario file once, for listing and running alike. */
export function loadScenario(file: string, opts: Pick<LoadOptions, "env"> = {}): LoadedScenario {
  const result = checkScenarioText(readScenarioText(file), file, opts);
  if (!result.variants) {
    return {
      summary: { file, name: baseName(file, extName(file)), description: "", tags: [], problems: result.problems },
    };
  }
  const { full, quick } = result.variants;
  return {
    summary: {
      file,
      name: full.name,
      description: full.description,
      tags: full.tags,
      durationMs: full.durationMs,
      quickDurationMs: quick.durationMs,
      problems: [],
    },
    variants: result.variants,
  };
}

/** Summarizes one scenario file. */
export function summarizeScenario(file: string, opts: Pick<LoadOptions, "env"> = {}): ScenarioSummary {
  return loadScenario(file, opts).summary;
}

/** Every scenario file in `dir` (default: see {@link defaultScenariosDir}), each read and validated once. */
export function loadScenarios(
  dir: string = defaultScenariosDir(),
  opts: Pick<LoadOptions, "env"> = {},
): LoadedScenario[] {
  return scenarioFiles(dir).map((file) => loadScenario(file, opts));
}

/** Summaries of every scenario file in `dir` (default: see {@link defaultScenariosDir}), sorted by file name. */
export function listScenarios(
  dir: string = defaultScenariosDir(),
  opts: Pick<LoadOptions, "env"> = {},
): ScenarioSummary[] {
  return loadScenarios(dir, opts).map((s) => s.summary);
}
