/**
 * The loader's entry points: check a scenario's text in three stages (YAML syntax, schema, semantics — a later
 * stage runs only when the earlier ones passed) and return the normalized scenario, or every problem in file order.
 * Both the full and the `--quick` variant are checked, so a scenario that validates runs either way.
 * @module
 */
import { InputPathError, ScenarioError, type ScenarioProblem } from "../errors.ts";
import { fileSize, FsError, readText } from "../runtime/fs.ts";
import { allEnv } from "../runtime/host.ts";
import { CAPS } from "./caps.ts";
import type { Env } from "./interpolate.ts";
import { normalizeScenario } from "./normalize.ts";
import type { RawScenario } from "./raw.ts";
import { schemaProblems } from "./schema.ts";
import type { Scenario } from "./types.ts";
import { readYamlSource } from "./yaml-source.ts";

/** Options of {@link checkScenarioText} and {@link loadScenarioFile}. */
export interface LoadOptions {
  /** Return the quick variant (the `quick` overrides applied). */
  quick?: boolean;
  /** Variables for `${NAME}` interpolation; default: the process environment. */
  env?: Env;
}

/** The outcome of a check: the scenario asked for when there are no problems, and both variants. */
export interface CheckResult {
  scenario?: Scenario;
  /** Both variants, when the scenario is valid. */
  variants?: { full: Scenario; quick: Scenario };
  problems: ScenarioProblem[];
}

function byPosition(a: ScenarioProblem, b: ScenarioProblem): number {
  return a.line - b.line || a.column - b.column;
}

function problemKey(p: ScenarioProblem): string {
  return `${p.line}:${p.column}:${p.kind}:${p.message}`;
}

function nodeKey(p: ScenarioProblem): string {
  return `${p.line}:${p.column}:${p.path}`;
}

/** Checks scenario `text` read from `file` (used in problems and as the scenario's file). */
export function checkScenarioText(text: string, file: string, opts: LoadOptions = {}): CheckResult {
  const source = readYamlSource(text, file, opts.env ?? allEnv());
  if (source.value === undefined) return { problems: source.problems.sort(byPosition) };
  const invalid = schemaProblems(source.value, source);
  if (invalid.length > 0) return { problems: [...source.problems, ...invalid].sort(byPosition) };
  const raw = source.value as RawScenario;
  const full = normalizeScenario(raw, source, false);
  const quick = normalizeScenario(raw, source, true);
  // the quick variant's own problems, minus those at a node the full variant already complains about
  const known = new Set(full.problems.map(nodeKey));
  const problems = [
    ...source.problems,
    ...full.problems,
    ...quick.problems.filter((p) => !known.has(nodeKey(p))).map((p) => ({
      ...p,
      message: `with --quick: ${p.message}`,
    })),
  ];
  const unique = problems.filter((p, i) => problems.findIndex((q) => problemKey(q) === problemKey(p)) === i);
  if (unique.length > 0) return { problems: unique.sort(byPosition) };
  return {
    scenario: opts.quick ? quick.scenario : full.scenario,
    variants: { full: full.scenario, quick: quick.scenario },
    problems: [],
  };
}

/**
 * Reads a scenario file's text; throws {@link InputPathError} (a usage error) when it cannot be read or is larger
 * than {@link CAPS}.fileBytes, which is checked before anything is read.
 */
export function readScenarioText(path: string): string {
  try {
    const size = fileSize(path);
    if (size > CAPS.fileBytes) {
      throw new InputPathError(
        path,
        "EFBIG",
        `Cannot read scenario \`${path}\`: it is ${size.toLocaleString("en-US")} bytes; ` +
          `a scenario file is at most 1 MiB (${CAPS.fileBytes.toLocaleString("en-US")} bytes)`,
      );
    }
    return readText(path);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    throw new InputPathError(path, error.code, `Cannot read scenario ${error.message}`, { cause: error });
  }
}

/** The problem standing for a scenario file that could not be read (no line or column: both 0). */
export function unreadableProblem(error: InputPathError): ScenarioProblem {
  return { file: error.path, line: 0, column: 0, path: "", kind: "unreadable", message: error.message };
}

/** Loads and validates a scenario file; throws {@link ScenarioError} with every problem in file order. */
export function loadScenarioFile(path: string, opts: LoadOptions = {}): Scenario {
  const result = checkScenarioText(readScenarioText(path), path, opts);
  if (!result.scenario) throw new ScenarioError(result.problems);
  return result.scenario;
}
