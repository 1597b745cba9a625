/**
 * Reply checks (`expect:` on a request event): their normalized types, the JSON pointers they name and the parser of
 * their conditions (`/0/message == "x"`, `length <= 50`). Pure: the run compiles these once (`run/reply-check.ts`).
 * @module
 */
import { parsePointer } from "../text/json-pointer.ts";

/** A comparison operator (the same as a threshold condition's). */
export type ReplyOp = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** What a condition tests: the value at a JSON pointer of the reply, or the length of the value there. */
export interface ReplyOperand {
  kind: "value" | "length";
  /** An RFC 6901 JSON pointer; empty = the whole reply. */
  pointer: string;
}

/** One parsed condition on a reply, e.g. `/0/username != ''`. */
export interface ReplyCondition {
  /** The condition as written. */
  text: string;
  operand: ReplyOperand;
  op: ReplyOp;
  /** A JSON literal (a number for `<`, `<=`, `>`, `>=` and for every length). */
  value: unknown;
}

/**
 * A check tied to what the run sent: the reply lists the newest `limit` events of type `event` this run sent, in
 * `order`, compared by the JSON value at `match` (in the sent payload and in each listed item). See
 * `run/recent-window.ts` for what "newest" means while events are still in flight.
 */
export interface RecentExpect {
  /** An event type of the scenario (published, not a request). */
  event: string;
  /** A number, or a JSON pointer into the request's own payload. */
  limit: number | { pointer: string };
  /** JSON pointer of the compared field, in the sent payload and in each reply item. */
  match: string;
  order: "oldest-first" | "newest-first";
  /** JSON pointer of the list in the reply; empty = the reply is the list. */
  items: string;
}

/** What a request event's reply must be. */
export interface ReplyExpect {
  /** `ok`: not an error reply (`{ "error": ... }`, or empty); `error`: an error reply. */
  status: "ok" | "error";
  /** A JSON Schema (draft 2020-12) the reply must satisfy. */
  schema?: Record<string, unknown> | boolean;
  that: ReplyCondition[];
  recent?: RecentExpect;
}

/** The most a `recent` check's limit may be (the window busmark keeps per event type is sized by it). */
export const RECENT_LIMIT_CAP = 1000;

/** A problem in a condition's text, at character `offset`. */
export interface ConditionProblem {
  offset: number;
  message: string;
}

const OPS: readonly ReplyOp[] = ["==", "!=", "<=", ">=", "<", ">"];
const ORDERING = new Set<ReplyOp>(["<", "<=", ">", ">="]);
const SYNTAX = 'write `POINTER OP VALUE`, `length OP N` or `length(POINTER) OP N`, e.g. `/0/message == "x"`';

function parseLiteral(text: string): { value: unknown } | undefined {
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return { value: text.slice(1, -1) };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Parses one condition on a reply, or says what is wrong where. */
export function parseReplyCondition(text: string): ReplyCondition | ConditionProblem {
  const m = /^(\s*)(length\s*\(\s*([^)\s]*)\s*\)|length|\/\S*)(\s*)(==|!=|<=|>=|<|>)(\s*)(.*?)\s*$/.exec(text);
  if (!m) return { offset: 0, message: `cannot read the condition: ${SYNTAX}` };
  const [, lead = "", left = "", inner, gap1 = "", opText = "", gap2 = ""] = m;
  const rest = m[7] ?? "";
  const isLength = left.startsWith("length");
  const pointer = isLength ? inner ?? "" : left;
  const pointerAt = isLength ? lead.length + left.indexOf(pointer, 6) : lead.length;
  if (parsePointer(pointer) === undefined) {
    return {
      offset: pointerAt,
      message: `\`${pointer}\` is not a JSON pointer (\`/\`-separated, \`~0\` \`~1\` escapes)`,
    };
  }
  const op = OPS.find((o) => o === opText)!;
  const valueAt = lead.length + left.length + gap1.length + opText.length + gap2.length;
  if (rest === "") return { offset: valueAt, message: `a value is missing after \`${op}\`: ${SYNTAX}` };
  const literal = parseLiteral(rest);
  if (!literal) {
    return {
      offset: valueAt,
      message: `\`${rest}\` is not a JSON value (a number, "text", 'text', true, false or null)`,
    };
  }
  if ((isLength || ORDERING.has(op)) && typeof literal.value !== "number") {
    return { offset: valueAt, message: `\`${op}\` ${isLength ? "on a length " : ""}compares with a number` };
  }
  return { text, operand: { kind: isLength ? "length" : "value", pointer }, op, value: literal.value };
}
