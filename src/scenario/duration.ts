/**
 * Durations as scenarios write them: a number and a unit, `500us`, `250ms`, `10s`, `1.5s`, `2m`, `1h`. A bare
 * number is not a duration (is `10` ten milliseconds or ten seconds?); the schema rejects it.
 * @module
 */

/** The pattern the schema uses for a duration string. */
export const DURATION_PATTERN = "^(?:\\d+(?:\\.\\d+)?|\\.\\d+)(?:us|µs|ms|s|m|h)$";

const FACTORS: Readonly<Record<string, number>> = { us: 0.001, "µs": 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = new RegExp(DURATION_PATTERN.replace("(?:us|", "(us|"));

/** Milliseconds of a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const factor = FACTORS[m[1] ?? ""];
  if (factor === undefined) return undefined;
  const ms = Number(text.trim().slice(0, -(m[1] ?? "").length)) * factor;
  return Number.isFinite(ms) ? ms : undefined;
}

/** A compact human form of a millisecond duration: `250ms`, `12s`, `1m30s`, `2h`, `1.5ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Number(ms.toFixed(3))}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`;
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${h > 0 ? `${h}h` : ""}${m > 0 ? `${m}m` : ""}${s > 0 ? `${s}s` : ""}`;
}
