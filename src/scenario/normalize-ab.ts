/**
 * Normalizes `ab:` (with `quick.ab` in the quick variant): the two sides (`path:nats`, `path:direct` or a service
 * command), the rounds, and the budgets on B's change against A, each key read as the quantity the A/B table
 * prints (`cost.cpu`, `latency.persisted{phase: steady} p99`) and each bound as a signed percentage.
 * @module
 */
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

const STAT = /^(?:p\d{1,2}(?:\.\d+)?|mean|avg|max|min)$/;

/** Reads a budget key into the A/B table's spelling (`latency.persisted{phase: steady} p99`). */
export function parseAbBudgetKey(text: string): AbKeyResult {
  const close = text.lastIndexOf("}");
  const space = text.search(/\s/);
  const tailFrom = close >= 0 ? close + 1 : space >= 0 ? space : text.length;
  const head = text.slice(0, tailFrom);
  const stat = text.slice(tailFrom).trim();
  const parsed = parseThresholdKey(head.trim());
  if (!parsed.ok) return { ok: false, message: parsed.error.message, offset: parsed.error.offset };
  if (stat !== "" && !STAT.test(stat)) {
    return {
      ok: false,
      message: `unknown statistic \`${stat}\`: write the quantity as the A/B table prints it, e.g. ` +
        "`latency.persisted p99` or `cost.cpu`",
      offset: text.indexOf(stat),
    };
  }
  const label = stat === "avg" ? "mean" : stat;
  return {
    ok: true,
    key: `${formatThresholdKey(parsed.key.metric.name, parsed.key.selector)}${label ? ` ${label}` : ""}`,
  };
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
