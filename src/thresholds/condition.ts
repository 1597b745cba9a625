/**
 * The condition grammar: `[stat] op number[unit]`, e.g. `p95 < 10ms`, `p(99.9) <= 25ms`, `>= 100/s`, `== 0`,
 * `< 50MB/h`. Conditions are parsed against the metric they test, so the value comes out in the metric's canonical
 * unit and a stat or unit the metric cannot use is an error with its offset in the text.
 * @module
 */
import { canonicalUnit, type Dimension, type MetricDef, statDimension, type StatName } from "../metrics/catalog.ts";
import type { Condition, Op, Stat } from "../scenario/types.ts";
import { vacuousCondition } from "./range.ts";
import { dimensionName, unitDimension, unitKind, unitList, unitOptional, UNITS } from "./units.ts";

/** A condition without its source position (the scenario loader adds that). */
export type ParsedCondition = Omit<Condition, "pos">;

/** Why a condition was rejected; `offset` is the index in the text the problem starts at. */
export interface ConditionError {
  kind:
    | "invalid-condition"
    | "unknown-stat"
    | "unsupported-stat"
    | "missing-stat"
    | "missing-unit"
    | "unknown-unit"
    | "wrong-unit"
    | "vacuous-condition";
  message: string;
  offset: number;
}

/** The outcome of {@link parseCondition}. */
export type ConditionResult = { ok: true; condition: ParsedCondition } | { ok: false; error: ConditionError };

const OPS: readonly Op[] = ["<=", ">=", "==", "!=", "<", ">"];
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const STAT_WORD = /^(?:p\(\s*[^)]*\)|[A-Za-z_][A-Za-z0-9_.]*)/i;

/** Statistic names a condition may write, for messages. */
const STAT_HINT: Record<StatName, string> = {
  avg: "avg",
  min: "min",
  max: "max",
  count: "count",
  rate: "rate",
  stddev: "stddev",
  percentile: "pN or p(N) (e.g. p95, p(99.9)), median",
  value: "value (or no stat at all)",
};

function fail(kind: ConditionError["kind"], message: string, offset: number): ConditionResult {
  return { ok: false, error: { kind, message, offset } };
}

/** Reads a statistic word (`avg`, `p95`, `p(99.9)`, `median`); undefined when it names none. */
export function parseStat(word: string): { stat: Stat; name: StatName } | { error: string } | undefined {
  const lower = word.toLowerCase();
  switch (lower) {
    case "avg":
    case "mean":
      return { stat: { kind: "avg" }, name: "avg" };
    case "min":
    case "max":
    case "count":
    case "rate":
    case "stddev":
    case "value":
      return { stat: { kind: lower }, name: lower };
    case "med":
    case "median":
      return { stat: { kind: "percentile", p: 50 }, name: "percentile" };
  }
  const m = /^p(?:\(\s*([^)]*?)\s*\)|(\d+(?:\.\d+)?))$/.exec(lower);
  if (!m) return undefined;
  const text = m[1] ?? m[2] ?? "";
  const p = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(p >= 0 && p <= 100)) return { error: `a percentile must be a number from 0 to 100, got \`${text}\`` };
  return { stat: { kind: "percentile", p }, name: "percentile" };
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  return i;
}

/** The statistics a metric supports, for messages. */
export function statsHint(metric: MetricDef): string {
  return metric.stats.map((s) => STAT_HINT[s]).join(", ");
}

function unitProblem(
  text: string,
  unit: string,
  offset: number,
  metric: MetricDef,
  dimension: Dimension,
): ConditionResult | undefined {
  const what = `\`${metric.name}\`${dimension === metric.dimension ? "" : " (this statistic)"}`;
  if (unit === "") {
    if (unitOptional(dimension)) return undefined;
    return fail(
      "missing-unit",
      `\`${text.trim()}\` needs a unit: ${what} is ${dimensionName(dimension)} (${unitList(dimension)})`,
      offset,
    );
  }
  if (UNITS[dimension].has(unit)) return undefined;
  if (dimension === "count") {
    return fail("wrong-unit", `${what} is a count: write a plain number without the unit \`${unit}\``, offset);
  }
  const other = unitDimension(unit);
  if (other === undefined) {
    return fail("unknown-unit", `unknown unit \`${unit}\`; ${what} takes ${unitList(dimension)}`, offset);
  }
  return fail(
    "wrong-unit",
    `\`${unit}\` is ${unitKind(other)}, but ${what} is ${dimensionName(dimension)}; use ${unitList(dimension)}`,
    offset,
  );
}

/** Parses one condition for `metric`. */
export function parseCondition(text: string, metric: MetricDef): ConditionResult {
  const syntax = `cannot read condition \`${text}\`: expected \`[stat] op value[unit]\`, e.g. \`p95 < 10ms\``;
  let i = skipSpaces(text, 0);
  let stat: Stat | undefined;
  let statName: StatName | undefined;
  const statStart = i;
  const word = STAT_WORD.exec(text.slice(i));
  if (word) {
    const parsed = parseStat(word[0]);
    if (parsed === undefined) {
      return fail(
        "unknown-stat",
        `unknown statistic \`${word[0]}\`; \`${metric.name}\` supports ${statsHint(metric)}`,
        i,
      );
    }
    if ("error" in parsed) return fail("unknown-stat", parsed.error, i);
    if (!metric.stats.includes(parsed.name)) {
      return fail(
        "unsupported-stat",
        `\`${metric.name}\` has no statistic \`${word[0]}\`; it supports ${statsHint(metric)}`,
        i,
      );
    }
    stat = parsed.stat;
    statName = parsed.name;
    i = skipSpaces(text, i + word[0].length);
  }
  const op = OPS.find((o) => text.startsWith(o, i));
  if (op === undefined) return fail("invalid-condition", syntax, i);
  i = skipSpaces(text, i + op.length);
  const valueStart = i;
  const number = NUMBER.exec(text.slice(i));
  if (!number) return fail("invalid-condition", syntax, i);
  i = skipSpaces(text, i + number[0].length);
  const unitStart = i;
  const unit = text.slice(i).trimEnd();
  if (/\s/.test(unit)) return fail("invalid-condition", syntax, i);
  if (stat === undefined || statName === undefined) {
    if (metric.defaultStat === undefined) {
      return fail(
        "missing-stat",
        `\`${metric.name}\` needs a statistic before the operator: ${statsHint(metric)} (e.g. \`p95 ${op} ...\`)`,
        statStart,
      );
    }
    statName = metric.defaultStat;
    stat = { kind: statName } as Stat;
  }
  const dimension = statDimension(metric, statName);
  const problem = unitProblem(text, unit, unit === "" ? valueStart : unitStart, metric, dimension);
  if (problem) return problem;
  const factor = unit === "" ? 1 : UNITS[dimension].get(unit) ?? 1;
  const value = Number(number[0]) * factor;
  const vacuous = vacuousCondition(metric, statName, op, value, canonicalUnit(dimension));
  if (vacuous) return fail("vacuous-condition", `\`${text.trim()}\` cannot judge a run: ${vacuous}`, valueStart);
  return { ok: true, condition: { text, stat, op, value, unit } };
}
