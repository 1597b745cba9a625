/**
 * Compiling a request event's reply checks (`expect:`) once for a plan, and judging one reply with them: status,
 * schema, conditions, then `recent` (see `recent-window.ts`). Pure: the reply, the request's payload and, for
 * `recent`, a view of what the run sent go in; the first failed check's reason (or undefined) comes out.
 * @module
 */
import type { ValidateFunction } from "ajv";
import type { ReplyCondition, ReplyExpect } from "../scenario/expect.ts";
import { parsePointer, resolveTokens } from "../text/json-pointer.ts";
import { compileReplySchema, schemaErrorText } from "../scenario/reply-schema.ts";
import { matchRecent, type SentWindow } from "./recent-window.ts";
import { comparedValue } from "./sent-log.ts";

/** A `recent` check ready to run. */
export interface CompiledRecent {
  /** Index of the referenced event type in the plan. */
  event: number;
  eventName: string;
  /** Index of its match pointer among those the event's sent log keeps. */
  pointer: number;
  match: string;
  matchTokens: string[];
  limit: number | string[];
  newestFirst: boolean;
  items: string;
  itemsTokens: string[];
}

/** A request event's reply checks, compiled. */
export interface CompiledExpect {
  status: "ok" | "error";
  validate?: ValidateFunction;
  that: { condition: ReplyCondition; tokens: string[] }[];
  recent?: CompiledRecent;
}

/** What the sent events kept for `recent` checks: per referenced event type, its pointers and the ring size. */
export interface KeepSpec {
  pointers: string[];
  capacity: number;
}

/** Events in flight beyond the largest limit whose values a sent log still keeps. */
export const IN_FLIGHT_KEPT = 8192;

/**
 * Compiles `expect`; `keep` collects, per event index a `recent` check refers to, what its sent log keeps.
 * `eventIndex` resolves event names (the scenario was validated, so each resolves).
 */
export function compileExpect(
  expect: ReplyExpect,
  eventIndex: (name: string) => number,
  keep: Map<number, KeepSpec>,
  limitCap: number,
): CompiledExpect {
  const out: CompiledExpect = {
    status: expect.status,
    that: expect.that.map((condition) => ({ condition, tokens: parsePointer(condition.operand.pointer) ?? [] })),
  };
  if (expect.schema !== undefined) {
    const validate = compileReplySchema(expect.schema);
    if (typeof validate !== "string") out.validate = validate;
  }
  const r = expect.recent;
  if (r) {
    const event = eventIndex(r.event);
    const spec = keep.get(event) ?? { pointers: [], capacity: 0 };
    if (!spec.pointers.includes(r.match)) spec.pointers.push(r.match);
    const maxLimit = typeof r.limit === "number" ? r.limit : limitCap;
    spec.capacity = Math.max(spec.capacity, maxLimit + IN_FLIGHT_KEPT);
    keep.set(event, spec);
    out.recent = {
      event,
      eventName: r.event,
      pointer: spec.pointers.indexOf(r.match),
      match: r.match,
      matchTokens: parsePointer(r.match) ?? [],
      limit: typeof r.limit === "number" ? r.limit : parsePointer(r.limit.pointer) ?? [],
      newestFirst: r.order === "newest-first",
      items: r.items,
      itemsTokens: parsePointer(r.items) ?? [],
    };
  }
  return out;
}

const decoder = new TextDecoder();

/** A value for a reason: text as it is, anything else as JSON, cut at 40 characters. */
function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? "undefined";
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** At most the first 3 values of a list, each cut at 32 characters. */
function showList(values: readonly (string | undefined)[]): string {
  const cut = (v: string | undefined) => {
    const text = v === undefined ? "(none)" : show(JSON.parse(v));
    return text.length > 32 ? `${text.slice(0, 31)}…` : text;
  };
  const more = values.length > 3 ? `, … ${values.length - 3} more` : "";
  return `[${values.slice(0, 3).map(cut).join(", ")}${more}]`;
}

function ordered(a: number, op: "<" | "<=" | ">" | ">=", b: number): boolean {
  return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
}

function lengthOf(value: unknown): number | undefined {
  if (Array.isArray(value) || typeof value === "string") return value.length;
  if (typeof value === "object" && value !== null) return Object.keys(value).length;
  return undefined;
}

