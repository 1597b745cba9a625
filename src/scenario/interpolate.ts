/**
 * Environment interpolation in scenario strings: `${NAME}` and `${NAME:-default}` (the default applies when the
 * variable is unset or empty; it may itself hold references, `${A:-${B:-x}}`). `$${` writes a literal `${`. An unset
 * variable without a default is a problem.
 *
 * A value taken from the environment is literal text: the result records which of its characters came from the
 * environment ({@link Interpolated.segments}), so that a later stage (payload templates) never reads `{{ ... }}` in
 * them, and every offset in the result maps back to the source text (to position a problem).
 * @module
 */

/** Variables interpolation reads; undefined = unset. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A problem found while interpolating; `offset` is the index of the `${` in the text. */
export interface InterpolationProblem {
  kind: "unset-variable" | "invalid-interpolation";
  message: string;
  offset: number;
}

/**
 * A run of the result: `[start, end)` in the result, copied from `source` in the text (source text) or, with
 * `env`, a value taken from the environment by the reference at `source`.
 */
export interface Segment {
  start: number;
  end: number;
  source: number;
  env: boolean;
}

/** The interpolated text and any problems (an unset variable interpolates as the empty string). */
export interface Interpolated {
  value: string;
  problems: InterpolationProblem[];
  /** The result's runs in order; every character of the result is in exactly one. */
  segments: Segment[];
}

/** Deepest nesting of defaults, `${A:-${B:-${C:-x}}}`. */
const MAX_NESTING = 8;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const INVALID = "cannot read `${...}`: write `${NAME}` or `${NAME:-default}` (or `$${` for a literal `${`)";

/** True when `text` contains something to interpolate or unescape. */
export function needsInterpolation(text: string): boolean {
  return text.includes("${");
}

/** The position in the source text of offset `offset` of an interpolated result. */
export function sourceOffset(segments: readonly Segment[], offset: number): number {
  const seg = segments.find((s) => offset >= s.start && offset < s.end) ?? segments.at(-1);
  if (!seg) return offset;
  return seg.env ? seg.source : seg.source + Math.min(offset - seg.start, seg.end - seg.start);
}

/** True when the character at `offset` of an interpolated result came from the environment. */
export function fromEnv(segments: readonly Segment[], offset: number): boolean {
  return segments.some((s) => s.env && offset >= s.start && offset < s.end);
}

interface State {
  text: string;
  env: Env;
  out: string;
  segments: Segment[];
  problems: InterpolationProblem[];
}

function emit(st: State, text: string, source: number, env: boolean): void {
  if (text === "") return;
  const start = st.out.length;
  st.out += text;
  const last = st.segments.at(-1);
  if (last && !last.env && !env && last.end === start && last.source + (last.end - last.start) === source) {
    last.end = st.out.length;
  } else st.segments.push({ start, end: st.out.length, source, env });
}

/**
 * Reads text from `i` until (with `nested`) the `}` closing a default; emits it when `write`. Returns the index
 * after what was read (the `}` consumed), or -1 when a nested default is not closed.
 */
function readText(st: State, i: number, nested: number, write: boolean): number {
  const { text } = st;
  while (i < text.length) {
    const ch = text[i];
    if (nested > 0 && ch === "}") return i + 1;
    if (ch !== "$") {
      const next = text.slice(i).search(nested > 0 ? /[$}]/ : /\$/);
      const end = next < 0 ? text.length : i + next;
      if (write) emit(st, text.slice(i, end), i, false);
      i = end;
      continue;
    }
    if (text.startsWith("$${", i)) {
      if (write) emit(st, "${", i + 1, false);
      i += 3;
      continue;
    }
    if (!text.startsWith("${", i)) {
      if (write) emit(st, "$", i, false);
      i += 1;
      continue;
    }
    i = readReference(st, i, nested, write);
    if (i < 0) return -1;
  }
  return nested > 0 ? -1 : i;
}

/** Reads the reference starting at `at` (`${`); returns the index after it, or -1 when it is not closed. */
function readReference(st: State, at: number, nested: number, write: boolean): number {
  const { text } = st;
  const name = NAME.exec(text.slice(at + 2))?.[0];
  const after = at + 2 + (name?.length ?? 0);
  const bad = (skip: number) => {
    st.problems.push({ kind: "invalid-interpolation", message: INVALID, offset: at });
    if (write) emit(st, "${", at, false);
    return skip;
  };
  if (name === undefined) return bad(at + 2);
  if (text[after] === "}") {
    if (write) substitute(st, at, name);
    return after + 1;
  }
  if (!text.startsWith(":-", after)) return bad(at + 2);
  if (nested >= MAX_NESTING) {
    st.problems.push({
      kind: "invalid-interpolation",
      message: `defaults nest at most ${MAX_NESTING} deep`,
      offset: at,
    });
    return -1;
  }
  const found: unknown = st.env[name];
  const value = typeof found === "string" ? found : undefined; // not inherited members such as `constructor`
  const useDefault = value === undefined || value === "";
  if (write && !useDefault) emit(st, value, at, true);
  const end = readText(st, after + 2, nested + 1, write && useDefault);
  if (end < 0) {
    if (nested === 0) {
      st.problems.push({
        kind: "invalid-interpolation",
        message: "`${NAME:-default}` is not closed: a `}` is missing",
        offset: at,
      });
    }
    return -1;
  }
  return end;
}

function substitute(st: State, at: number, name: string): void {
  const found: unknown = st.env[name];
  const value = typeof found === "string" ? found : undefined;
  if (value !== undefined) {
    emit(st, value, at, true);
    return;
  }
  st.problems.push({
    kind: "unset-variable",
    message: `environment variable \`${name}\` is not set and has no default (write \`\${${name}:-default}\`)`,
    offset: at,
  });
}

/** Replaces every `${NAME}` / `${NAME:-default}` in `text` from `env`. */
export function interpolate(text: string, env: Env): Interpolated {
  const st: State = { text, env, out: "", segments: [], problems: [] };
  const end = readText(st, 0, 0, true);
  if (end < 0) {
    return { value: text, problems: st.problems, segments: [{ start: 0, end: text.length, source: 0, env: false }] };
  }
  return { value: st.out, problems: st.problems, segments: st.segments };
}
