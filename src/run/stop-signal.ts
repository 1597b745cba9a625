/**
 * How a run ends early: an interrupt (the caller's signal: SIGINT/SIGTERM) or an abort (an abortOnFail threshold).
 * Both abort the run's own signal; only the first counts as interrupted. A failure (a confirmation source that
 * broke) aborts it too, and the run throws the failure's error once its timeline is over.
 * @module
 */

/** The run's stop state. */
export interface RunStop {
  /** Aborted on interrupt or abort; engines and drivers watch it. */
  readonly signal: AbortSignal;
  /** True once the caller's signal fired. */
  interrupted(): boolean;
  /** Aborts the run (an abortOnFail threshold failed). */
  abort(): void;
  /** Aborts the run because of `error`; the first failure is kept (bound, so it can be handed on). */
  readonly fail: (error: Error) => void;
  /** True once the run failed. */
  failed(): boolean;
  /** Throws the run's failure, when it failed. */
  throwIfFailed(): void;
  /** The run's status as the result reports it. */
  status(): "interrupted" | "aborted" | "completed";
  /** Stops listening to the caller's signal. */
  dispose(): void;
}

/** Watches the caller's `signal` (already aborted counts) and creates the run's own. */
export function watchStop(signal: AbortSignal | undefined): RunStop {
  const abort = new AbortController();
  let interrupted = false;
  let failure: Error | undefined;
  const onInterrupt = () => {
    interrupted = true;
    abort.abort();
  };
  if (signal?.aborted) onInterrupt();
  signal?.addEventListener("abort", onInterrupt);
  return {
    signal: abort.signal,
    interrupted: () => interrupted,
    abort: () => abort.abort(),
    fail: (error) => {
      failure ??= error;
      abort.abort();
    },
    failed: () => failure !== undefined,
    throwIfFailed: () => {
      if (failure) throw failure;
    },
    status: () => (interrupted ? "interrupted" : abort.signal.aborted ? "aborted" : "completed"),
    dispose: () => signal?.removeEventListener("abort", onInterrupt),
  };
}
