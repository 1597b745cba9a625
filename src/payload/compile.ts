/**
 * Payload templates compiled once into functions that produce JSON bytes. Each node becomes either a constant JSON
 * fragment (folded at compile time) or a small closure; an object's constant keys and punctuation are merged into
 * the surrounding constant text, so a call only runs the generators and joins a few strings. A payload that is
 * entirely literal is encoded once and the same bytes are returned on every call (callers must not mutate them).
 *
 * Generators draw from the given seeded rng in a fixed order (depth first, field order), so the same seed always
 * gives the same bytes, except for `now`, which reads the wall clock (`Date.now()`), and `id`, which is the event's
 * busmark id the caller passes at send time (`<runId>.<seq>`, the same as its `Bm-Id` header).
 * @module
 */
import type { PayloadExpr, ValuePool } from "../scenario/types.ts";
import { WORDS } from "./words.ts";

/** A payload template that cannot be compiled (the loader normally prevents these). */
export class PayloadError extends Error {
  /** Creates the error with the reason. */
  constructor(reason: string) {
    super(`Cannot compile payload: ${reason}`);
    this.name = "PayloadError";
  }
}

/** A compiled part: constant text, or a function producing it. */
type Part = string | (() => string);

interface Ctx {
  pools: ReadonlyMap<string, readonly string[]>;
  rng: () => number;
  /** Call index of the compiled payload (0 for the first payload), for `seq`. */
  seq: { n: number };
  /** The id of the event being produced, for `id` (set on each call). */
  id: { s: string };
}

/** Joins parts, merging neighbouring constants; a single constant stays a constant. */
function join(parts: Part[]): Part {
  const merged: Part[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (typeof p === "string" && typeof last === "string") merged[merged.length - 1] = last + p;
    else if (p !== "") merged.push(p);
  }
  if (merged.length === 0) return "";
  if (merged.length === 1) return merged[0]!;
  const fns = merged.map((p) => (typeof p === "string" ? () => p : p));
  if (fns.length === 2) {
    const [a, b] = fns as [() => string, () => string];
    return () => a() + b();
  }
  if (fns.length === 3) {
    const [a, b, c] = fns as [() => string, () => string, () => string];
    return () => a() + b() + c();
  }
  return () => {
    let s = "";
    for (let i = 0; i < fns.length; i++) s += fns[i]!();
    return s;
  };
}

function literalJson(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}

function literalText(value: unknown): string {
  return typeof value === "string" ? value : literalJson(value);
}

