/**
 * `busmark` entry point: dispatches to a sub-command and exits with its code.
 * @module
 */
import { UsageError } from "../errors.ts";
import { writeErr, writeOut } from "../runtime/host.ts";
import type { Command } from "./command.ts";
import { commands } from "./commands/mod.ts";
import { ExitCode } from "../exit-codes.ts";

function help(list: readonly Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    "busmark: declarative performance budgets for services behind a NATS event bus",
    "",
    "Usage: busmark <command> [options]",
    "",
    "Commands:",
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `busmark <command> --help` for a command's options.",
    "",
  ].join("\n");
}

/** Runs the CLI with `argv` (arguments after the program name) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    writeOut(help(commands));
    return name === undefined ? ExitCode.Invalid : ExitCode.Ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    writeErr(`busmark: unknown command \`${name}\`\n\n${help(commands)}`);
    return ExitCode.Invalid;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    writeOut(command.usage.endsWith("\n") ? command.usage : `${command.usage}\n`);
    return ExitCode.Ok;
  }
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
