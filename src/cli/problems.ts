/**
 * Printing scenario problems as `file:line:column: message`, one per line, with the file relative to the
 * working directory. At most {@link PROBLEMS_PER_KIND} problems of one kind are printed; the rest are counted
 * (`… and 5,718 more problems of this kind`), so a hostile file cannot flood the terminal.
 * @module
 */
import type { ScenarioProblem } from "../errors.ts";
import { currentDir } from "../runtime/host.ts";

/** Most problems of one kind printed for one file. */
export const PROBLEMS_PER_KIND = 5;

/** Formats problems for the terminal (a problem without a position, line 0, prints its message alone). */
export function formatProblems(problems: readonly ScenarioProblem[]): string {
  const cwd = `${currentDir()}/`;
  const shown = (file: string) => (file.startsWith(cwd) ? file.slice(cwd.length) : file);
  const seen = new Map<string, number>();
  const lines: string[] = [];
  for (const p of problems) {
    const key = `${p.file}\0${p.kind}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > PROBLEMS_PER_KIND) continue;
    lines.push(p.line > 0 ? `${shown(p.file)}:${p.line}:${p.column}: ${p.message}\n` : `${p.message}\n`);
  }
  for (const [key, count] of seen) {
    if (count <= PROBLEMS_PER_KIND) continue;
    const [file, kind] = key.split("\0");
    const more = count - PROBLEMS_PER_KIND;
    lines.push(
      `${shown(file ?? "")}: … and ${more.toLocaleString("en-US")} more problem${more === 1 ? "" : "s"} ` +
        `of this kind (${kind})\n`,
    );
  }
  return lines.join("");
}
