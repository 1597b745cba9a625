/**
 * Logging that cannot flood: at most one line per key (e.g. a rejection reason) per interval; the lines held back
 * are counted and mentioned in the next line written for that key.
 * @module
 */

/** A per-key rate-limited line writer. */
export class RateLimitedLog {
  readonly #write: (line: string) => void;
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #last = new Map<string, { at: number; suppressed: number }>();

  /**
   * Creates the log.
   * @param write receives each line (without a trailing newline)
   * @param intervalMs minimum time between two lines of one key
   * @param now clock in milliseconds (tests pass their own)
   */
  constructor(write: (line: string) => void, intervalMs = 1000, now: () => number = () => performance.now()) {
    this.#write = write;
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /** Writes `message` unless a line of `key` was written less than the interval ago; true when written. */
  log(key: string, message: string): boolean {
    const now = this.#now();
    const entry = this.#last.get(key);
    if (entry && now - entry.at < this.#intervalMs) {
      entry.suppressed++;
      return false;
    }
    const suppressed = entry?.suppressed ?? 0;
    this.#last.set(key, { at: now, suppressed: 0 });
    this.#write(suppressed > 0 ? `${message} (${suppressed} more like it suppressed)` : message);
    return true;
  }
}
