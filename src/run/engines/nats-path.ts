/**
 * The NATS path: events go to the service over the bus. Opening it starts the run's persistence confirmer and the
 * delivery probe, then compiles per event type the engine of its action (publish or request).
 * @module
 */
import type { NatsConnection } from "nats";
import type { RunContext, SendFn } from "../context.ts";
import type { PlannedEvent } from "../plan.ts";
import { openConfirmers, type OpenSource } from "./confirmers.ts";
import { startProbe } from "./probe.ts";
import { createPublishEngine } from "./publish.ts";
import { createRequestEngine } from "./request.ts";
import type { SenderPath } from "./sender.ts";

/** How an event goes over NATS: a fire-and-forget publish or a request that waits for its reply. */
export type NatsAction = "publish" | "request";

/** Compiles the send function of one action for a run. */
export type NatsActionEngine = (ctx: RunContext, nc: NatsConnection) => SendFn;

/** The engine of every NATS action. */
export const natsActions: Readonly<Record<NatsAction, NatsActionEngine>> = {
  publish: (ctx, nc) => createPublishEngine(ctx, nc),
  request: (ctx, nc) => createRequestEngine(ctx, nc),
};

/** The action an event type is sent with: a request when it has a request timeout. */
export function actionOf(event: PlannedEvent): NatsAction {
  return event.requestTimeoutMs === undefined ? "publish" : "request";
}

/** Per event type of the plan, its action's send function; one engine per action, shared by its event types. */
export function compileNatsSenders(ctx: RunContext, nc: NatsConnection): SendFn[] {
  const engines = new Map<NatsAction, SendFn>();
  return ctx.plan.events.map((event) => {
    const action = actionOf(event);
    let send = engines.get(action);
    if (!send) {
      send = natsActions[action](ctx, nc);
      engines.set(action, send);
    }
    return send;
  });
}

/** Sends over NATS to the service. */
export const natsPath: SenderPath = {
  path: "nats",
  viaService: true,
  usedBy: (plan) => plan.phases.some((p) => p.path === "nats"),
  async open(ctx, deps, defer) {
    const { nc, probeNc, sources } = deps;
    const confirmers: OpenSource[] = [];
    await openConfirmers(ctx, sources, { nc, sut: deps.sut, tmpDir: deps.tmpDir, fail: deps.fail }, (open) => {
      confirmers.push(open);
      defer(() => open.running.stop());
    });
    const probe = startProbe(ctx, probeNc);
    defer(() => probe.forEach((s) => s.unsubscribe()));
    await Promise.all([nc.flush(), probeNc.flush()]);
    return { senders: compileNatsSenders(ctx, nc), confirmers };
  },
};
