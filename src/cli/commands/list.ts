/**
 * `busmark list`: every scenario in `scenarios/` with its name, durations, tags and description.
 * @module
 */
import { writeErr, writeOut } from "../../runtime/host.ts";
import { formatDuration } from "../../scenario/duration.ts";
import { listScenarios, type ScenarioSummary } from "../../scenario/list.ts";
import { defaultScenariosDir } from "../../scenario/resolve.ts";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { ExitCode } from "../../exit-codes.ts";
import { textTable } from "../../format/table.ts";
import { displayPath } from "./validate.ts";

const USAGE = `Usage: busmark list [--dir DIR] [--json]

Lists the scenarios in DIR (default: scenarios/ in the working directory, else busmark's own) with their name,
total duration, --quick duration, tags and description. An invalid scenario is listed as INVALID with its
problem count; run \`busmark validate\` for the details. A scenario that runs a shell command (a \`command\`
service) is marked [cmd]: a scenario is trusted code, like a Makefile (\`busmark validate\` prints the command,
\`--json\` lists it under \`commands\`).

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

/** The table `busmark list` prints. */
export function formatList(summaries: readonly ScenarioSummary[]): string {
  const rows = summaries.map((s) =>
    s.problems.length > 0
      ? [
        s.name,
        "-",
        "-",
        "",
        `INVALID: ${s.problems.length} problem${s.problems.length === 1 ? "" : "s"} ` +
        `(busmark validate ${displayPath(s.file)})`,
      ]
      : [
        s.commands.length > 0 ? `${s.name} ${COMMAND_MARKER}` : s.name,
        formatDuration(s.durationMs ?? 0),
        formatDuration(s.quickDurationMs ?? 0),
        s.tags.join(", "),
        shortDescription(s.description),
      ]
  );
  const table = [["NAME", "DURATION", "QUICK", "TAGS", "DESCRIPTION"], ...rows];
  const legend = summaries.some((s) => s.commands.length > 0)
    ? `${COMMAND_MARKER} runs a shell command: a scenario is trusted code (busmark validate shows the command)\n`
    : "";
  return textTable(table) + "\n" + legend;
}

function list(args: string[]): number {
  const parsed = parseArgs(args, { values: ["dir"], booleans: ["json"] });
  if (parsed.positionals.length > 0) {
    writeErr(`busmark list: unexpected argument \`${parsed.positionals[0]}\`\n\n${USAGE}`);
    return ExitCode.Invalid;
  }
  const dir = parsed.flags.dir ?? defaultScenariosDir();
  const summaries = listScenarios(dir);
  if (parsed.booleans.has("json")) writeOut(`${JSON.stringify(summaries, null, 2)}\n`);
  else if (summaries.length === 0) writeOut(`No scenarios in ${dir}\n`);
  else writeOut(formatList(summaries));
  return summaries.some((s) => s.problems.length > 0) ? ExitCode.Invalid : ExitCode.Ok;
}

/** The `list` command. */
export const listCommand: Command = {
  name: "list",
  summary: "List the scenarios with their durations, tags and descriptions",
  usage: USAGE,
  run: (args) => Promise.resolve().then(() => list(args)),
};