function checkCondition(reply: unknown, c: { condition: ReplyCondition; tokens: string[] }): string | undefined {
  const { operand, op, value } = c.condition;
  const found = resolveTokens(reply, c.tokens);
  const name = operand.kind === "length"
    ? (operand.pointer === "" ? "length" : `length(${operand.pointer})`)
    : operand.pointer;
  if (!found.found) return `${name}: ${operand.pointer === "" ? "" : `${operand.pointer} `}missing`;
  let observed: unknown = found.value;
  if (operand.kind === "length") {
    observed = lengthOf(found.value);
    if (observed === undefined) return `${name}: not a list, text or map (got ${show(found.value)})`;
  }
  if (op === "==" || op === "!=") {
    const same = JSON.stringify(observed) === JSON.stringify(value);
    if (same === (op === "==")) return undefined;
    return op === "=="
      ? `${name}: expected ${JSON.stringify(value)} got ${JSON.stringify(observed) ?? "undefined"}`
      : `${name}: expected anything but ${JSON.stringify(value)}`;
  }
  if (typeof observed !== "number") return `${name}: expected a number, got ${show(observed)}`;
  return ordered(observed, op, value as number) ? undefined : `${name}: ${observed} is not ${op} ${value as number}`;
}

/** What a `recent` check sees of the referenced event type's sent events at the time of the reply. */
export type RecentView = (pointer: number) => SentWindow;

function checkRecent(r: CompiledRecent, reply: unknown, request: unknown, view: RecentView): string | undefined {
  let limit = typeof r.limit === "number" ? r.limit : undefined;
  if (Array.isArray(r.limit)) {
    const found = resolveTokens(request, r.limit);
    if (found.found && typeof found.value === "number" && Number.isInteger(found.value) && found.value >= 0) {
      limit = found.value;
    } else {
      return `recent: the request's limit is not a whole number (got ${found.found ? show(found.value) : "none"})`;
    }
  }
  const list = resolveTokens(reply, r.itemsTokens);
  if (!found(list) || !Array.isArray(list.value)) {
    return `recent: ${r.items === "" ? "the reply" : r.items} is not a list`;
  }
  const items = list.value.map((item) => comparedValue(item, r.matchTokens));
  const got = r.newestFirst ? [...items].reverse() : items;
  const window = view(r.pointer);
  const outcome = matchRecent(window, limit!, got);
  if (outcome.pass) return undefined;
  const order = r.newestFirst ? "newest first" : "oldest first";
  const expected = r.newestFirst ? [...outcome.expected].reverse() : outcome.expected;
  const range = window.lo < window.hi ? `, or an earlier window down to the first ${window.lo} sent` : "";
  const unchecked = outcome.unchecked
    ? `; windows older than the newest ${window.hi - window.oldest} kept were not compared`
    : "";
  return `recent: ${showList(items)} is not the newest ${limit} ${r.eventName} ${r.match} sent, ${order} ` +
    `(expected ${showList(expected)}${range})${unchecked}`;
}

function found(r: { found: boolean }): boolean {
  return r.found;
}

/** The reason a reply fails `expect`, or undefined when it passes. `view` is needed only with `recent`. */
export function judgeReply(
  expect: CompiledExpect,
  reply: Uint8Array,
  request: Uint8Array,
  view: RecentView | undefined,
): string | undefined {
  const text = decoder.decode(reply);
  let value: unknown;
  let parsed = reply.length > 0;
  try {
    value = parsed ? JSON.parse(text) : undefined;
  } catch {
    parsed = false;
  }
  const isError = reply.length === 0 || (parsed && typeof value === "object" && value !== null && "error" in value);
  if (expect.status === "ok" && isError) return "status: expected ok, got an error reply";
  if (expect.status === "error" && !isError) return "status: expected an error reply";
  const needsJson = expect.validate !== undefined || expect.that.length > 0 || expect.recent !== undefined;
  if (!needsJson) return undefined;
  if (!parsed) return "the reply is not JSON";
  if (expect.validate && !expect.validate(value)) return `schema: ${schemaErrorText(expect.validate.errors)}`;
  for (const c of expect.that) {
    const reason = checkCondition(value, c);
    if (reason) return reason;
  }
  if (expect.recent && view) {
    let requestValue: unknown;
    try {
      requestValue = JSON.parse(decoder.decode(request));
    } catch {
      requestValue = undefined;
    }
    return checkRecent(expect.recent, value, requestValue, view);
  }
  return undefined;
}
