/**
 * Printing scenario problems as `file:line:column: message`, one per line, with the file relative to the
 * working directory.
 * @module
 */
import type { ScenarioProblem } from "../errors.ts";
import { currentDir } from "../runtime/host.ts";

/** Formats problems for the terminal. */
export function formatProblems(problems: readonly ScenarioProblem[]): string {
  const cwd = `${currentDir()}/`;
  return problems.map((p) => {
    const file = p.file.startsWith(cwd) ? p.file.slice(cwd.length) : p.file;
    return `${file}:${p.line}:${p.column}: ${p.message}\n`;
  }).join("");
}
