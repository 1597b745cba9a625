/**
 * The direct path: events are written in-process through the reference service's own storage (no bus, no
 * service to start); its commit notices confirm them. Micro `direct-insert` benches use its engine too.
 * @module
 */
import { openDirectEngine } from "./direct.ts";
import type { SenderPath } from "./sender.ts";

/** Writes in-process into `direct.db` in the run's temporary directory. */
export const directPath: SenderPath = {
  path: "direct",
  viaService: false,
  usedBy: (plan) =>
    plan.phases.some((p) =>
      p.path === "direct" || (p.load.kind === "micro" && p.load.benches.some((b) => b.op === "direct-insert"))
    ),
  async open(ctx, deps, defer) {
    const direct = await openDirectEngine(ctx, `${deps.tmpDir}/direct.db`, ctx.plan.scenario.service.prefix);
    defer(() => direct.close());
    return { senders: ctx.plan.events.map(() => direct.send), flush: () => direct.flush(), direct };
  },
};
