/**
 * Escaping for `report.html`: text into element content and attribute values, and JSON into an inline
 * `<script type="application/json">` so no value of a result (a scenario description, an event name) can close
 * the element or inject markup.
 * @module
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON safe inside a `<script>` element: `<`, `>`, `&` and the line separators U+2028/U+2029 are written as
 * `\uXXXX` escapes, which `JSON.parse` reads back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Text inside an inline `<script>` or `<style>` element with every `</` written so it cannot end the element. */
export function inlineCode(code: string): string {
  return code.replace(/<\/(script|style)/gi, "<\\/$1");
}
