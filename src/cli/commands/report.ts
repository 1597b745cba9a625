/**
 * `busmark report <result.json|run-dir> ...`: re-renders `report.md`, `report.html`, `junit.xml` and the charts from a
 * `result.json` alone (no run needed), into the result's own directory or `--out DIR`.
 * @module
 */
import { readResult } from "../../compare/baseline.ts";
import { writeReportFiles } from "../../report/write.ts";
import { appendStepSummary } from "../../report/write.ts";
import { pathExists } from "../../runtime/fs.ts";
import { writeOut } from "../../runtime/host.ts";
import { isDirectory } from "../../runtime/paths.ts";
import { UsageError } from "../../errors.ts";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { ExitCode } from "../../exit-codes.ts";

const USAGE = `Usage: busmark report <result.json | run directory> ... [options]

Re-renders a run's report from its result.json alone: report.md (verdict, thresholds, tables, linked SVG charts),
report.html (the same, self-contained, with interactive charts),
junit.xml (one test case per threshold) and the charts, written beside the result (or into --out DIR).

Options:
  --out DIR                write the files into DIR instead of the result's directory (one result only)
  --format FORMAT          also write another format: github-action-benchmark (benchmark.json)
  --step-summary           append the summary to $GITHUB_STEP_SUMMARY (as \`busmark run\` does)

Exit codes: 0 rendered, 2 a file is not a valid busmark result.
`;

function resultPath(ref: string): string {
  return isDirectory(ref) ? `${ref}/result.json` : ref;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "." : path.slice(0, i);
}

/** The `report` command. */
export const reportCommand: Command = {
  name: "report",
  usage: USAGE,
  async run(args) {
    const parsed = parseArgs(args, { values: ["out", "format"], booleans: ["step-summary"] });
    if (parsed.positionals.length === 0) throw new UsageError("name a result.json or a run directory");
    const out = parsed.flags.out;
    if (out !== undefined && parsed.positionals.length > 1) throw new UsageError("`--out` takes one result only");
    const format = parsed.flags.format;
    if (format !== undefined && format !== "github-action-benchmark") {
      throw new UsageError(`unknown \`--format ${format}\` (known: github-action-benchmark)`);
    }
    for (const ref of parsed.positionals) {
      const path = resultPath(ref);
      if (!pathExists(path)) throw new UsageError(`Cannot read \`${path}\`: no such file`);
      const result = readResult(path);
      const dir = out ?? dirOf(path);
      const files = await writeReportFiles(result, dir, { benchmarkAction: format === "github-action-benchmark" });
      if (parsed.booleans.has("step-summary")) appendStepSummary(result, dir);
      writeOut(`${dir}: ${files.filter((f) => f !== "result.json" || out !== undefined).join(", ")}\n`);
    }
    return ExitCode.Ok;
  },
};
