/**
 * Payload templates: string leaves may contain `{{ expr }}` with
 * `pool NAME`, `seq`, `seq START`, `int MIN MAX`, `text MIN MAX`, `pick A B C`, `now`, `now ms`, `id` (the event's
 * busmark id `<runId>.<seq>`, the same as its `Bm-Id` header, given at send time), or a quoted literal
 * (`{{ "{{" }}` writes `{{`). A string that is exactly one expression keeps the expression's type; otherwise the
 * parts are concatenated. Parsed once, at validation time.
 * @module
 */
import { CAPS } from "./caps.ts";
import type { PayloadExpr } from "./types.ts";

/** A problem in a template; `offset` is the index in the string where it starts. */
export interface TemplateError {
  message: string;
  offset: number;
}

/** A pool a template names, with where the name starts. */
export interface PoolRef {
  name: string;
  offset: number;
}

/** The outcome of {@link parseTemplate}. */
export type TemplateResult =
  | { ok: true; expr: PayloadExpr; pools: PoolRef[] }
  | { ok: false; error: TemplateError };

interface Token {
  text: string;
  offset: number;
  quoted: boolean;
}

const FUNCTIONS = "pool NAME, seq [START], int MIN MAX, text MIN MAX, pick A B ..., now [s|ms], id";

function tokenize(body: string, base: number): Token[] | TemplateError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    if (/\s/.test(body[i] ?? "")) {
      i++;
      continue;
    }
    if (body[i] === '"') {
      const end = body.indexOf('"', i + 1);
      if (end < 0) return { message: "unterminated quoted value in a template", offset: base + i };
      tokens.push({ text: body.slice(i + 1, end), offset: base + i, quoted: true });
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < body.length && !/\s/.test(body[i] ?? "")) i++;
    tokens.push({ text: body.slice(start, i), offset: base + start, quoted: false });
  }
  return tokens;
}

function literal(token: Token): unknown {
  if (token.quoted) return token.text;
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(token.text)) return Number(token.text);
  if (token.text === "true" || token.text === "false") return token.text === "true";
  return token.text;
}

function integer(token: Token | undefined, what: string, end: number): number | TemplateError {
  if (token === undefined) return { message: `missing ${what}`, offset: end };
  const n = Number(token.text);
  if (token.quoted || !/^[+-]?\d+$/.test(token.text) || !Number.isSafeInteger(n)) {
    return { message: `${what} must be an integer, got \`${token.text}\``, offset: token.offset };
  }
  return n;
}

function isError(x: unknown): x is TemplateError {
  return typeof x === "object" && x !== null && "message" in x && "offset" in x;
}

function arity(tokens: Token[], min: number, max: number, usage: string, end: number): TemplateError | undefined {
  const args = tokens.length - 1;
  if (args < min) return { message: `missing arguments: write \`${usage}\``, offset: end };
  if (args > max) return { message: `too many arguments: write \`${usage}\``, offset: tokens[max + 1]?.offset ?? end };
  return undefined;
}

function range(tokens: Token[], usage: string, end: number, lo: number, hi: number): [number, number] | TemplateError {
  const bad = arity(tokens, 2, 2, usage, end);
  if (bad) return bad;
  const min = integer(tokens[1], "MIN", end);
  if (isError(min)) return min;
  const max = integer(tokens[2], "MAX", end);
  if (isError(max)) return max;
  if (min < lo || max > hi) {
    return { message: `\`${usage}\` takes values from ${lo} to ${hi}`, offset: tokens[1]!.offset };
  }
  if (min > max) return { message: `MIN (${min}) is greater than MAX (${max})`, offset: tokens[1]!.offset };
  return [min, max];
}

