/**
 * Process entry of the reference service, for spawning it as a child:
 * `tsEntryArgv("<abs>/src/service/main.ts")` followed by the flags of `busmark service`.
 * @module
 */
import { UsageError } from "../errors.ts";
import { commandArgs, exitNow, writeErr } from "../runtime/host.ts";
import { ExitCode } from "../exit-codes.ts";
import { runServiceCommand } from "./run.ts";

try {
  exitNow(await runServiceCommand(commandArgs()));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  writeErr(`busmark service: ${error.message}\n`);
  exitNow(ExitCode.Invalid);
}
