/**
 * Every sub-command, in the order `busmark --help` lists them.
 * @module
 */
import type { Command } from "../command.ts";

/** All commands. Each issue adds its own here. */
export const commands: readonly Command[] = [];
