/**
 * `busmark service`: runs the reference database service in this process until SIGTERM/SIGINT.
 * @module
 */
import { SERVICE_USAGE } from "../../service/options.ts";
import { runServiceCommand } from "../../service/run.ts";
import type { Command } from "../command.ts";

/** The `service` command. */
export const serviceCommand: Command = {
  name: "service",
  usage: SERVICE_USAGE,
  run: (args) => runServiceCommand(args),
};
