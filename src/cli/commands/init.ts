/**
 * `busmark init [DIR]`: scaffolds a project's first scenario and a GitHub Actions workflow, never overwriting a
 * file unless `--force` is given.
 * @module
 */
import { InputPathError, UsageError } from "../../errors.ts";
import { ExitCode } from "../../exit-codes.ts";
import { FsError, pathExists, writeFileAtomic } from "../../runtime/fs.ts";
import { writeErr, writeOut } from "../../runtime/host.ts";
import { isDirectory, joinPath, relativePath, resolvePath } from "../../runtime/paths.ts";
import { SCENARIO_SCHEMA_PATH } from "../../scenario/schema.ts";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { DEFAULT_SCENARIO_NAME, scenarioTemplate, WORKFLOW_PATH, workflowTemplate } from "../init-files.ts";

const USAGE = `Usage: busmark init [DIR] [--name NAME] [--force]

Scaffolds busmark in the project at DIR (default: the working directory):
  scenarios/NAME.yaml            a first scenario (default name: ${DEFAULT_SCENARIO_NAME}), commented, valid as written
  ${WORKFLOW_PATH.padEnd(29)}  GitHub Actions: the quick variant of every scenario tagged ci, JUnit upload

The scenario's \`# yaml-language-server: $schema=\` line points at node_modules/busmark/schemas/scenario.schema.json
(relative to the scenario) when busmark is installed in DIR's node_modules or a parent's; otherwise at the schema of
the busmark that runs init, a path that holds only on this machine (init says so).

An existing file is never overwritten: init writes nothing and exits 2, unless --force is given.

Options:
  --name NAME   the scenario's name and file name (kebab-case)
  --force       overwrite existing files

Exit codes: 0 written, 2 a file exists (without --force), a bad name or an unwritable DIR.
`;

const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const INSTALLED_SCHEMA = ["node_modules", "busmark", "schemas", "scenario.schema.json"];

/** Where the schema line of a scenario in `scenariosDir` points, and whether that holds beyond this machine. */
export function schemaReference(scenariosDir: string): { ref: string; portable: boolean } {
  for (let dir = resolvePath(scenariosDir, ".."), last = ""; dir !== last; last = dir, dir = resolvePath(dir, "..")) {
    const installed = joinPath(dir, ...INSTALLED_SCHEMA);
    if (pathExists(installed)) return { ref: relativePath(scenariosDir, installed), portable: true };
  }
  return { ref: relativePath(resolvePath(scenariosDir), SCENARIO_SCHEMA_PATH), portable: false };
}

/** One file `init` writes. */
interface Planned {
  path: string;
  content: string;
}

function init(args: string[]): number {
  const parsed = parseArgs(args, { values: ["name"], booleans: ["force"] });
  if (parsed.positionals.length > 1) {
    throw new UsageError(`unexpected argument \`${parsed.positionals[1]}\` (init takes one directory)`);
  }
  const root = resolvePath(parsed.positionals[0] ?? ".");
  const name = parsed.flags.name ?? DEFAULT_SCENARIO_NAME;
  if (!NAME_PATTERN.test(name)) {
    throw new UsageError(`\`--name ${name}\` is not a kebab-case name like \`orders-latency\``);
  }
  if (pathExists(root) && !isDirectory(root)) throw new UsageError(`\`${root}\` is not a directory`);
  const scenariosDir = joinPath(root, "scenarios");
  const schema = schemaReference(scenariosDir);
  const planned: Planned[] = [
    { path: joinPath(scenariosDir, `${name}.yaml`), content: scenarioTemplate(name, schema.ref) },
    { path: joinPath(root, WORKFLOW_PATH), content: workflowTemplate() },
  ];
  const existing = planned.filter((p) => pathExists(p.path));
  if (existing.length > 0 && !parsed.booleans.has("force")) {
    writeErr(
      `busmark init: Cannot scaffold: ${existing.map((p) => p.path).join(" and ")} already exist${
        existing.length === 1 ? "s" : ""
      }; nothing was written (--force overwrites)\n`,
    );
    return ExitCode.Invalid;
  }
  for (const p of planned) {
    try {
      writeFileAtomic(p.path, p.content);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      // A usage error: main prints it as `busmark init: Cannot write ...` and exits 2.
      throw new InputPathError(p.path, error.code, `Cannot write ${error.message}`, { cause: error });
    }
    writeOut(`wrote ${relativePath(resolvePath("."), p.path) || p.path}\n`);
  }
  if (!schema.portable) {
    writeOut(
      `note: busmark is not installed in this project's node_modules, so the $schema line points at ${schema.ref}, ` +
        `which holds only on this machine (after \`npm i -D busmark\`, \`busmark init --force\` makes it portable)\n`,
    );
  }
  writeOut(`next: npx busmark validate && npx busmark run ${name} --quick\n`);
  return ExitCode.Ok;
}

/** The `init` command. */
export const initCommand: Command = {
  name: "init",
  usage: USAGE,
  run: (args) => Promise.resolve().then(() => init(args)),
};
