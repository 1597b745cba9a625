/**
 * Normalizes `thresholds` (merged with `quick.thresholds` in the quick variant): keys and conditions are parsed
 * against the metric catalogue, selectors must name things that exist, and a threshold on a metric the scenario
 * can never produce is a problem (a budget that cannot fail is a defect).
 * @module
 */
import type { MetricDef } from "../metrics/catalog.ts";
import { parseCondition } from "../thresholds/condition.ts";
import { formatThresholdKey, parseThresholdKey } from "../thresholds/key.ts";
import { confirmsPersistence, serviceConfirmation } from "./confirmation.ts";
import type { NormalizeContext } from "./context.ts";
import type { RawScenario, RawThresholdValue } from "./raw.ts";
import { didYouMean } from "../text/suggest.ts";
import type { Condition, EventType, Fault, Phase, Scenario, Selector, Threshold } from "./types.ts";
import { childPath } from "./yaml-source.ts";

/** What the thresholds are checked against. */
export type ThresholdFacts = Pick<Scenario, "events" | "phases" | "faults" | "service" | "path"> & {
  /** Every phase name in the file (a quick variant may skip some). */
  allPhases: Phase["name"][];
  /** Where the service came from when not from the file (`--service-command`), for messages. */
  serviceFrom?: string;
};

function conditionPaths(value: RawThresholdValue, path: string): [string, string][] {
  if (typeof value === "string") return [[value, path]];
  if (Array.isArray(value)) return value.map((c, i) => [c, `${path}/${i}`]);
  const c = value.condition;
  return typeof c === "string" ? [[c, `${path}/condition`]] : c.map((s, i) => [s, `${path}/condition/${i}`]);
}

/** Faults after whose end busmark waits for the first event persisted again (`recovery.time`). */
const RECOVERING_FAULTS: ReadonlySet<Fault["action"]> = new Set(["kill", "stop", "restart", "pause", "restart-nats"]);

/** Metrics that count or time persistence (beyond those whose event filter is `persisted`). */
const PERSISTENCE_METRICS: ReadonlySet<string> = new Set(["recovery.time", "burst.drain"]);

/** The path each phase runs on. */
function phasePaths(facts: ThresholdFacts): Set<string> {
  return new Set(facts.phases.map((p) => p.path ?? facts.path));
}

/** Measured phases that send events, by path. */
function sendingPaths(facts: ThresholdFacts): Set<string> {
  const sending = facts.phases.filter((p) =>
    p.kind !== "warmup" &&
    (p.load.kind === "rate" || p.load.kind === "concurrency" || p.load.kind === "count" || p.load.kind === "streams")
  );
  return new Set(sending.map((p) => p.path ?? facts.path));
}

/** Persisted event types nothing confirms one by one (no `confirm:`, and none from their service). */
function unconfirmed(facts: ThresholdFacts): EventType[] {
  return facts.events.filter((e) => e.persisted && !confirmsPersistence(e.confirm));
}

/** Why an event type the service cannot confirm is so, for messages. */
function blindReason(facts: ThresholdFacts): string {
  return serviceConfirmation(facts.service) === "db"
    ? " from the service's SQLite file (only `message.log` rows whose text carries `{{ id }}` can)"
    : "";
}

/**
 * Why busmark cannot observe `metric` through this service, or undefined. A budget over every persisted event (no
 * `event` selector) is unobservable as soon as one of them cannot be confirmed: it would pass on the others alone.
 */
