/**
 * What a persistence confirmer is: one way for busmark to learn, event by event, that the service stored what it
 * was sent (commit notices, polls of its database, …). Each kind lives in its own file and is listed once in the
 * registry (`confirmers.ts`); the runner never branches on the kind. A confirmer never changes what is sent: what it
 * needs to recognise an event must be in the scenario's payload (e.g. `{{ id }}`).
 * @module
 */
import type { NatsConnection } from "nats";
import type { RunContext } from "../context.ts";
import type { PlannedEvent } from "../plan.ts";
import type { ConfirmKind, SystemUnderTest } from "../sut.ts";

/** What a confirmer may use once the service runs. */
export interface ConfirmerDeps {
  /** The run's main connection (the one the load is sent on). */
  nc: NatsConnection;
  /** The service: its subject prefix and, when known, the SQLite file it writes. */
  sut: Pick<SystemUnderTest, "prefix" | "dbPath">;
}

/** A confirmer at work. */
export interface RunningConfirmer {
  /** Stops confirming (after a last look, for kinds that poll); called once, when the run is cleaned up. */
  stop(): Promise<void> | void;
}

/** One confirmation kind. */
export interface Confirmer {
  readonly kind: ConfirmKind;
  /**
   * Whether this kind can account for the persistence of `event`'s type one by one. The run waits for persistence
   * only of events that are persisted and confirmed; the others complete on delivery (or their reply).
   */
  confirms(event: PlannedEvent): boolean;
  /** Starts confirming into the run's accounting. */
  open(ctx: RunContext, deps: ConfirmerDeps): Promise<RunningConfirmer> | RunningConfirmer;
}
