/**
 * The typed events a run emits while it runs; the CLI's progress display and tests listen to them.
 * @module
 */
import type { FaultOutcome } from "./faults.ts";

/** A once-a-second snapshot of a running scenario. */
export interface ProgressSnapshot {
  /** Seconds since the run started. */
  elapsedS: number;
  /** Seconds left of the planned duration (excluding the grace period). */
  remainingS: number;
  phase: string;
  /**
   * Whether the current phase is a warmup. The counts and the p99 below cover measured phases only, as the final
   * summary does, so during a warmup they do not move; the rates are the last second's, whatever the phase.
   */
  warmup: boolean;
  /** Offered and achieved events/s over the last second. */
  offeredRate: number;
  achievedRate: number;
  /** Events published in measured phases (persisted, request and fire-and-forget events alike). */
  published: number;
  /** Events confirmed persisted (measured phases). */
  persisted: number;
  /**
   * Requests answered with a reply (measured phases): request events are never persisted, so they show here, not in
   * `persisted`. Absent when the scenario sends no requests.
   */
  replied?: number;
  /** Events expected to be persisted that are not persisted (nor rejected) yet. */
  pending: number;
  /** Of those, the ones still unconfirmed after the grace period: lost so far (a late confirmation takes one off). */
  lost: number;
  /** p99 of publish→persisted (or delivered) latency so far (measured phases), µs; null before the first sample. */
  p99Us: number | null;
  errors: number;
}

/** Everything a run reports as it goes. */
export type RunEvent =
  | { type: "target"; url: string; embedded: boolean; natsServerVersion: string }
  | { type: "service-ready"; kind: string; pid?: number }
  | { type: "phase-start"; phase: string; kind: string; index: number; durationMs: number }
  | { type: "phase-end"; phase: string; index: number }
  | { type: "fault"; outcome: FaultOutcome }
  | { type: "progress"; snapshot: ProgressSnapshot }
  | { type: "grace"; pending: number; graceMs: number }
  | { type: "abort"; reason: string };

/** A listener for run events. */
export type RunListener = (event: RunEvent) => void;