function unconfirmable(metric: MetricDef, facts: ThresholdFacts, selector: Selector = {}): string | undefined {
  if (!phasePaths(facts).has("nats")) return undefined; // the direct path confirms its own writes
  const via = facts.serviceFrom ? ` (service given by ${facts.serviceFrom})` : "";
  const persisted = facts.events.filter((e) => e.persisted);
  if (metric.name === "events.invalid" && !persisted.some((e) => e.confirm.kind === "notices")) {
    return `busmark learns of invalid events only from commit notices, and this service${via} publishes none: ` +
      "declare `notices: true` if it does";
  }
  if (metric.events !== "persisted" && !PERSISTENCE_METRICS.has(metric.name)) return undefined;
  if (facts.service.kind === "none") return "the scenario has no service (`none`), so nothing confirms persistence";
  const blind = unconfirmed(facts);
  if (persisted.length > 0 && blind.length === persisted.length) {
    if (serviceConfirmation(facts.service) === "db") {
      return `without \`notices: true\` only \`message.log\` rows carrying \`{{ id }}\` in their text are confirmed (from \`db\`)${via}, and no event is one: declare \`confirm:\` on the events`;
    }
    return `busmark cannot confirm this service's writes${via}: declare \`confirm:\` on its events, give its \`db\` or declare \`notices: true\``;
  }
  if (selector.event === undefined && blind.length > 0) {
    const names = blind.map((e) => `\`${e.name}\``).join(", ");
    return `${names} cannot be confirmed${blindReason(facts)}${via}, ` +
      "so a budget over every event would pass on the others alone: select events with `{event: …}`, " +
      "or declare `confirm:` for them";
  }
  return undefined;
}

/** Why the scenario can never produce `metric`, or undefined when it can. */
export function unavailable(metric: MetricDef, facts: ThresholdFacts, selector: Selector = {}): string | undefined {
  const { events, phases, faults, service } = facts;
  const name = metric.name;
  if (metric.events === "persisted" && !events.some((e) => e.persisted)) return "no event type is persisted";
  const unconfirmed = unconfirmable(metric, facts, selector);
  if (unconfirmed) return unconfirmed;
  const paths = phasePaths(facts);
  const sending = sendingPaths(facts);
  if (name.startsWith("overhead.") && !(sending.has("nats") && sending.has("direct"))) {
    return "it compares measured phases on the `nats` and the `direct` path, and there are not both";
  }
  if ((name.startsWith("service.") || name === "latency.delivered") && !paths.has("nats")) {
    return "no phase runs on the `nats` path";
  }
  if (metric.events === "request" && !events.some((e) => e.request)) return "no event type is a request";
  if (metric.events === "checked" && !events.some((e) => e.expect)) return "no request event has `expect:` checks";
  if (metric.events === "publish" && !events.some((e) => !e.request)) return "every event type is a request";
  if (name === "micro.op" && !phases.some((p) => p.load.kind === "micro")) return "there is no micro phase";
  if (name === "burst.drain" && !phases.some((p) => p.load.kind === "count")) return "there is no `count` phase";
  if (name === "recovery.time" && !faults.some((f) => RECOVERING_FAULTS.has(f.action))) {
    return "there is no fault to recover from";
  }
  if (name === "nats.reconnect" && !faults.some((f) => f.action === "restart-nats")) {
    return "there is no `restart-nats`";
  }
  if (name.startsWith("service.") && service.kind !== "reference" && service.kind !== "command") {
    return `busmark does not start the \`${service.kind}\` service, so it cannot measure its process`;
  }
  return undefined;
}

/** Why an `{event: name}` selector cannot be measured for `metric`, or undefined. */
export function checkEvent(metric: MetricDef, name: string, facts: ThresholdFacts): string | undefined {
  const { events } = facts;
  const event = events.find((e) => e.name === name);
  if (!event) return `unknown event \`${name}\`${didYouMean(name, events.map((e) => e.name))}`;
  if (metric.events === "persisted" && !event.persisted) return `event \`${name}\` is not persisted`;
  if (
    metric.events === "persisted" && !confirmsPersistence(event.confirm) && phasePaths(facts).has("nats") &&
    facts.service.kind !== "none"
  ) {
    const via = facts.serviceFrom ? ` (service given by ${facts.serviceFrom})` : "";
    return `event \`${name}\` cannot be confirmed${blindReason(facts)}${via}; ` +
      "declare `confirm:` for it (notices, subject or sql)";
  }
  if (metric.events === "request" && !event.request) return `event \`${name}\` is not a request`;
  if (metric.events === "checked" && !event.expect) return `event \`${name}\` has no \`expect:\` checks`;
  if (metric.events === "publish" && event.request) return `event \`${name}\` is a request`;
  return undefined;
}

