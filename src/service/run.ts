/**
 * Running the service as a process: flags in, exit code out. Shared by `busmark service` and `main.ts`.
 * @module
 */
import { ExitCode } from "../exit-codes.ts";
import { getEnv, onTerminate, writeErr } from "../runtime/host.ts";
import { parseServiceArgs } from "./options.ts";
import { startService } from "./service.ts";

/** Longest wait for a graceful stop after SIGTERM/SIGINT before giving up on it, ms. */
export const STOP_DEADLINE_MS = 1900;

/**
 * Parses `argv`, runs the service until SIGTERM/SIGINT, stops it gracefully (bounded by {@link STOP_DEADLINE_MS})
 * and resolves to the exit code: 0 after a signal, 3 when setup failed (e.g. JetStream unavailable).
 * Throws `UsageError` on bad flags.
 */
export async function runServiceCommand(argv: readonly string[]): Promise<number> {
  const { options, quiet } = parseServiceArgs(argv, getEnv);
  const log = quiet ? undefined : (line: string) => writeErr(`${line}\n`);
  let service;
  try {
    service = await startService({ ...options, log });
  } catch (error) {
    writeErr(`busmark service: Cannot open ${options.dbPath}: ${(error as Error).message}\n`);
    return ExitCode.Infrastructure;
  }
  const running = service;
  return await new Promise<number>((resolve) => {
    let signals = 0;
    const finish = (code: number) => {
      removeHandlers();
      const deadline = setTimeout(() => resolve(code), STOP_DEADLINE_MS);
      running.stop().finally(() => {
        clearTimeout(deadline);
        resolve(code);
      });
    };
    const removeHandlers = onTerminate((signal) => {
      if (++signals > 1) return;
      log?.(`busmark service: ${signal}, stopping`);
      finish(ExitCode.Ok);
    });
    running.ready.catch(() => finish(ExitCode.Infrastructure));
  });
}
