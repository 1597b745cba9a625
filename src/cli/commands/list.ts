/**
 * `busmark list`: every scenario in `scenarios/` with its name, durations, tags and description.
 * @module
 */
import { writeErr, writeOut } from "../../runtime/host.ts";
import { formatDuration } from "../../scenario/duration.ts";
import { listScenarios, type ScenarioSummary } from "../../scenario/list.ts";
import { BUILTIN_PREFIX, scenarioSearchDirs, type ScenarioSource } from "../../scenario/resolve.ts";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { ExitCode } from "../../exit-codes.ts";
import { textTable } from "../../format/table.ts";
import { displayPath } from "./validate.ts";

const USAGE = `Usage: busmark list [--dir DIR] [--json]

Lists the scenarios with their name, total duration, --quick duration, tags and description: those in DIR, or by
default those in scenarios/ of the working directory followed by the ones bundled with busmark. When both are
listed, a bundled one is shown as builtin:NAME, the name \`busmark run\` takes for it whatever scenarios/ holds.
An invalid scenario is listed as INVALID with its problem count; run \`busmark validate\` for the details. A
scenario that runs a shell command (a \`command\` service) is marked [cmd]: a scenario is trusted code, like a
Makefile (\`busmark validate\` prints the command, \`--json\` lists it under \`commands\`).

Options:
  --dir DIR   the scenarios directory
  --json      print the summaries as JSON

Exit codes: 0 every scenario is valid, 2 one is not.
`;

const DESCRIPTION_WIDTH = 100;
/** The marker after the name of a scenario that runs a shell command. */
export const COMMAND_MARKER = "[cmd]";

/** The first sentence of a description, shortened to `width` characters. */
export function shortDescription(text: string, width = DESCRIPTION_WIDTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const sentence = /^.*?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
  return sentence.length <= width ? sentence : `${sentence.slice(0, width - 1).trimEnd()}…`;
}

/** A listed scenario and where it comes from. */
export type ListedScenario = ScenarioSummary & { source?: ScenarioSource };

/** The name a listed scenario is run by: `builtin:NAME` for a bundled one listed beside local ones. */
export function listedName(s: ListedScenario, mixed: boolean): string {
  return mixed && s.source === "builtin" ? `${BUILTIN_PREFIX}${s.name}` : s.name;
}

/** The table `busmark list` prints. */
export function formatList(summaries: readonly ListedScenario[]): string {
  const mixed = summaries.some((s) => s.source === "local") && summaries.some((s) => s.source === "builtin");
  const rows = summaries.map((s) =>
    s.problems.length > 0
      ? [
        listedName(s, mixed),
        "-",
        "-",
        "",
        `INVALID: ${s.problems.length} problem${s.problems.length === 1 ? "" : "s"} ` +
        `(busmark validate ${displayPath(s.file)})`,
      ]
      : [
        s.commands.length > 0 ? `${listedName(s, mixed)} ${COMMAND_MARKER}` : listedName(s, mixed),
        formatDuration(s.durationMs ?? 0),
        formatDuration(s.quickDurationMs ?? 0),
        s.tags.join(", "),
        shortDescription(s.description),
      ]
  );
  const table = [["NAME", "DURATION", "QUICK", "TAGS", "DESCRIPTION"], ...rows];
  const legend =
    (summaries.some((s) => s.commands.length > 0)
      ? `${COMMAND_MARKER} runs a shell command: a scenario is trusted code (busmark validate shows the command)\n`
      : "") +
    (mixed
      ? `${BUILTIN_PREFIX}NAME is bundled with busmark; the others are in scenarios/ (a bare name looks there first)\n`
      : "");
  return textTable(table) + "\n" + legend;
}

function list(args: string[]): number {
  const parsed = parseArgs(args, { values: ["dir"], booleans: ["json"] });
  if (parsed.positionals.length > 0) {
    writeErr(`busmark list: unexpected argument \`${parsed.positionals[0]}\`\n\n${USAGE}`);
    return ExitCode.Invalid;
  }
  const dir = parsed.flags.dir;
  const summaries: ListedScenario[] = dir !== undefined
    ? listScenarios(dir)
    : scenarioSearchDirs().flatMap((d) => listScenarios(d.dir).map((s) => ({ ...s, source: d.source })));
  if (parsed.booleans.has("json")) writeOut(`${JSON.stringify(summaries, null, 2)}\n`);
  else if (summaries.length === 0) writeOut(`No scenarios in ${dir ?? "scenarios/"}\n`);
  else writeOut(formatList(summaries));
  return summaries.some((s) => s.problems.length > 0) ? ExitCode.Invalid : ExitCode.Ok;
}

/** The `list` command. */
export const listCommand: Command = {
  name: "list",
  usage: USAGE,
  run: (args) => Promise.resolve().then(() => list(args)),
};
