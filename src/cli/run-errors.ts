/**
 * What a failed run becomes on the command line: a scenario problem (also one found once connected, such as a
 * payload over the server's `max_payload`) is printed as `file:line:column: message` with exit 2, an infrastructure
 * failure as one line with its secrets masked and exit 3. `run` and `ab` share this mapping.
 * @module
 */
import { InfrastructureError, ScenarioError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import { maskSecrets } from "../nats/mask.ts";
import type { NatsAuth } from "../nats/options.ts";
import { writeErr } from "../runtime/host.ts";
import { formatProblems } from "./problems.ts";

/**
 * Prints `error` and returns its exit code when it is a scenario or infrastructure failure; undefined for anything
 * else (the caller rethrows it).
 */
export function reportRunError(error: unknown, command: string, auth: NatsAuth): number | undefined {
  if (error instanceof ScenarioError) {
    writeErr(formatProblems(error.problems));
    return ExitCode.Invalid;
  }
  if (error instanceof InfrastructureError) {
    writeErr(`busmark ${command}: ${maskSecrets(error.message, auth)}\n`);
    return ExitCode.Infrastructure;
  }
  return undefined;
}
