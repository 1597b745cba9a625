/**
 * Normalizes `ab:` (with `quick.ab` in the quick variant): the two sides (`path:nats`, `path:direct` or a service
 * command), the rounds, and the budgets on B's change against A, each key read as the quantity the A/B table
 * prints (`cost.cpu`, `latency.persisted{phase: steady} p99`) and each bound as a signed percentage.
 * @module
 */
import { type ComparedStat, comparedStatLabel, comparedStats } from "../metrics/compared-stats.ts";
import { directionOf } from "../compare/direction.ts";
import { formatThresholdKey, parseThresholdKey } from "../thresholds/key.ts";
import type { NormalizeContext } from "./context.ts";
import type { RawAb, RawScenario } from "./raw.ts";
import type { AbBudget, AbSide, AbSpec, ServiceSpec } from "./types.ts";
import { childPath } from "./yaml-source.ts";

/** Rounds per side when `ab.rounds` is absent. */
export const DEFAULT_AB_ROUNDS = 5;

/** The side a string names: `path:nats`, `path:direct`, else a service command. */
export function abSide(text: string): AbSide {
  const m = /^\s*path:(nats|direct)\s*$/.exec(text);
  return m ? { path: m[1] as "nats" | "direct" } : { command: text.trim() };
}

/** How {@link parseAbBudgetKey} reads `metric{selector} stat`: the canonical key, or why it cannot. */
export type AbKeyResult = { ok: true; key: string } | { ok: false; message: string; offset: number };

/** The statistic a budget key may write, by its spelling (`avg` and `mean` are the same). */
const STAT_BY_SPELLING: ReadonlyMap<string, ComparedStat> = new Map([
  ["mean", "avg"],
  ["avg", "avg"],
  ["p50", "p50"],
  ["p95", "p95"],
  ["p99", "p99"],
  ["p99.9", "p999"],
]);

function spellings(stats: readonly ComparedStat[]): string {
  return stats.map((s) => `\`${comparedStatLabel(s)}\``).join(", ");
}

/**
 * Reads a budget key into the A/B table's spelling (`latency.persisted{phase: steady} p99`), refusing a quantity the
 * table never prints: a statistic the metric has no A/B row for, a missing one, or a metric never compared.
 */
export function parseAbBudgetKey(text: string): AbKeyResult {
  const close = text.lastIndexOf("}");
  const space = text.search(/\s/);
  const tailFrom = close >= 0 ? close + 1 : space >= 0 ? space : text.length;
  const head = text.slice(0, tailFrom);
  const stat = text.slice(tailFrom).trim();
  const parsed = parseThresholdKey(head.trim());
  if (!parsed.ok) return { ok: false, message: parsed.error.message, offset: parsed.error.offset };
  const name = parsed.key.metric.name;
  const offered = comparedStats(parsed.key.metric);
  if (offered.length === 0 || directionOf(name) === "none") {
    return { ok: false, message: `\`${name}\` has no row in the A/B table: it is never compared`, offset: 0 };
  }
  const single = offered.includes("value");
  if (stat === "") {
    if (single) return { ok: true, key: formatThresholdKey(name, parsed.key.selector) };
    return {
      ok: false,
      message:
        `\`${name}\` needs a statistic: the A/B table prints it as ${spellings(offered)}, e.g. \`${head.trim()} ` +
        `${comparedStatLabel(offered.includes("p99") ? "p99" : offered[0]!)}\``,
      offset: text.length,
    };
  }
  const wanted = STAT_BY_SPELLING.get(stat);
  if (wanted === undefined || !offered.includes(wanted)) {
    return {
      ok: false,
      message: single
        ? `\`${name}\` has one value per round: write the key without \`${stat}\``
        : `the A/B table prints \`${name}\` as ${spellings(offered)}, not \`${stat}\``,
      offset: text.indexOf(stat, tailFrom),
    };
  }
  return { ok: true, key: `${formatThresholdKey(name, parsed.key.selector)} ${comparedStatLabel(wanted)}` };
}

const BOUND = /^\s*(<=|>=|<|>)\s*([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*%\s*$/;

function budget(key: string, condition: string, path: string, ctx: NormalizeContext): AbBudget | undefined {
  const parsedKey = parseAbBudgetKey(key);
  if (!parsedKey.ok) {
    ctx.reportIn(path, Math.max(0, parsedKey.offset), "invalid-budget", parsedKey.message, true);
    return undefined;
  }
  const m = BOUND.exec(condition);
  if (!m) {
    ctx.report(
      path,
      "invalid-budget",
      `cannot read \`${condition}\`: expected a bound on B's change against A in percent, e.g. \`< 300%\` or \`> -5%\``,
    );
    return undefined;
  }
  const limitPercent = Number(m[2]);
  if (m[1]!.startsWith("<") && limitPercent <= -100) {
    ctx.report(path, "vacuous-condition", `\`${condition}\` can never pass: no change is below -100 %`);
    return undefined;
  }
  return {
    key: parsedKey.key,
    condition: condition.trim(),
    op: m[1] as AbBudget["op"],
    limitPercent,
    pos: ctx.pos(path),
  };
}

function checkSide(raw: RawAb, name: "a" | "b", service: ServiceSpec, ctx: NormalizeContext): AbSide {
  const side = abSide(raw[name]);
  if ("path" in side && side.path === "direct" && service.kind !== "reference") {
    ctx.report(
      `/ab/${name}`,
      "invalid-service",
      "`path:direct` writes with the reference service's storage: the scenario's service must be `reference`",
    );
  }
  return side;
}

/** The normalized `ab:` block, or undefined when the scenario has none. */
export function normalizeAb(
  raw: RawScenario,
  quick: boolean,
  service: ServiceSpec,
  ctx: NormalizeContext,
): AbSpec | undefined {
  const ab = raw.ab;
  if (ab === undefined) {
    if (raw.quick?.ab !== undefined) ctx.report("/quick/ab", "invalid-override", "overrides `ab`, which is absent");
    return undefined;
  }
  const sides = { a: checkSide(ab, "a", service, ctx), b: checkSide(ab, "b", service, ctx) };
  if (JSON.stringify(sides.a) === JSON.stringify(sides.b)) {
    ctx.report("/ab/b", "same-sides", "names the same side as `a`: an A/B experiment needs two different sides");
  }
  const budgets: AbBudget[] = [];
  const seen = new Map<string, string>();
  for (const [key, condition] of Object.entries(ab.budgets ?? {})) {
    const path = childPath("/ab/budgets", key);
    const b = budget(key, condition, path, ctx);
    if (!b) continue;
    const earlier = seen.get(b.key);
    if (earlier !== undefined) {
      ctx.report(path, "duplicate-budget", `\`${key}\` is the same quantity as \`${earlier}\``, "key");
      continue;
    }
    seen.set(b.key, key);
    budgets.push(b);
  }
  const rounds = (quick ? raw.quick?.ab?.rounds : undefined) ?? ab.rounds ?? DEFAULT_AB_ROUNDS;
  return { a: ab.a.trim(), b: ab.b.trim(), sides, rounds, budgets, pos: ctx.pos("/ab") };
}
