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
  /** Offered and achieved events/s over the last second. */
  offeredRate: number;
  achievedRate: number;
  published: number;
  persisted: number;
  /** Events expected to be persisted that are not persisted (nor rejected) yet. */
  pending: number;
  /** Of those, the ones still unconfirmed after the grace period: lost so far (a late confirmation takes one off). */
  lost: number;
  /** p99 of publish→persisted (or delivered) latency so far, µs. */
  p99Us: number;
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
