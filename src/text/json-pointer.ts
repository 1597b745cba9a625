/**
 * JSON pointers (RFC 6901): `""` names the whole document, `/a/0/b~1c` the member `b/c` of item 0 of member `a`
 * (`~0` stands for `~`, `~1` for `/`). Scenarios use them to say where a downstream message carries an id and
 * what a reply check reads. The one home of pointer parsing and resolution.
 * @module
 */

/** Why a text is not a JSON pointer, with the offset of the offending character. */
export interface PointerProblem {
  message: string;
  offset: number;
}

/** Checks `text` is a JSON pointer: empty, or `/`-separated tokens whose `~` is always followed by `0` or `1`. */
export function checkPointer(text: string): PointerProblem | undefined {
  if (text === "") return undefined;
  if (!text.startsWith("/")) {
    return { message: `a JSON pointer is empty or starts with \`/\` (e.g. \`/ref\`), got \`${text}\``, offset: 0 };
  }
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "~" && text[i + 1] !== "0" && text[i + 1] !== "1") {
      return {
        message: `\`~\` in a JSON pointer is written \`~0\` (and \`/\` inside a name \`~1\`), got \`${text}\``,
        offset: i,
      };
    }
  }
  return undefined;
}

/** The reference tokens of a valid pointer, unescaped. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The reference tokens of `pointer`, or undefined when it is not a JSON pointer (see {@link checkPointer}). */
export function parsePointer(pointer: string): string[] | undefined {
  return checkPointer(pointer) === undefined ? pointerTokens(pointer) : undefined;
}

/**
 * The value `tokens` (from {@link pointerTokens}) name in `value`, or `found: false`. An array is indexed by a
 * decimal index without leading zeros within its length; `-` (past the end) names nothing.
 */
export function resolveTokens(value: unknown, tokens: readonly string[]): { found: boolean; value?: unknown } {
  let at: unknown = value;
  for (const t of tokens) {
    if (Array.isArray(at)) {
      if (!/^(?:0|[1-9]\d*)$/.test(t) || Number(t) >= at.length) return { found: false };
      at = at[Number(t)];
    } else if (typeof at === "object" && at !== null && Object.hasOwn(at, t)) {
      at = (at as Record<string, unknown>)[t];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: at };
}

/** The value `tokens` name in `doc`, or undefined when there is none (see {@link resolveTokens}). */
export function resolvePointer(doc: unknown, tokens: readonly string[]): unknown {
  return resolveTokens(doc, tokens).value;
}
