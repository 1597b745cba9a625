/**
 * The shape every CLI command has, and the entry the dispatcher knows it by before loading it.
 * @module
 */

/** A sub-command of `busmark`. */
export interface Command {
  name: string;
  /** Full usage text for `busmark <name> --help`. */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

/**
 * A sub-command as `busmark --help` lists it: its name, its one-line summary and how to load it. The command's
 * module (and what it imports: NATS, charts, SQLite...) is loaded only when that command is asked for, so a quick
 * command never pays for a heavy one.
 */
export interface CommandEntry {
  name: string;
  /** One line for `busmark --help`. */
  summary: string;
  /** Imports the command's module and returns the command. */
  load(): Promise<Command>;
}
