/**
 * The shape every CLI command has.
 * @module
 */

/** A sub-command of `busmark`. */
export interface Command {
  name: string;
  /** One line for `busmark --help`. */
  summary: string;
  /** Full usage text for `busmark <name> --help`. */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}
