/**
 * The registry of sender paths, one entry per {@link PathKind}, and compiling the paths a plan uses into the
 * senders the phase loop calls. Adding a path is one file implementing {@link SenderPath} plus one line here.
 * @module
 */
import type { PathKind } from "../../scenario/types.ts";
import type { Defer } from "../cleanups.ts";
import type { RunContext, SendFn } from "../context.ts";
import type { Plan } from "../plan.ts";
import { directPath } from "./direct-path.ts";
import type { DirectEngine } from "./direct.ts";
import { natsPath } from "./nats-path.ts";
import type { OpenSource } from "./confirmers.ts";
import type { OpenPath, SenderDeps, SenderPath } from "./sender.ts";

/** Every sender path by name; paths open in this order. */
export const senderPaths: Readonly<Record<PathKind, SenderPath>> = {
  nats: natsPath,
  direct: directPath,
};

/** The paths `plan` needs, in registry order. */
export function usedPaths(plan: Plan): SenderPath[] {
  return Object.values(senderPaths).filter((p) => p.usedBy(plan));
}

/** Whether any of `paths` sends to the service over the bus. */
export function sendsViaService(paths: readonly SenderPath[]): boolean {
  return paths.some((p) => p.viaService);
}

/** The open paths of a run. */
export interface OpenSenders {
  /** Per path, the send function of every event type. */
  senders: Partial<Record<PathKind, SendFn[]>>;
  /** The in-process engine, when a path opened one. */
  direct?: DirectEngine;
  /** Flushes every open path that buffers. */
  flush(): Promise<void>;
  /** Every confirmation source the paths opened. */
  confirmers: OpenSource[];
}

/** Opens `paths` one after the other and compiles their senders once for the run. */
export async function openSenders(
  ctx: RunContext,
  paths: readonly SenderPath[],
  deps: SenderDeps,
  defer: Defer,
): Promise<OpenSenders> {
  const senders: Partial<Record<PathKind, SendFn[]>> = {};
  const opened: OpenPath[] = [];
  for (const path of paths) {
    const open = await path.open(ctx, deps, defer);
    senders[path.path] = open.senders;
    opened.push(open);
  }
  const direct = opened.find((o) => o.direct)?.direct;
  return {
    senders,
    ...(direct ? { direct } : {}),
    confirmers: opened.flatMap((o) => o.confirmers ?? []),
    async flush() {
      for (const open of opened) await open.flush?.();
    },
  };
}
