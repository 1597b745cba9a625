/**
 * `busmark compare <baseline> <candidate>`: compares runs metric by metric, prints the table, writes compare.md
 * (into the candidate's directory by default), and exits 1 when a metric regressed beyond its tolerance with
 * statistical significance. With too few runs to judge significance a change is "inconclusive" (exit 0) unless it
 * is beyond the `--hard-limit`. Sides that ran under different conditions are refused (exit 2) unless `--force`.
 * @module
 */
import { groupByScenario, isPathRef, labelRoots, loadRuns } from "../../compare/baseline.ts";
import { compareRunSets, type Comparison, DEFAULT_ALPHA, DEFAULT_TOLERANCE } from "../../compare/compare.ts";
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
significant. With too few runs to judge significance (fewer than 3 per side, e.g. one run each), noise cannot be
told from a change: a change beyond the tolerance is INCONCLUSIVE (exit 0), never a regression, unless it is worse
than the \`--hard-limit\` you set. Use \`--repeat 5\` on both sides to judge significance.

The two sides must have run the same scenario (hash), mode (quick/full), runtime, nats-server version and CPU;
otherwise compare refuses, naming the fields that differ, unless \`--force\` (the report then flags them loudly).

Options:
  --root DIR          report root holding baselines/ (default: reports, then the root recorded in the other
                      side's results, then the directories above the other side)
  --out FILE          where to write the Markdown comparison (default: compare.md in the candidate's directory)
  --tolerance P       default tolerance, e.g. 10% or 0.1 (default 10%)
  --hard-limit P      with too few runs for significance, a change worse than P (e.g. 50%) is still a regression
                      (default: none, such changes are inconclusive)
  --alpha A           significance level of the one-sided test (default 0.05)
  --force             compare sides whose scenario hash, mode, runtime, nats-server version or CPU differ
  --all               also compare every event and phase slice, not only the aggregates and threshold slices

Exit codes: 0 no regression (or inconclusive), 1 a regression, 2 usage error, nothing to compare, or sides that
ran under different conditions (without --force).
`;

/** Parses `10%`, `10 %` or `0.1` into a fraction (`flag` names the option in the error). */
export function parseTolerance(text: string, flag = "tolerance"): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : Number.NaN;
  if (!(value >= 0 && value < 10)) throw new UsageError(`\`--${flag}\` expects e.g. 10% or 0.1, got \`${text}\``);
  return value;
}

/**
 * The exit code of a comparison: 2 when nothing was compared, 1 for a regression, else 0 (an inconclusive
 * comparison is not a failure).
 */
export function compareExitCode(comparison: Comparison): number {
  if (comparison.scenarios.length === 0) return ExitCode.Invalid;
  return comparison.regression ? ExitCode.ThresholdsFailed : ExitCode.Ok;
}

function parseAlpha(text: string | undefined): number {
  if (text === undefined) return DEFAULT_ALPHA;
  const v = Number(text);
  if (!(v > 0 && v < 0.5)) throw new UsageError(`\`--alpha\` expects a number in (0, 0.5), got \`${text}\``);
  return v;
}

type Side = ReturnType<typeof loadRuns>;

/**
 * Loads both sides. With `--root`, labels resolve there only; without, a label resolves under `reports`, the root
 * recorded in the other side's results, or the directories above the other side (a path side is read first).
 */
export function loadSides(
  baselineRef: string,
  candidateRef: string,
  root: string | undefined,
): { baseline: Side; candidate: Side } {
  if (root !== undefined) return { baseline: loadRuns(baselineRef, root), candidate: loadRuns(candidateRef, root) };
  if (isPathRef(candidateRef) || !isPathRef(baselineRef)) {
    const candidate = loadRuns(candidateRef, labelRoots(undefined));
    return { baseline: loadRuns(baselineRef, labelRoots(candidate)), candidate };
  }
  const baseline = loadRuns(baselineRef, labelRoots(undefined));
  return { baseline, candidate: loadRuns(candidateRef, labelRoots(baseline)) };
}

/** The `compare` command. */
export const compareCommand: Command = {
  name: "compare",
  usage: USAGE,
  run(args) {
    const parsed = parseArgs(args, {
      values: ["root", "out", "tolerance", "alpha", "hard-limit"],
      booleans: ["all", "force"],
    });
    const [baselineRef, candidateRef, ...extra] = parsed.positionals;
    if (!baselineRef || !candidateRef) throw new UsageError("name a baseline and a candidate");
    if (extra.length > 0) throw new UsageError(`unexpected argument \`${extra[0]}\``);
    const root = parsed.flags.root;
    const tolerance = parsed.flags.tolerance !== undefined ? parseTolerance(parsed.flags.tolerance) : DEFAULT_TOLERANCE;
    const alpha = parseAlpha(parsed.flags.alpha);
    const hardLimitText = parsed.flags["hard-limit"];
    const hardLimit = hardLimitText !== undefined ? parseTolerance(hardLimitText, "hard-limit") : undefined;
    if (hardLimit !== undefined && hardLimit < tolerance) {
      throw new UsageError(`\`--hard-limit\` (${hardLimitText}) must not be below the tolerance`);
    }
    const { baseline, candidate } = loadSides(baselineRef, candidateRef, root);
    const comparison = compareRunSets(
      groupByScenario(baseline.runs),
      groupByScenario(candidate.runs),
      { baseline: baseline.label, candidate: candidate.label },
      { tolerance, alpha, all: parsed.booleans.has("all"), ...(hardLimit !== undefined ? { hardLimit } : {}) },
    );
    const mismatched = comparison.scenarios.filter((s) => s.mismatches.length > 0);
    if (mismatched.length > 0 && !parsed.booleans.has("force")) {
      const lines = mismatched.flatMap((s) => s.mismatches.map((m) => `  ${s.scenario}: ${m}`));
      writeErr(
        `busmark compare: Cannot compare ${candidate.label} with ${baseline.label}: the runs did not run under the ` +
          `same conditions, so a change could come from them:\n${lines.join("\n")}\n` +
          "Re-run both sides alike, or pass `--force` to compare anyway (the report flags it).\n",
      );
      return Promise.resolve(ExitCode.Invalid);
    }
    writeOut(renderCompareText(comparison));
    const markdown = renderCompareMarkdown(comparison);
    const out = parsed.flags.out ?? `${candidate.dir}/compare.md`;
    writeFileAtomic(out, markdown);
    writeOut(`comparison written to ${out}\n`);
    const summary = getEnv("GITHUB_STEP_SUMMARY");
    if (summary) appendText(summary, `${markdown}\n`);
    if (comparison.scenarios.length === 0) {
      writeErr("busmark compare: no scenario is present on both sides\n");
      return Promise.resolve(ExitCode.Invalid);
    }
    return Promise.resolve(compareExitCode(comparison));
  },
};
