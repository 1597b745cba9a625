/**
 * GitHub-flavoured Markdown tables and inline escaping.
 * @module
 */

/** Column alignment. */
export type Align = "left" | "right" | "center";

/** Escapes text for a table cell or a line of Markdown: pipes, backslashes, emphasis and HTML-like brackets. */
export function escapeMd(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/([*_`[\]])/g, "\\$1")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, " ");
}

/** Inline code (backticks), safe inside a table cell: pipes are escaped, backticks cannot break out. */
export function code(text: string): string {
  const safe = text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const fence = safe.includes("`") ? "`` " : "`";
  return `${fence}${safe}${fence === "`` " ? " ``" : "`"}`;
}

/**
 * A Markdown table. Cells are used as given (escape them with {@link escapeMd} or {@link code} first); `align`
 * defaults to left for the first column and right for the others (figures).
 */
export function mdTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const aligns = header.map((_, i) => align?.[i] ?? (i === 0 ? "left" : "right"));
  const rule = aligns.map((a) => (a === "right" ? "---:" : a === "center" ? ":---:" : ":---"));
  const line = (cells: readonly string[]) => `| ${header.map((_, i) => cells[i] ?? "").join(" | ")} |`;
  return [line(header), `|${rule.map((r) => ` ${r} `).join("|")}|`, ...rows.map(line)].join("\n");
}
