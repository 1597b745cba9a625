/**
 * The aligned plain-text table the CLI and `busmark compare` print (Markdown tables are the report's, in
 * `report/table.ts`).
 * @module
 */

/** Between two columns. */
const GAP = "  ";

/**
 * An aligned plain-text table: each column padded to its widest cell, two spaces between columns, trailing
 * whitespace trimmed from every line (so the last column is never padded); lines joined by `\n`, no final newline.
 * The first row is usually the header; a short row simply has fewer cells.
 */
export function textTable(rows: readonly (readonly string[])[]): string {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join(GAP).trimEnd()).join("\n");
}
