/**
 * What a persistence confirmer is: one way for busmark to learn, event by event, that the service stored what it
 * was sent (commit notices, a downstream subject, polls of its database, …). Each kind lives in its own file and
 * is listed once in the registry (`confirmers.ts`); the runner never branches on the kind. A confirmer never
 * changes what is sent: what it needs to recognise an event must be in the scenario's payload (e.g. `{{ id }}`).
 *
 * A run opens one confirmer per distinct source (`sourceKey`): every event type whose `confirm:` names the same
 * subject, or the same database and query, shares one subscription or one poll.
 * @module
 */
import type { NatsConnection } from "nats";
import type { ConfirmKind } from "../../scenario/confirmation.ts";
import type { ConfirmSpec } from "../../scenario/types.ts";
import type { RunContext } from "../context.ts";
import type { PlannedEvent } from "../plan.ts";
import type { SystemUnderTest } from "../sut.ts";

/** What a confirmer may use once the service runs. */
export interface ConfirmerDeps {
  /** The run's main connection (the one the load is sent on). */
  nc: NatsConnection;
  /** The service: its subject prefix and, when known, the SQLite file it writes (`{db}`). */
  sut: Pick<SystemUnderTest, "prefix" | "dbPath">;
  /** The run's temporary directory (`{tmp}`). */
  tmpDir: string;
  /**
   * Stops the run with `error` (the run throws it once its timeline is cut short): for a source that can no
   * longer confirm anything, so that its events are not reported lost.
   */
  fail(error: Error): void;
}

/** What a source saw, for the diagnostic of a run in which nothing was confirmed. */
export interface SourceSightings {
  /** Messages or rows read from the source. */
  seen: number;
  /** Of those, the ones that named an event of this run. */
  matched: number;
  /** Why reading failed, when it did (the last reason). */
  error?: string;
}

/** A confirmer at work. */
export interface RunningConfirmer {
  /** Stops confirming (after a last look, for kinds that poll); called once, when the run is cleaned up. */
  stop(): Promise<void> | void;
  /** What it has seen so far. */
  sightings?(): SourceSightings;
}

/** One confirmation kind. */
export interface Confirmer<K extends ConfirmKind = ConfirmKind> {
  readonly kind: K;
  /** Starts confirming `events` (the run's event types that share `source`) into the run's accounting. */
  open(
    ctx: RunContext,
    source: Extract<ConfirmSpec, { kind: K }>,
    events: readonly PlannedEvent[],
    deps: ConfirmerDeps,
  ): Promise<RunningConfirmer> | RunningConfirmer;
}
