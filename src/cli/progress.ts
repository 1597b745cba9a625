/**
 * Live progress of a run on the terminal: one status line rewritten every second on a TTY; without one (and under
 * CI) plain lines per phase and fault plus a progress line every `--progress-interval` seconds (default 10), so a
 * CI log never stays silent for long; nothing but the final summary with `--quiet`.
 * @module
 */
import { formatRateShort, formatUs } from "../format/units.ts";
import type { ProgressSnapshot, RunEvent, RunListener } from "../run/events.ts";

/** How progress is shown. */
export type ProgressMode = "tty" | "plain" | "quiet";

/** Default seconds between two plain progress lines. */
export const DEFAULT_PROGRESS_INTERVAL_S = 10;

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Seconds between two plain progress lines (default {@link DEFAULT_PROGRESS_INTERVAL_S}; 0: none). */
  intervalS?: number;
  /** Only the periodic progress lines, not the phase, fault and target lines (`run --all` in a log). */
  progressOnly?: boolean;
}

/** The p99 so far, or `–` before the first sample (never `0us`). */
function p99Text(s: ProgressSnapshot): string {
  return s.p99Us === null ? "–" : formatUs(s.p99Us);
}

/**
 * The counts part of a progress line. Like the final summary it counts measured phases only: during a warmup it
 * says so instead of showing counts that do not move. Replies of requests are shown apart (`replied`), never as
 * persisted events.
 */
function countsText(s: ProgressSnapshot, sep: string): string {
  if (s.warmup) return "warmup, not counted";
  const replied = s.replied !== undefined ? `${sep}replied ${s.replied}` : "";
  return `published ${s.published}${sep}persisted ${s.persisted}${sep}lost ${s.lost}${
    s.pending > s.lost ? ` (${s.pending - s.lost} pending)` : ""
  }${replied}`;
}

/** The plain progress line: phase, elapsed, offered/achieved, persisted, replied, lost so far, p99 so far. */
export function plainProgressLine(s: ProgressSnapshot): string {
  return `progress [${s.phase}] ${s.elapsedS.toFixed(0)}s elapsed, ${s.remainingS.toFixed(0)}s left | offered ${
    formatRateShort(s.offeredRate)
  }, achieved ${formatRateShort(s.achievedRate)} | ${countsText(s, ", ")} | p99 ${p99Text(s)} | errors ${s.errors}`;
}

/** The status line rewritten on a terminal: the plain line's figures, shorter. */
export function ttyProgressLine(s: ProgressSnapshot): string {
  return `[${s.phase}] ${s.elapsedS.toFixed(0)}s, ${s.remainingS.toFixed(0)}s left | offered ${
    formatRateShort(s.offeredRate)
  } achieved ${formatRateShort(s.achievedRate)} | ${countsText(s, " ")} | p99 ${p99Text(s)} | errors ${s.errors}`;
}

/** Creates a listener that renders run events in `mode` through `write`. */
export function createProgress(
  mode: ProgressMode,
  write: (text: string) => void,
  opts: ProgressOptions = {},
): RunListener & { end(): void } {
  const intervalS = opts.intervalS ?? DEFAULT_PROGRESS_INTERVAL_S;
  let nextPlainS = intervalS;
  let lineOpen = false;
  const line = (text: string) => {
    if (lineOpen) write("\r\x1b[2K");
    lineOpen = false;
    write(`${text}\n`);
  };
  const listener = (event: RunEvent) => {
    if (mode === "quiet") return;
    if (opts.progressOnly && event.type !== "progress") return;
    switch (event.type) {
      case "target":
        line(`NATS ${event.url}${event.embedded ? " (embedded)" : ""}, nats-server ${event.natsServerVersion}`);
        break;
      case "service-ready":
        line(`service ready (${event.kind}${event.pid ? `, pid ${event.pid}` : ""})`);
        break;
      case "phase-start":
        line(`phase ${event.index + 1}: ${event.phase} (${event.kind}, ${(event.durationMs / 1000).toFixed(1)}s)`);
        break;
      case "fault": {
        const o = event.outcome;
        line(
          `fault ${o.action} at ${(o.atMs / 1000).toFixed(1)}s` +
            (o.recoveryMs !== undefined ? `, recovered in ${o.recoveryMs.toFixed(0)} ms` : "") +
            (o.lost !== undefined ? `, lost ${o.lost}` : "") + (o.note ? ` (${o.note})` : ""),
        );
        break;
      }
      case "grace":
        if (event.pending > 0) {
          line(`waiting up to ${(event.graceMs / 1000).toFixed(1)}s for ${event.pending} events to persist`);
        }
        break;
      case "abort":
        line(`aborting: ${event.reason}`);
        break;
      case "progress": {
        const s = event.snapshot;
        if (mode !== "tty") {
          if (intervalS > 0 && s.elapsedS + 0.05 >= nextPlainS) {
            line(plainProgressLine(s));
            while (nextPlainS <= s.elapsedS + 0.05) nextPlainS += intervalS;
          }
          return;
        }
        const text = ttyProgressLine(s);
        write(`\r\x1b[2K${text}`);
        lineOpen = true;
        break;
      }
      case "phase-end":
        break;
    }
  };
  return Object.assign(listener, {
    end() {
      if (lineOpen) write("\r\x1b[2K");
      lineOpen = false;
    },
  });
}
