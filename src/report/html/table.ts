/**
 * HTML tables and small blocks for `report.html`. Cells are plain text (escaped here) or marked-up fragments built
 * by {@link codeCell} / {@link htmlCell}, so no text of a result ever reaches the page unescaped.
 * @module
 */
import { escapeHtml } from "./escape.ts";

/** A table cell: text (escaped) or an already escaped fragment. */
export type Cell = string | number | { html: string; className?: string };

/** A cell holding text in `<code>`. */
export function codeCell(text: string): Cell {
  return { html: `<code>${escapeHtml(text)}</code>` };
}

/** A cell holding an escaped fragment, optionally with a class (e.g. `pass` / `fail`). */
export function htmlCell(html: string, className?: string): Cell {
  return className === undefined ? { html } : { html, className };
}

function cellHtml(tag: "td" | "th", c: Cell, numeric: boolean): string {
  const classes: string[] = [];
  if (numeric) classes.push("num");
  let body: string;
  if (typeof c === "object") {
    body = c.html;
    if (c.className) classes.push(c.className);
  } else {
    body = escapeHtml(String(c));
  }
  const cls = classes.length > 0 ? ` class="${classes.join(" ")}"` : "";
  return `<${tag}${cls}>${body}</${tag}>`;
}

/**
 * A table: a header row and body rows. Columns listed in `numeric` (by index) are right-aligned; by default every
 * column but the first.
 */
export function htmlTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  opts: { numeric?: readonly number[]; id?: string; className?: string } = {},
): string {
  const numeric = new Set(opts.numeric ?? header.map((_, i) => i).slice(1));
  const attrs = `${opts.id ? ` id="${escapeHtml(opts.id)}"` : ""}${
    opts.className ? ` class="${escapeHtml(opts.className)}"` : ""
  }`;
  const head = `<tr>${header.map((h, i) => cellHtml("th", h, numeric.has(i))).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => cellHtml("td", c, numeric.has(i))).join("")}</tr>`).join("\n");
  return `<table${attrs}>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** A `<section>` with a heading; empty when every block is empty. */
export function htmlSection(id: string, title: string, ...blocks: (string | undefined)[]): string {
  const body = blocks.filter((b): b is string => b !== undefined && b.trim() !== "");
  if (body.length === 0) return "";
  return `<section id="${escapeHtml(id)}">\n<h2>${escapeHtml(title)}</h2>\n${body.join("\n")}\n</section>`;
}

/** A paragraph of text (escaped). */
export function para(text: string, className?: string): string {
  return `<p${className ? ` class="${escapeHtml(className)}"` : ""}>${escapeHtml(text)}</p>`;
}

/** A chart's container, filled by the page's script; `note` is shown under it. */
export function chartBox(id: string, title: string, note?: string): string {
  return `<figure class="chart" data-chart="${escapeHtml(id)}"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<div class="plot" id="chart-${escapeHtml(id)}"></div>${note ? `<p class="note">${escapeHtml(note)}</p>` : ""}` +
    `</figure>`;
}
