/**
 * Normalizes `faults` (or `quick.faults` in the quick variant) and checks them against the timeline and the
 * parts busmark controls.
 * @module
 */
import type { NormalizeContext } from "./context.ts";
import { formatDuration, parseDuration } from "./duration.ts";
import type { RawFault, RawScenario } from "./raw.ts";
import type { Fault, PathKind, ServiceSpec, TargetSpec } from "./types.ts";

const SERVICE_ACTIONS = new Set(["kill", "stop", "restart", "pause", "resume"]);

interface Where {
  fault: Fault;
  path: string;
}

function checkControl(f: RawFault, path: string, parts: Parts, ctx: NormalizeContext): void {
  if (parts.path === "direct") {
    ctx.report(`${path}/action`, "invalid-fault", "the `direct` path has no service or NATS server to fault");
  } else if (SERVICE_ACTIONS.has(f.action) && parts.service.kind !== "reference" && parts.service.kind !== "command") {
    ctx.report(
      `${path}/action`,
      "invalid-fault",
      `\`${f.action}\` needs a service busmark starts (\`reference\` or \`command\`), not \`${parts.service.kind}\``,
    );
  } else if (f.action === "restart-nats" && parts.target.url !== undefined) {
    ctx.report(
      `${path}/action`,
      "invalid-fault",
      "busmark can only restart a NATS server it started: remove `target.nats` or set it to `embedded`",
    );
  }
  if ((f.action === "restart" || f.action === "resume") && f.duration !== undefined) {
    ctx.report(`${path}/duration`, "invalid-fault", `\`${f.action}\` takes no \`duration\``, "key");
  }
}

/** The parts of the run a fault acts on. */
export interface Parts {
  target: TargetSpec;
  service: ServiceSpec;
  path: PathKind;
}

function checkTimeline(faults: Where[], totalMs: number, ctx: NormalizeContext): void {
  let open: Where | undefined; // the service fault whose effect lasts until `openUntil`
  let openUntil = 0;
  const end = formatDuration(totalMs);
  for (const { fault, path } of faults) {
    if (fault.atMs >= totalMs) {
      ctx.report(
        `${path}/at`,
        "fault-after-end",
        `fault at ${formatDuration(fault.atMs)} is not before the run ends (${end})`,
      );
      continue;
    }
    if (fault.atMs + fault.durationMs > totalMs) {
      ctx.report(
        `${path}/duration`,
        "fault-after-end",
        `the fault would end at ${formatDuration(fault.atMs + fault.durationMs)}, after the run ends (${end})`,
      );
    }
    if (fault.action === "restart-nats") continue;
    const active = open !== undefined && fault.atMs < openUntil;
    if (fault.action === "resume") {
      if (!active || open?.fault.action !== "pause") {
        ctx.report(`${path}/action`, "invalid-fault", "`resume` needs an earlier `pause` without a `duration`");
      }
      open = undefined;
      continue;
    }
    if (active && open) {
      ctx.report(
        `${path}/at`,
        "fault-overlap",
        `this fault overlaps the \`${open.fault.action}\` at ${formatDuration(open.fault.atMs)} (line ${
          ctx.pos(open.path).line
        })`,
      );
      continue;
    }
    open = { fault, path };
    openUntil = fault.action === "restart"
      ? fault.atMs
      : fault.durationMs === 0
      ? Infinity
      : fault.atMs + fault.durationMs;
  }
}

/** The faults sorted by time; `totalMs` is the run's length. */
export function normalizeFaults(
  raw: RawScenario,
  quick: boolean,
  parts: Parts,
  totalMs: number,
  ctx: NormalizeContext,
): Fault[] {
  const useQuick = quick && raw.quick?.faults !== undefined;
  const list = (useQuick ? raw.quick?.faults : raw.faults) ?? [];
  const base = useQuick ? "/quick/faults" : "/faults";
  const located: Where[] = list.map((f, i) => {
    const path = `${base}/${i}`;
    checkControl(f, path, parts, ctx);
    const fault: Fault = {
      action: f.action,
      atMs: parseDuration(f.at) ?? 0,
      durationMs: f.duration === undefined ? 0 : parseDuration(f.duration) ?? 0,
      pos: ctx.pos(path),
    };
    return { fault, path };
  });
  located.sort((a, b) => a.fault.atMs - b.fault.atMs);
  checkTimeline(located, totalMs, ctx);
  return located.map((w) => w.fault);
}
