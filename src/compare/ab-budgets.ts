/**
 * The budgets of a scenario's `ab:` block judged on an analysed A/B experiment, as threshold checks: B's relative
 * change against A (the change of the rounds' means, in percent) must keep its bound. Like every A/B gate here it
 * cries no wolf: a budget fails only when the whole 95 % bootstrap interval of the change lies beyond the bound;
 * an interval that straddles the bound passes with `resolution: insufficient` and says so, because the rounds
 * cannot tell which side of the bound the change is on. Pure.
 * @module
 */
import type { ThresholdCheck } from "../result/types.ts";
import type { AbBudget } from "../scenario/types.ts";
import { formatChange } from "../format/units.ts";
import type { QuantityComparison } from "./compare.ts";

/** The key prefix of a budget check, as reports print it. */
export const AB_BUDGET_PREFIX = "[B vs A] ";

function holds(op: AbBudget["op"], value: number, limit: number): boolean {
  return op === "<" ? value < limit : op === "<=" ? value <= limit : op === ">" ? value > limit : value >= limit;
}

function metricOf(key: string): string {
  return /^[A-Za-z0-9_.]+/.exec(key)?.[0] ?? key;
}

/** One budget judged on the comparison rows of B against A over `rounds` rounds a side. */
export function judgeAbBudget(
  rows: readonly QuantityComparison[],
  rounds: number,
  budget: AbBudget,
): ThresholdCheck {
  const base = {
    key: `${AB_BUDGET_PREFIX}${budget.key}`,
    metric: metricOf(budget.key),
    selector: {},
    condition: budget.condition,
    unit: "%",
    abortOnFail: false,
    side: "b-vs-a" as const,
  };
  const row = rows.find((r) => r.quantity.key === budget.key);
  if (!row) {
    return {
      ...base,
      observed: null,
      pass: false,
      reason: `no data: \`${budget.key}\` was not measured on both sides (measured: ${
        rows.slice(0, 12).map((r) => r.quantity.key).join(", ")
      }${rows.length > 12 ? ", …" : ""})`,
    };
  }
  if (!Number.isFinite(row.change)) {
    return { ...base, observed: null, pass: false, reason: "no data: A measured 0, so B has no relative change" };
  }
  const observed = row.change * 100;
  const limit = budget.limitPercent;
  const interval = row.interval ? { low: row.interval.low * 100, high: row.interval.high * 100 } : undefined;
  if (!interval) {
    return {
      ...base,
      observed,
      pass: holds(budget.op, observed, limit),
      resolution: "insufficient",
      resolutionReason: `${rounds} round(s) a side give no interval, so the change is judged on its mean alone`,
    };
  }
  const lowHolds = holds(budget.op, interval.low, limit);
  const highHolds = holds(budget.op, interval.high, limit);
  const straddles = lowHolds !== highHolds;
  return {
    ...base,
    observed,
    pass: lowHolds || highHolds,
    interval,
    resolution: straddles ? "insufficient" : "sufficient",
    ...(straddles
      ? {
        resolutionReason: `the 95 % interval ${formatChange(row.interval!.low)} … ${
          formatChange(row.interval!.high)
        } straddles the bound, so ${rounds} rounds cannot tell which side of it the change is on`,
      }
      : {}),
  };
}

/** Every budget judged on the rows, in the order written. */
export function judgeAbBudgets(
  rows: readonly QuantityComparison[],
  rounds: number,
  budgets: readonly AbBudget[],
): ThresholdCheck[] {
  return budgets.map((b) => judgeAbBudget(rows, rounds, b));
}
