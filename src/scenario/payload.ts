/**
 * Turns a payload value from the YAML into a {@link PayloadExpr} tree, parsing every template string. A subtree
 * without templates collapses to one literal, so the interpreter copies constant parts as they are.
 * @module
 */
import type { NormalizeContext } from "./context.ts";
import { fromEnv } from "./interpolate.ts";
import { hasTemplate, parseTemplate } from "./template.ts";
import type { PayloadExpr } from "./types.ts";
import { didYouMean } from "../text/suggest.ts";
import { childPath } from "./yaml-source.ts";

function collapse(expr: PayloadExpr): PayloadExpr {
  if (expr.kind === "object" && Object.values(expr.fields).every((f) => f.kind === "literal")) {
    const value: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(expr.fields)) value[k] = (f as { value: unknown }).value;
    return { kind: "literal", value };
  }
  if (expr.kind === "array" && expr.items.every((f) => f.kind === "literal")) {
    return { kind: "literal", value: expr.items.map((f) => (f as { value: unknown }).value) };
  }
  return expr;
}

/** The payload expression of `value` at `path`; template errors and unknown pools are reported. */
export function normalizePayload(
  value: unknown,
  path: string,
  pools: ReadonlySet<string>,
  ctx: NormalizeContext,
): PayloadExpr {
  if (typeof value === "string") {
    if (!hasTemplate(value)) return { kind: "literal", value };
    const env = ctx.source.envSegments(path); // text from the environment is literal, never a template
    const result = parseTemplate(value, env ? (offset) => fromEnv(env, offset) : undefined);
    if (!result.ok) {
      ctx.reportIn(path, result.error.offset, "invalid-template", result.error.message);
      return { kind: "literal", value };
    }
    for (const ref of result.pools) {
      if (!pools.has(ref.name)) {
        ctx.reportIn(
          path,
          ref.offset,
          "unknown-pool",
          `unknown pool \`${ref.name}\`${didYouMean(ref.name, [...pools])}`,
        );
      }
    }
    return result.expr;
  }
  if (Array.isArray(value)) {
    return collapse({ kind: "array", items: value.map((v, i) => normalizePayload(v, childPath(path, i), pools, ctx)) });
  }
  if (typeof value === "object" && value !== null) {
    const fields: Record<string, PayloadExpr> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(fields, k, {
        value: normalizePayload(v, childPath(path, k), pools, ctx),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return collapse({ kind: "object", fields });
  }
  return { kind: "literal", value: value ?? null };
}

/** The top-level field names a payload expression certainly produces (undefined when it is not an object). */
export function payloadFields(expr: PayloadExpr): string[] | undefined {
  if (expr.kind === "object") return Object.keys(expr.fields);
  if (expr.kind === "literal" && typeof expr.value === "object" && expr.value !== null && !Array.isArray(expr.value)) {
    return Object.keys(expr.value);
  }
  return undefined;
}
