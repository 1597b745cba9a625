/**
 * The largest payload a template can produce, in bytes of UTF-8 JSON: an upper bound computed from the template's
 * structure (the longest pool value, the widest integer, the longest text, ...), so a run can be refused before it
 * starts when the NATS server's `max_payload` would reject some of its events.
 * @module
 */
import type { PayloadExpr, ValuePool } from "../scenario/types.ts";

const encoder = new TextEncoder();

/** UTF-8 length of a string. */
function bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Digits of the widest safe integer, the bound for counters that grow with the run. */
const MAX_INT_CHARS = String(Number.MIN_SAFE_INTEGER).length;

/** Upper bound of a node's bytes as raw text (inside `concat`) or as JSON; escaping is counted where text is known. */
function bound(expr: PayloadExpr, pools: ReadonlyMap<string, readonly string[]>, json: boolean): number {
  const text = (s: string) => (json ? bytes(JSON.stringify(s)) : bytes(JSON.stringify(s)) - 2);
  switch (expr.kind) {
    case "literal":
      return json || typeof expr.value !== "string" ? bytes(JSON.stringify(expr.value) ?? "null") : text(expr.value);
    case "pool":
      return Math.max(0, ...(pools.get(expr.pool) ?? []).map(text));
    case "seq":
    case "now":
      return MAX_INT_CHARS;
    case "int":
      return Math.max(String(Math.ceil(expr.min)).length, String(Math.floor(expr.max)).length);
    case "text":
      // words of ASCII letters and spaces: no escaping
      return Math.max(0, Math.floor(expr.max)) + (json ? 2 : 0);
    case "pick":
      return Math.max(
        0,
        ...expr.values.map((v) => (json || typeof v !== "string" ? bytes(JSON.stringify(v) ?? "null") : text(v))),
      );
    case "concat":
      return expr.parts.reduce((sum, p) => sum + bound(p, pools, false), 0) + (json ? 2 : 0);
    case "object":
      return Object.entries(expr.fields).reduce(
        (sum, [key, value]) => sum + bytes(JSON.stringify(key)) + 2 + bound(value, pools, true),
        2,
      );
    case "array":
      return expr.items.reduce((sum, item) => sum + 1 + bound(item, pools, true), 2);
    default:
      // a generator this bound does not know yet: a generous allowance for an identifier-sized value
      return 256;
  }
}

/** The largest number of bytes a payload of this template can take (an upper bound, never an underestimate). */
export function maxPayloadBytes(expr: PayloadExpr, pools: readonly ValuePool[]): number {
  return bound(expr, new Map(pools.map((p) => [p.name, p.values])), true);
}
