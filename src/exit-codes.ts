/**
 * The exit codes CI gates on, beside `errors.ts`: chosen by the CLI and by the service process.
 * @module
 */

/** Named exit codes. */
export const ExitCode = {
  /** Every threshold passed (or the command succeeded). */
  Ok: 0,
  /** A threshold failed, or a comparison found a regression. */
  ThresholdsFailed: 1,
  /** The scenario is invalid, or the command line is. */
  Invalid: 2,
  /** Infrastructure unavailable: NATS unreachable, the service failed to start or to become ready. */
  Infrastructure: 3,
  /** Invalid run: busmark could not drive the load (schedule lag over its bound, or its own CPU saturated). */
  InvalidRun: 4,
  /** Interrupted by SIGINT/SIGTERM/SIGHUP, also through a wrapper (the report is still written, marked interrupted). */
  Interrupted: 130,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCodeValue = typeof ExitCode[keyof typeof ExitCode];

/**
 * The exit code of a finished run's verdict: pass 0, fail 1, interrupted 130, invalid 4 (busmark could not offer
 * the load: the runner was too busy to measure, which is neither a service failure nor broken infrastructure).
 */
export function exitCodeForVerdict(verdict: string): number {
  switch (verdict) {
    case "pass":
      return ExitCode.Ok;
    case "fail":
      return ExitCode.ThresholdsFailed;
    case "interrupted":
      return ExitCode.Interrupted;
    case "invalid":
      return ExitCode.InvalidRun;
    default:
      return ExitCode.Infrastructure;
  }
}