function expression(tokens: Token[], end: number, pools: PoolRef[]): PayloadExpr | TemplateError {
  const head = tokens[0];
  if (head === undefined) return { message: `empty \`{{ }}\`: write one of ${FUNCTIONS}`, offset: end };
  if (head.quoted) {
    return tokens.length === 1
      ? { kind: "literal", value: head.text }
      : { message: "a quoted literal stands alone in `{{ }}`", offset: tokens[1]!.offset };
  }
  switch (head.text) {
    case "pool": {
      const bad = arity(tokens, 1, 1, "pool NAME", end);
      if (bad) return bad;
      pools.push({ name: tokens[1]!.text, offset: tokens[1]!.offset });
      return { kind: "pool", pool: tokens[1]!.text };
    }
    case "seq": {
      const bad = arity(tokens, 0, 1, "seq [START]", end);
      if (bad) return bad;
      const start = tokens[1] === undefined ? 1 : integer(tokens[1], "START", end);
      return isError(start) ? start : { kind: "seq", start };
    }
    case "int": {
      const r = range(tokens, "int MIN MAX", end, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      return isError(r) ? r : { kind: "int", min: r[0], max: r[1] };
    }
    case "text": {
      const r = range(tokens, "text MIN MAX", end, 0, CAPS.textLength);
      return isError(r) ? r : { kind: "text", min: r[0], max: r[1] };
    }
    case "pick": {
      const bad = arity(tokens, 1, Infinity, "pick A B ...", end);
      return bad ?? { kind: "pick", values: tokens.slice(1).map(literal) };
    }
    case "now": {
      const bad = arity(tokens, 0, 1, "now [s|ms]", end);
      if (bad) return bad;
      const unit = tokens[1]?.text ?? "s";
      if (unit !== "s" && unit !== "ms") return { message: "`now` takes `s` or `ms`", offset: tokens[1]!.offset };
      return { kind: "now", unit };
    }
    case "id": {
      const bad = arity(tokens, 0, 0, "id", end);
      return bad ?? { kind: "id" };
    }
    default:
      return { message: `unknown template function \`${head.text}\`; use ${FUNCTIONS}`, offset: head.offset };
  }
}

/** True when the string holds a template expression. */
export function hasTemplate(text: string): boolean {
  return text.includes("{{");
}

/** The first `mark` in `text` at or after `from` that is not literal text; -1 when none. */
function findMark(text: string, mark: string, from: number, literal: (offset: number) => boolean): number {
  for (let at = text.indexOf(mark, from); at >= 0; at = text.indexOf(mark, at + 1)) {
    if (!literal(at) && !literal(at + 1)) return at;
  }
  return -1;
}

/**
 * Parses a template string into a {@link PayloadExpr}. A `{{` or `}}` at an offset `literal` says is literal text
 * (a value taken from the environment) neither opens nor closes an expression.
 */
export function parseTemplate(text: string, literal: (offset: number) => boolean = () => false): TemplateResult {
  const parts: PayloadExpr[] = [];
  const pools: PoolRef[] = [];
  let i = 0;
  while (i < text.length) {
    const open = findMark(text, "{{", i, literal);
    if (open < 0) break;
    if (open > i) parts.push({ kind: "literal", value: text.slice(i, open) });
    const close = findMark(text, "}}", open + 2, literal);
    if (close < 0) return { ok: false, error: { message: "`{{` without a closing `}}`", offset: open } };
    const tokens = tokenize(text.slice(open + 2, close), open + 2);
    if (isError(tokens)) return { ok: false, error: tokens };
    const expr = expression(tokens, close, pools);
    if (isError(expr)) return { ok: false, error: expr };
    parts.push(expr);
    i = close + 2;
  }
  if (i < text.length) parts.push({ kind: "literal", value: text.slice(i) });
  if (parts.length === 1 && parts[0] !== undefined) return { ok: true, expr: parts[0], pools };
  const merged: PayloadExpr[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (part.kind === "literal" && last?.kind === "literal") {
      merged[merged.length - 1] = { kind: "literal", value: `${String(last.value)}${String(part.value)}` };
    } else merged.push(part);
  }
  if (merged.length === 0) return { ok: true, expr: { kind: "literal", value: "" }, pools };
  if (merged.length === 1 && merged[0]?.kind === "literal") {
    return { ok: true, expr: { kind: "literal", value: String(merged[0].value) }, pools };
  }
  return { ok: true, expr: { kind: "concat", parts: merged }, pools };
}
