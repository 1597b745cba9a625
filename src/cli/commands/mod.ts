/**
 * Every sub-command, in the order `busmark --help` lists them.
 * @module
 */
import type { Command } from "../command.ts";
import { listCommand } from "./list.ts";
import { runCommand } from "./run.ts";
import { validateCommand } from "./validate.ts";
import { serviceCommand } from "./service.ts";
import { reportCommand } from "./report.ts";
import { compareCommand } from "./compare.ts";
import { abCommand } from "./ab.ts";
import { initCommand } from "./init.ts";

/** All commands. Each issue adds its own here. */
export const commands: readonly Command[] = [
  listCommand,
  validateCommand,
  runCommand,
  reportCommand,
  compareCommand,
  abCommand,
  serviceCommand,
  initCommand,
];
