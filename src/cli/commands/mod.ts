/**
 * Every sub-command, in the order `busmark --help` lists them.
 * @module
 */
import type { Command } from "../command.ts";
import { listCommand } from "./list.ts";
import { validateCommand } from "./validate.ts";
import { serviceCommand } from "./service.ts";

/** All commands. Each issue adds its own here. */
export const commands: readonly Command[] = [listCommand, validateCommand, serviceCommand];
