/**
 * What a run has to release, in the order it acquired it: each step registers its cleanup as soon as the resource
 * exists, and the run releases them in reverse, swallowing failures so a cleanup never hides the run's outcome.
 * @module
 */

/** Releases one resource. */
export type Cleanup = () => Promise<void> | void;

/** Registers a cleanup to run when the run ends. */
export type Defer = (cleanup: Cleanup) => void;

/** A stack of cleanups, run last-in first-out. */
export class Cleanups {
  readonly #stack: Cleanup[] = [];

  /** Registers `cleanup`; bound, so it can be handed on as a {@link Defer}. */
  readonly defer: Defer = (cleanup) => {
    this.#stack.push(cleanup);
  };

  /** Runs every registered cleanup in reverse order, one at a time; a failing one does not stop the others. */
  async run(): Promise<void> {
    for (const cleanup of this.#stack.splice(0).reverse()) {
      try {
        await cleanup();
      } catch {
        // cleanup failures must not hide the run's outcome
      }
    }
  }
}
