/**
 * `busmark compare <baseline> <candidate>`: compares runs metric by metric, prints the table, writes compare.md,
 * and exits 1 when a metric regressed beyond its tolerance with statistical significance (or beyond its tolerance
 * alone when the runs are too few to judge significance, which the output says).
 * @module
 */
import { groupByScenario, loadRuns } from "../../compare/baseline.ts";
import { compareRunSets, DEFAULT_ALPHA, DEFAULT_TOLERANCE } from "../../compare/compare.ts";
import { renderCompareMarkdown, renderCompareText } from "../../compare/render.ts";
import { UsageError } from "../../errors.ts";
import { appendText } from "../../runtime/fs.ts";
import { writeFileAtomic } from "../../runtime/fs.ts";
import { getEnv, writeErr, writeOut } from "../../runtime/host.ts";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { ExitCode } from "../../exit-codes.ts";

const USAGE = `Usage: busmark compare <baseline> <candidate> [options]

Compares a candidate against a baseline, scenario by scenario and metric by metric (latency mean and
percentiles, throughput, persisted share, CPU cost, resource use...). Each side is a baseline label (saved with
\`busmark run <scenario> --save-baseline LABEL\`), a baseline directory, a run or repeat directory, or a result.json
/ repeat.json path.

A metric regresses when it got worse by more than its tolerance (default 10 %; a threshold's \`tolerance\` in the
scenario overrides it for that metric) AND a one-sided Mann-Whitney U test on the per-run values finds the change
significant. With too few runs to judge significance (fewer than 3 per side, e.g. one run each), the tolerance
alone decides and the output says so: use \`--repeat 5\` on both sides.

Options:
  --root DIR          report root holding baselines/ (default: reports)
  --out FILE          where to write the Markdown comparison (default: <root>/compare.md)
  --tolerance P       default tolerance, e.g. 10% or 0.1 (default 10%)
  --alpha A           significance level of the one-sided test (default 0.05)
  --all               also compare every event and phase slice, not only the aggregates and threshold slices

Exit codes: 0 no regression, 1 a regression, 2 usage error or nothing to compare.
`;

/** Parses `10%`, `10 %` or `0.1` into a fraction. */
export function parseTolerance(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : Number.NaN;
  if (!(value >= 0 && value < 10)) throw new UsageError(`\`--tolerance\` expects e.g. 10% or 0.1, got \`${text}\``);
  return value;
}

function parseAlpha(text: string | undefined): number {
  if (text === undefined) return DEFAULT_ALPHA;
  const v = Number(text);
  if (!(v > 0 && v < 0.5)) throw new UsageError(`\`--alpha\` expects a number in (0, 0.5), got \`${text}\``);
  return v;
}

/** The `compare` command. */
export const compareCommand: Command = {
  name: "compare",
  summary: "compare runs against a baseline; exit 1 on a significant regression",
  usage: USAGE,
  run(args) {
    const parsed = parseArgs(args, { values: ["root", "out", "tolerance", "alpha"], booleans: ["all"] });
    const [baselineRef, candidateRef, ...extra] = parsed.positionals;
    if (!baselineRef || !candidateRef) throw new UsageError("name a baseline and a candidate");
    if (extra.length > 0) throw new UsageError(`unexpected argument \`${extra[0]}\``);
    const root = parsed.flags.root ?? "reports";
    const tolerance = parsed.flags.tolerance !== undefined ? parseTolerance(parsed.flags.tolerance) : DEFAULT_TOLERANCE;
    const alpha = parseAlpha(parsed.flags.alpha);
    const baseline = loadRuns(baselineRef, root);
    const candidate = loadRuns(candidateRef, root);
    const comparison = compareRunSets(
      groupByScenario(baseline.runs),
      groupByScenario(candidate.runs),
      { baseline: baseline.label, candidate: candidate.label },
      { tolerance, alpha, all: parsed.booleans.has("all") },
    );
    writeOut(renderCompareText(comparison));
    const markdown = renderCompareMarkdown(comparison);
    const out = parsed.flags.out ?? `${root}/compare.md`;
    writeFileAtomic(out, markdown);
    writeOut(`comparison written to ${out}\n`);
    const summary = getEnv("GITHUB_STEP_SUMMARY");
    if (summary) appendText(summary, `${markdown}\n`);
    if (comparison.scenarios.length === 0) {
      writeErr("busmark compare: no scenario is present on both sides\n");
      return Promise.resolve(ExitCode.Invalid);
    }
    return Promise.resolve(comparison.regression ? ExitCode.ThresholdsFailed : ExitCode.Ok);
  },
};
