/**
 * The cheapest way to let the event loop run I/O and timers before continuing: `setImmediate` (a few µs; Node's
 * and Deno's `setTimeout(0)` take 1–4 ms). Kept here because core code may not import `node:*` modules.
 * @module
 */
import { setImmediate } from "node:timers";

/** Resolves after one turn of the event loop (pending I/O callbacks run first). */
export function nextMacrotask(): Promise<void> {
  return new Promise<void>((resolve) => {
    setImmediate(resolve);
  });
}
