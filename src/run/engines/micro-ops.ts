/**
 * The operations micro phases measure, compiled per bench: one payload encoding, one publish call (encoding +
 * appending to the connection's buffer — not a delivery), one request round trip, or one direct insert committed
 * in its own transaction (what the v1 code did per event).
 * @module
 */
import type { NatsConnection } from "nats";
import type { MicroBench } from "../../scenario/types.ts";
import type { RunContext } from "../context.ts";
import type { MicroOps } from "../drivers/micro.ts";
import type { DirectEngine } from "./direct.ts";

/** Compiles the micro operations available in this run. */
export function createMicroOps(
  ctx: RunContext,
  nc: NatsConnection | undefined,
  direct: DirectEngine | undefined,
): MicroOps {
  return (bench: MicroBench) => {
    const event = ctx.plan.events.find((e) => e.name === bench.event);
    if (!event) return undefined;
    switch (bench.op) {
      case "encode":
        return () => event.payload();
      case "publish":
        return nc ? () => nc.publish(event.subject, event.payload()) : undefined;
      case "request":
        return nc
          ? () => nc.request(event.subject, event.payload(), { timeout: event.requestTimeoutMs ?? 1000 })
          : undefined;
      case "direct-insert": {
        if (!direct) return undefined;
        const suffix = direct.suffixes[event.index]!;
        return () => {
          direct.path.write(suffix, event.payload());
          void direct.path.flush(); // commits synchronously; the promise only reports completion
        };
      }
    }
  };
}
