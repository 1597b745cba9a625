/**
 * `busmark validate [FILE|DIR ...]`: checks scenarios (default: every file in `scenarios/`) and prints each
 * problem as `file:line:column: message`; exit 2 when any problem was found, else one summary line per file.
 * @module
 */
import { InputPathError, type ScenarioProblem } from "../../errors.ts";
import { currentDir, writeErr, writeOut } from "../../runtime/host.ts";
import { isDirectory, relativePath, resolvePath } from "../../runtime/paths.ts";
import { type CheckResult, checkScenarioText, readScenarioText, unreadableProblem } from "../../scenario/check.ts";
import { formatDuration } from "../../scenario/duration.ts";
import { scenarioCommands } from "../../scenario/list.ts";
import { defaultScenariosDir, scenarioFiles } from "../../scenario/resolve.ts";
import type { Scenario } from "../../scenario/types.ts";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { ExitCode } from "../../exit-codes.ts";
import { formatProblems } from "../problems.ts";
import { resolutionWarnings } from "../../thresholds/resolution.ts";

const USAGE = `Usage: busmark validate [FILE|DIR ...] [--json]

Checks scenario files: YAML syntax, the schema (schemas/scenario.schema.json) and the semantic rules (names that
must exist, timeline, caps). Each problem prints as \`file:line:column: message\`; a valid file prints one summary
line. Both the full and the --quick variant are checked. Without arguments, every scenario in scenarios/ is checked.

Options:
  --json   print a JSON array of { file, valid, problems } instead

Exit codes: 0 all valid, 2 a problem was found (or a file could not be read).
`;

/** A file name for output: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relativePath(currentDir(), resolvePath(file));
  return rel.startsWith("..") ? file : rel;
}

function targets(positionals: string[]): string[] {
  if (positionals.length === 0) return scenarioFiles(defaultScenariosDir());
  return positionals.flatMap((p) => (isDirectory(p) ? scenarioFiles(p) : [p]));
}

/** One line describing a valid scenario, and a `runs command:` line per shell command it runs. */
export function summaryLine(file: string, full: Scenario, quick: Scenario): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return `${file}: ok — ${full.name}: ${n(full.events.length, "event type")}, ${n(full.phases.length, "phase")}, ` +
    `${formatDuration(full.durationMs)} (quick ${formatDuration(quick.durationMs)}), ` +
    `${n(full.thresholds.length, "threshold")}` +
    (full.ab
      ? `; A/B: ${full.ab.b} against ${full.ab.a}, ${full.ab.rounds} rounds a side (quick ${
        quick.ab?.rounds ?? full.ab.rounds
      }), ${n(full.ab.budgets.length, "budget")}`
      : "") +
    "\n" +
    scenarioCommands(full).map((c) => `  runs command: ${c}\n`).join("");
}

function checkFile(file: string, shown: string): CheckResult {
  try {
    return checkScenarioText(readScenarioText(file), shown);
  } catch (error) {
    if (error instanceof InputPathError) return { problems: [unreadableProblem(error)] };
    throw error;
  }
}

function validate(args: string[]): number {
  const parsed = parseArgs(args, { values: [], booleans: ["json"] });
  const json = parsed.booleans.has("json");
  const files = targets(parsed.positionals);
  if (files.length === 0) {
    writeErr(
      `busmark validate: no scenario files (*.yaml) found in ${
        parsed.positionals.join(", ") || defaultScenariosDir()
      }\n`,
    );
    return ExitCode.Invalid;
  }
  let failed = false;
  const report: {
    file: string;
    valid: boolean;
    problems: ScenarioProblem[];
    warnings: ScenarioProblem[];
    commands: string[];
  }[] = [];
  for (const file of files) {
    const shown = displayPath(file);
    const result = checkFile(file, shown);
    const commands = result.variants ? scenarioCommands(result.variants.full) : [];
    const warnings = result.variants
      ? [...resolutionWarnings(result.variants.full, "full"), ...resolutionWarnings(result.variants.quick, "quick")]
      : [];
    report.push({ file: shown, valid: result.problems.length === 0, problems: result.problems, warnings, commands });
    if (result.problems.some((p) => p.kind === "unreadable")) {
      failed = true;
      writeErr(formatProblems(result.problems));
      continue;
    }
    if (result.variants) {
      if (!json) writeOut(summaryLine(shown, result.variants.full, result.variants.quick) + formatProblems(warnings));
    } else {
      failed = true;
      if (!json) writeOut(formatProblems(result.problems));
    }
  }
  if (json) writeOut(`${JSON.stringify(report, null, 2)}\n`);
  return failed ? ExitCode.Invalid : ExitCode.Ok;
}

/** The `validate` command. */
export const validateCommand: Command = {
  name: "validate",
  usage: USAGE,
  run: (args) => Promise.resolve().then(() => validate(args)),
};
