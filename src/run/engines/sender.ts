/**
 * What a sender path is: one way of getting a run's events to where they are stored (over NATS to the service, or
 * in-process through the reference storage). Each path is one file and one line in the registry (`senders.ts`);
 * opening it compiles, once per run, the send function of every event type that the phase loop calls.
 * @module
 */
import type { NatsConnection } from "nats";
import type { PathKind } from "../../scenario/types.ts";
import type { Defer } from "../cleanups.ts";
import type { RunContext, SendFn } from "../context.ts";
import type { Plan } from "../plan.ts";
import type { SystemUnderTest } from "../sut.ts";
import type { ConfirmSource, OpenSource } from "./confirmers.ts";
import type { DirectEngine } from "./direct.ts";

/** What opening a path may use. */
export interface SenderDeps {
  /** The run's main connection. */
  nc: NatsConnection;
  /** The delivery probe's connection. */
  probeNc: NatsConnection;
  sut: SystemUnderTest;
  /** The run's confirmation sources (opened by the path that sends to the service). */
  sources: readonly ConfirmSource[];
  /** The run's temporary directory. */
  tmpDir: string;
  /** Stops the run with an error (a confirmation source that failed); see `ConfirmerDeps.fail`. */
  fail(error: Error): void;
}

/** An open path. */
export interface OpenPath {
  /** Per event type of the plan, the function that sends it on this path. */
  senders: SendFn[];
  /** Waits until what was sent has been handed over (the direct path's last group commit). */
  flush?(): Promise<void>;
  /** The in-process engine, when the path has one (micro `direct-insert` benches use it). */
  direct?: DirectEngine;
  /** The confirmation sources it opened (their sightings go into the result). */
  confirmers?: readonly OpenSource[];
}

/** One sender path. */
export interface SenderPath {
  readonly path: PathKind;
  /**
   * Whether events on this path go over the bus to the service: then it is started before the path opens, and
   * its confirmation kind decides which events complete on persistence.
   */
  readonly viaService: boolean;
  /** Whether any phase of the plan needs this path. */
  usedBy(plan: Plan): boolean;
  /** Opens the path for a run; everything it acquires is registered with `defer` as soon as it exists. */
  open(ctx: RunContext, deps: SenderDeps, defer: Defer): Promise<OpenPath>;
}
