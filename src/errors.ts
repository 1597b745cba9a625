/**
 * Error classes. Each carries the data a caller needs to report it; messages read "Cannot X: reason".
 * Failures under load are counted, never thrown.
 * @module
 */

/** One problem found in a scenario file, with its position. */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  /** JSON-pointer-like path of the offending node, e.g. `/phases/0/duration`. */
  path: string;
  /** Short machine-readable kind, e.g. `yaml-syntax`, `unknown-property`, `unknown-event`. */
  kind: string;
  message: string;
}

/** A scenario that failed validation; holds every problem found, in file order. */
export class ScenarioError extends Error {
  readonly problems: ScenarioProblem[];
  constructor(problems: ScenarioProblem[]) {
    const first = problems[0];
    super(
      first
        ? `Cannot load scenario: ${first.file}:${first.line}:${first.column}: ${first.message}` +
          (problems.length > 1 ? ` (and ${problems.length - 1} more)` : "")
        : "Cannot load scenario: invalid",
    );
    this.name = "ScenarioError";
    this.problems = problems;
  }
  /** First problem's file. */
  get file(): string {
    return this.problems[0]?.file ?? "";
  }
  /** First problem's line. */
  get line(): number {
    return this.problems[0]?.line ?? 0;
  }
  /** First problem's column. */
  get column(): number {
    return this.problems[0]?.column ?? 0;
  }
  /** First problem's path. */
  get path(): string {
    return this.problems[0]?.path ?? "";
  }
}

/** Bad command-line usage (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * An input path (a scenario file or directory, an output directory) that cannot be used: missing, unreadable, too
 * large, a symbolic-link loop. Exit code 2, like any usage error; `path` names it.
 */
export class InputPathError extends UsageError {
  readonly path: string;
  /** The system's error code (`ENOENT`, `ELOOP`, ...), or `EFBIG` for a file over busmark's size cap. */
  readonly code: string;
  constructor(path: string, code: string, message: string, options?: { cause?: unknown }) {
    super(message);
    if (options?.cause !== undefined) this.cause = options.cause;
    this.name = "InputPathError";
    this.path = path;
    this.code = code;
  }
}

/** A dependency the run needs is unavailable: NATS unreachable, service failed to start (exit code 3). */
export class InfrastructureError extends Error {
  readonly component: string;
  constructor(component: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InfrastructureError";
    this.component = component;
  }
}