/** Uniform integer in [lo, hi]. */
function intIn(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function checkRange(kind: string, min: number, max: number): [number, number] {
  const lo = Math.ceil(min);
  const hi = Math.floor(max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) {
    throw new PayloadError(`\`${kind} ${min} ${max}\` has an empty range`);
  }
  return [lo, hi];
}

/** Number of word starts a text generator's corpus offers. */
const CORPUS_STARTS = 4096;

/**
 * A generator of random words, exactly `length` ∈ [lo, hi] characters, no leading or trailing space. Compiled once:
 * a corpus of random words (drawn with the rng) is built, and each call takes a slice of the drawn length from a
 * drawn word start, so a call costs two draws and a substring whatever the length.
 */
function wordsGenerator(rng: () => number, lo: number, hi: number): () => string {
  const starts = new Uint32Array(CORPUS_STARTS);
  let corpus = "";
  for (let i = 0; i < CORPUS_STARTS || corpus.length < starts[CORPUS_STARTS - 1]! + hi; i++) {
    if (i < CORPUS_STARTS) starts[i] = corpus.length === 0 ? 0 : corpus.length + 1;
    const w = WORDS[Math.floor(rng() * WORDS.length)]!;
    corpus = corpus.length === 0 ? w : corpus + " " + w;
  }
  const span = hi - lo + 1;
  return () => {
    const length = lo + Math.floor(rng() * span);
    const start = starts[Math.floor(rng() * CORPUS_STARTS)]!;
    const s = corpus.slice(start, start + length);
    return s.endsWith(" ") ? s.slice(0, -1) + "s" : s;
  };
}

/** A node's value as raw text (inside `concat`; objects and arrays appear as their JSON) or as JSON. */
function generator(expr: PayloadExpr, ctx: Ctx, json: boolean): Part {
  const { rng } = ctx;
  switch (expr.kind) {
    case "literal":
      return json ? literalJson(expr.value) : literalText(expr.value);
    case "pool": {
      const values = ctx.pools.get(expr.pool);
      if (values === undefined) throw new PayloadError(`unknown pool \`${expr.pool}\``);
      if (values.length === 0) throw new PayloadError(`pool \`${expr.pool}\` is empty`);
      const out = json ? values.map((v) => JSON.stringify(v)) : [...values];
      if (out.length === 1) return out[0]!;
      const n = out.length;
      return () => out[Math.floor(rng() * n)]!;
    }
    case "seq": {
      const { seq } = ctx;
      const start = expr.start;
      return () => String(start + seq.n);
    }
    case "int": {
      const [lo, hi] = checkRange("int", expr.min, expr.max);
      if (lo === hi) return String(lo);
      return () => String(intIn(rng, lo, hi));
    }
    case "text": {
      const [lo, hi] = checkRange("text", Math.max(0, expr.min), expr.max);
      if (hi === 0) return json ? '""' : "";
      const text = wordsGenerator(rng, lo, hi);
      return json ? () => `"${text()}"` : text;
    }
    case "pick": {
      if (expr.values.length === 0) throw new PayloadError("`pick` has no values");
      const out = expr.values.map(json ? literalJson : literalText);
      if (out.length === 1) return out[0]!;
      const n = out.length;
      return () => out[Math.floor(rng() * n)]!;
    }
    case "id": {
      const { id } = ctx;
      return json ? () => JSON.stringify(id.s) : () => id.s;
    }
    case "now":
      return expr.unit === "ms" ? () => String(Date.now()) : () => String(Math.floor(Date.now() / 1000));
    case "concat": {
      const text = join(expr.parts.map((p) => generator(p, ctx, false)));
      if (!json) return text;
      return typeof text === "string" ? JSON.stringify(text) : () => JSON.stringify(text());
    }
    case "object": {
      const parts: Part[] = ["{"];
      let first = true;
      for (const [key, value] of Object.entries(expr.fields)) {
        parts.push(`${first ? "" : ","}${JSON.stringify(key)}:`, generator(value, ctx, true));
        first = false;
      }
      parts.push("}");
      return join(parts);
    }
    case "array": {
      const parts: Part[] = ["["];
      expr.items.forEach((item, i) => parts.push(i === 0 ? "" : ",", generator(item, ctx, true)));
      parts.push("]");
      return join(parts);
    }
  }
}

/** A compiled payload: the next payload's bytes for the event whose busmark id is `id` (`""` when it has none). */
export type PayloadFn = (id?: string) => Uint8Array;

/** True when a payload template uses `{{ id }}` anywhere. */
export function payloadCarriesId(expr: PayloadExpr): boolean {
  switch (expr.kind) {
    case "id":
      return true;
    case "concat":
      return expr.parts.some(payloadCarriesId);
    case "object":
      return Object.values(expr.fields).some(payloadCarriesId);
    case "array":
      return expr.items.some(payloadCarriesId);
    default:
      return false;
  }
}

/**
 * Compiles a payload template into a function returning the next payload as UTF-8 JSON bytes. `pools` supplies the
 * values of `pool` expressions; `rng` drives every random choice; `seq` counts calls of this function from its
 * `start`; the function's argument is what `id` writes. Throws {@link PayloadError} for an unknown or empty pool, an
 * empty range or an empty `pick`.
 */
export function compilePayload(
  expr: PayloadExpr,
  pools: readonly ValuePool[],
  rng: () => number,
): PayloadFn {
  const ctx: Ctx = { pools: new Map(pools.map((p) => [p.name, p.values])), rng, seq: { n: 0 }, id: { s: "" } };
  const part = generator(expr, ctx, true);
  const encoder = new TextEncoder();
  if (typeof part === "string") {
    const bytes = encoder.encode(part);
    return () => bytes;
  }
  const { seq, id } = ctx;
  // encodeInto a reused scratch buffer plus a copy is several times cheaper than encode() on Node 20.
  let scratch = new Uint8Array(4096);
  return (eventId = "") => {
    id.s = eventId;
    const text = part();
    seq.n++;
    if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
    const { written } = encoder.encodeInto(text, scratch);
    return scratch.slice(0, written);
  };
}
