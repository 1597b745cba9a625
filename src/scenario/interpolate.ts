/**
 * Environment interpolation in scenario strings: `${NAME}` and `${NAME:-default}` (the default applies when the
 * variable is unset or empty). `$${` writes a literal `${`. An unset variable without a default is a problem.
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

/** The interpolated text and any problems (an unset variable interpolates as the empty string). */
export interface Interpolated {
  value: string;
  problems: InterpolationProblem[];
}

const REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/;

/** True when `text` contains something to interpolate or unescape. */
export function needsInterpolation(text: string): boolean {
  return text.includes("${");
}

/** Replaces every `${NAME}` / `${NAME:-default}` in `text` from `env`. */
export function interpolate(text: string, env: Env): Interpolated {
  const problems: InterpolationProblem[] = [];
  let out = "";
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf("$", i);
    if (at < 0) break;
    out += text.slice(i, at);
    if (text.startsWith("$${", at)) {
      out += "${";
      i = at + 3;
      continue;
    }
    if (!text.startsWith("${", at)) {
      out += "$";
      i = at + 1;
      continue;
    }
    const m = REFERENCE.exec(text.slice(at));
    if (!m) {
      problems.push({
        kind: "invalid-interpolation",
        message: "cannot read `${...}`: write `${NAME}` or `${NAME:-default}` (or `$${` for a literal `${`)",
        offset: at,
      });
      out += "${";
      i = at + 2;
      continue;
    }
    const name = m[1] ?? "";
    const fallback = m[2];
    const found: unknown = env[name];
    const value = typeof found === "string" ? found : undefined; // not inherited members such as `constructor`
    if (value !== undefined && (value !== "" || fallback === undefined)) {
      out += value;
    } else if (fallback !== undefined) {
      out += fallback;
    } else {
      problems.push({
        kind: "unset-variable",
        message: `environment variable \`${name}\` is not set and has no default (write \`\${${name}:-default}\`)`,
        offset: at,
      });
    }
    i = at + m[0].length;
  }
  out += text.slice(i);
  return { value: out, problems };
}
