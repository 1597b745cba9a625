/**
 * Summaries of the scenarios in a directory, for `busmark list`.
 * @module
 */
import { InputPathError, type ScenarioProblem } from "../errors.ts";
import { baseName, extName } from "../runtime/paths.ts";
import { type CheckResult, checkScenarioText, type LoadOptions, readScenarioText, unreadableProblem } from "./check.ts";
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
  /** The shell commands the scenario runs (see {@link scenarioCommands}); empty when invalid. */
  commands: string[];
}

/**
 * The shell commands a scenario runs (its `service.command.run`, and the command sides of its `ab:` block). A
 * scenario is trusted code, like a Makefile: `validate` and `list` show these, and `run --all` on a directory
 * outside the project asks for `--allow-commands`.
 */
export function scenarioCommands(scenario: Scenario): string[] {
  const sides = scenario.ab ? [scenario.ab.sides.a, scenario.ab.sides.b] : [];
  const sideCommands = sides.flatMap((s) => ("command" in s ? [s.command] : []));
  // A path side runs the scenario's own service, a command side replaces it.
  const own = scenario.service.kind === "command" && sideCommands.length < 2 ? [scenario.service.command] : [];
  return [...own, ...sideCommands];
}

/** A scenario file read and validated once: its summary, and both variants when it is valid. */
export interface LoadedScenario {
  summary: ScenarioSummary;
  variants?: { full: Scenario; quick: Scenario };
}

function checkFile(file: string, opts: Pick<LoadOptions, "env">): CheckResult {
  try {
    return checkScenarioText(readScenarioText(file), file, opts);
  } catch (error) {
    if (error instanceof InputPathError) return { problems: [unreadableProblem(error)] };
    throw error;
  }
}

/**
 * Reads and validates one scenario file once, for listing and running alike; a file that cannot be read is an
 * invalid scenario with one problem saying why.
 */
export function loadScenario(file: string, opts: Pick<LoadOptions, "env"> = {}): LoadedScenario {
  const result = checkFile(file, opts);
  if (!result.variants) {
    return {
      summary: {
        file,
        name: baseName(file, extName(file)),
        description: "",
        tags: [],
        problems: result.problems,
        commands: [],
      },
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
      commands: scenarioCommands(full),
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
