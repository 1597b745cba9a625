/**
 * `busmark` entry point: dispatches to a sub-command and exits with its code.
 * @module
 */
import { UsageError } from "../errors.ts";
import { writeErr, writeOut } from "../runtime/host.ts";
import { busmarkVersion } from "../runtime/identity.ts";
import type { Command, CommandEntry } from "./command.ts";
import { commands } from "./commands/mod.ts";
import { ExitCode } from "../exit-codes.ts";
import { didYouMean } from "../text/suggest.ts";

function help(list: readonly CommandEntry[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    "busmark: declarative performance budgets for services behind a NATS event bus",
    "",
    "Usage: busmark <command> [options]",
    "",
    "Commands:",
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `busmark help <command>` (or `busmark <command> --help`) for a command's options,",
    "`busmark --version` for the version.",
    "",
  ].join("\n");
}

function usage(command: Command): number {
  writeOut(command.usage.endsWith("\n") ? command.usage : `${command.usage}\n`);
  return ExitCode.Ok;
}

function unknown(name: string): number {
  writeErr(`busmark: unknown command \`${name}\`${didYouMean(name, commands.map((c) => c.name))}\n\n${help(commands)}`);
  return ExitCode.Invalid;
}

/** `busmark help [command]`: the overview, or that command's `--help`. */
async function helpCommand(args: string[]): Promise<number> {
  if (args.length === 0) {
    writeOut(help(commands));
    return ExitCode.Ok;
  }
  const entry = commands.find((c) => c.name === args[0]);
  return entry ? usage(await entry.load()) : unknown(args[0]!);
}

/** Runs the CLI with `argv` (arguments after the program name) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    writeOut(help(commands));
    return name === undefined ? ExitCode.Invalid : ExitCode.Ok;
  }
  if (name === "help") return helpCommand(rest);
  if (name === "--version" || name === "-V" || name === "version") {
    writeOut(`busmark ${busmarkVersion()}\n`);
    return ExitCode.Ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) return unknown(name);
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) return usage(command);
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      writeErr(`busmark ${name}: ${error.message}\n`);
      return ExitCode.Invalid;
    }
    throw error;
  }
}
