/**
 * The window logic of a `recent` reply check, pure. Why it is right under concurrency:
 *
 * busmark sends every event of a run on one connection, so NATS hands them to the service in send order, and a
 * correct service stores them in that order. At any moment, then, the rows it holds of event type E are the first
 * k it was sent (a prefix of the send sequence) and its newest N are the contiguous window sent[k−N .. k), N =
 * min(limit, k). A request is answered at some moment between its send and its reply, so k is bounded:
 *
 * - from below by `lo`: the longest prefix of sent E events that busmark had seen confirmed persisted when it sent
 *   the request (0 when nothing confirms E's persistence): those rows were there before the request was;
 * - from above by `hi`: the number of E events sent before the reply arrived (a row sent later cannot be in it).
 *
 * A reply passes when its items equal sent[k−N .. k) for some k in [lo, hi]. A service that orders rows by anything
 * but their arrival (e.g. whole-second timestamps) lists a set no k yields, and fails; a correct one never does,
 * however many events are in flight. busmark keeps only the newest values (a ring); a window that begins before the
 * oldest one kept cannot be checked, and the outcome says so rather than passing it.
 * @module
 */

/** What busmark knows of the events of one type at the time of a reply. */
export interface SentWindow {
  /** Longest prefix confirmed persisted when the request was sent. */
  lo: number;
  /** Events sent when the reply arrived (≥ lo). */
  hi: number;
  /** Index of the oldest sent event whose value is still kept. */
  oldest: number;
  /** The compared value of the i-th sent event (0-based, oldest first); undefined when it had none. */
  at(i: number): string | undefined;
}

/** The outcome of {@link matchRecent}. */
export type RecentOutcome =
  | { pass: true; k: number }
  | {
    pass: false;
    /** The newest min(limit, hi) values sent before the reply, oldest first. */
    expected: (string | undefined)[];
    /** Whether some candidate windows began before the oldest kept value and were not compared. */
    unchecked: boolean;
  };

/** Whether `got` (oldest first) equals sent[k − N .. k), N = min(limit, k), for some k in [lo, hi]. */
export function matchRecent(window: SentWindow, limit: number, got: readonly (string | undefined)[]): RecentOutcome {
  const { lo, hi } = window;
  const n = got.length;
  let unchecked = false;
  // A list shorter than the limit can only be the whole of the first n sent; a full one ends anywhere from lo.
  const kMin = n < limit ? n : Math.max(lo, limit);
  const kMax = n < limit ? (n >= lo ? Math.min(n, hi) : -1) : n === limit ? hi : -1;
  for (let k = kMax; k >= kMin && k >= 0; k--) {
    if (k - n < window.oldest) {
      unchecked = true;
      break;
    }
    let same = true;
    for (let j = n - 1; j >= 0 && same; j--) same = got[j] !== undefined && got[j] === window.at(k - n + j);
    if (same) return { pass: true, k };
  }
  const size = Math.min(limit, hi);
  const from = Math.max(hi - size, window.oldest);
  const expected = Array.from({ length: hi - from }, (_, i) => window.at(from + i));
  return { pass: false, expected, unchecked };
}