function checkPhase(name: string, facts: ThresholdFacts): string | undefined {
  const phase = facts.phases.find((p) => p.name === name);
  if (!phase) {
    return facts.allPhases.includes(name)
      ? `phase \`${name}\` is skipped in the quick variant`
      : `unknown phase \`${name}\`${didYouMean(name, facts.allPhases)}`;
  }
  if (phase.kind === "warmup") return `phase \`${name}\` is a warmup, which is excluded from statistics`;
  return undefined;
}

function checkBench(name: string, facts: ThresholdFacts): string | undefined {
  const benches = facts.phases.flatMap((p) => (p.load.kind === "micro" ? p.load.benches.map((b) => b.name) : []));
  return benches.includes(name) ? undefined : `unknown bench \`${name}\`${didYouMean(name, benches)}`;
}

function normalizeOne(
  key: string,
  value: RawThresholdValue,
  path: string,
  facts: ThresholdFacts,
  ctx: NormalizeContext,
): Threshold | undefined {
  const parsed = parseThresholdKey(key);
  if (!parsed.ok) {
    ctx.reportIn(path, parsed.error.offset, parsed.error.kind, parsed.error.message, true);
    return undefined;
  }
  const { metric, selector, offsets } = parsed.key;
  let ok = true;
  const problems: [keyof typeof offsets, string | undefined, string][] = [
    ["event", selector.event && checkEvent(metric, selector.event, facts), "unknown-event"],
    ["phase", selector.phase && checkPhase(selector.phase, facts), "unknown-phase"],
    ["bench", selector.bench && checkBench(selector.bench, facts), "unknown-bench"],
  ];
  for (const [k, message, kind] of problems) {
    if (!message) continue;
    ok = false;
    const specific = message.startsWith("unknown") ? kind : "invalid-selector";
    ctx.reportIn(path, offsets[k] ?? 0, specific, message, true);
  }
  const reason = unavailable(metric, facts, selector);
  if (reason) {
    ok = false;
    ctx.report(path, "unavailable-metric", `\`${metric.name}\` can never be measured here: ${reason}`, "key");
  }
  const conditions: Condition[] = [];
  for (const [text, at] of conditionPaths(value, path)) {
    const result = parseCondition(text, metric);
    if (!result.ok) {
      ok = false;
      ctx.reportIn(at, result.error.offset, result.error.kind, result.error.message);
    } else conditions.push({ ...result.condition, pos: ctx.pos(at) });
  }
  if (!ok) return undefined;
  const threshold: Threshold = {
    key,
    metric: metric.name,
    selector,
    conditions,
    abortOnFail: typeof value === "object" && !Array.isArray(value) ? value.abortOnFail ?? false : false,
    pos: ctx.keyPos(path),
  };
  if (typeof value === "object" && !Array.isArray(value) && value.tolerance !== undefined) {
    threshold.tolerance = Number(value.tolerance.slice(0, -1)) / 100;
  }
  return threshold;
}

/** The thresholds, in file order (quick replacements take the place of what they replace). */
export function normalizeThresholds(
  raw: RawScenario,
  quick: boolean,
  facts: ThresholdFacts,
  ctx: NormalizeContext,
): Threshold[] {
  const entries = new Map<string, [RawThresholdValue, string]>();
  for (const [key, value] of Object.entries(raw.thresholds ?? {})) {
    entries.set(key, [value, childPath("/thresholds", key)]);
  }
  if (quick) {
    for (const [key, value] of Object.entries(raw.quick?.thresholds ?? {})) {
      entries.set(key, [value, childPath("/quick/thresholds", key)]);
    }
  }
  const thresholds: Threshold[] = [];
  const seen = new Map<string, string>();
  for (const [key, [value, path]] of entries) {
    const threshold = normalizeOne(key, value, path, facts, ctx);
    if (!threshold) continue;
    const canonical = formatThresholdKey(threshold.metric, threshold.selector);
    const earlier = seen.get(canonical);
    if (earlier !== undefined) {
      ctx.report(
        path,
        "duplicate-name",
        `\`${key}\` selects the same as \`${earlier}\`; merge their conditions`,
        "key",
      );
      continue;
    }
    seen.set(canonical, key);
    thresholds.push(threshold);
  }
  return thresholds;
}
