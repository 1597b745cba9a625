/**
 * Building normalized scenarios in code for interpreter tests (the loader has its own tests; these exercise the run).
 */
import type {
  EventType,
  Fault,
  LoadModel,
  Phase,
  PhaseKind,
  Scenario,
  ServiceSpec,
  Threshold,
} from "../../src/scenario/types.ts";
import type { Condition } from "../../src/scenario/types.ts";
import { defaultConfirm } from "../../src/scenario/confirmation.ts";

const pos = { file: "test.yaml", line: 1, column: 1 };

/** A message.log event of the contract. */
export function chatEvent(prefix: string, name = "chat"): EventType {
  return {
    name,
    subject: `${prefix}.message.log`,
    payload: {
      kind: "object",
      fields: {
        username: { kind: "concat", parts: [{ kind: "literal", value: "user" }, { kind: "int", min: 1, max: 20 }] },
        message: { kind: "text", min: 10, max: 40 },
      },
    },
    persisted: true,
    confirm: { kind: "notices" },
    confirmDeclared: false,
    pos,
  };
}

/** A request event of the contract. */
export function recentChatRequest(prefix: string, name = "recent"): EventType {
  return {
    name,
    subject: `${prefix}.stats.recent_chat.get`,
    payload: { kind: "literal", value: { limit: 5 } },
    request: { timeoutMs: 2000 },
    persisted: false,
    confirm: { kind: "reply" },
    confirmDeclared: false,
    pos,
  };
}

/** A phase. */
export function phase(
  name: string,
  kind: PhaseKind,
  durationMs: number,
  load: LoadModel,
  extra: Partial<Phase> = {},
): Phase {
  return { name, kind, durationMs, load, mix: [], startMs: 0, pos, ...extra };
}

/** A threshold from a metric and parsed-by-hand conditions. */
export function threshold(metric: string, conditions: Omit<Condition, "pos" | "text">[], selector = {}): Threshold {
  return {
    key: metric,
    metric,
    selector,
    conditions: conditions.map((c) => ({ ...c, text: `${c.stat.kind} ${c.op} ${c.value}${c.unit}`, pos })),
    abortOnFail: false,
    pos,
  };
}

/** A whole scenario; phase start offsets and the total duration are computed. */
export function scenario(opts: {
  name?: string;
  prefix: string;
  service?: ServiceSpec;
  events: EventType[];
  phases: Phase[];
  faults?: Fault[];
  thresholds?: Threshold[];
  graceMs?: number;
  path?: "nats" | "direct";
}): Scenario {
  const service: ServiceSpec = opts.service ??
    { kind: "reference", prefix: opts.prefix, jetstream: false, batchMax: 1000 };
  let start = 0;
  const phases = opts.phases.map((p) => {
    const out = { ...p, startMs: start };
    start += p.durationMs;
    return out;
  });
  return {
    version: 1,
    name: opts.name ?? "test-scenario",
    description: "built by a test",
    tags: [],
    file: "/dev/null",
    quick: false,
    target: {},
    service,
    path: opts.path ?? "nats",
    pools: [],
    // An event's confirmation is what its service implies, unless the test declared one.
    events: opts.events.map((e) => e.confirmDeclared ? e : { ...e, confirm: defaultConfirm(service, e) }),
    mix: opts.events.map((e) => ({ event: e.name, weight: 1 / opts.events.length })),
    phases,
    faults: opts.faults ?? [],
    thresholds: opts.thresholds ?? [],
    durationMs: start,
    graceMs: opts.graceMs ?? 2000,
    seed: 1,
  };
}

/** A unique subject prefix so parallel tests never share subjects on the shared server. */
export function uniquePrefix(): string {
  return `t${Math.random().toString(36).slice(2, 10)}.db`;
}
