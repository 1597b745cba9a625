/**
 * Rendering a comparison: `compare.md` (GitHub Markdown) and the plain-text table the CLI prints. Both state the
 * method: a one-sided Mann-Whitney U test across repeats, or, when the runs are too few, "inconclusive" for a change
 * beyond tolerance (a regression only beyond the hard limit, when one is set).
 * @module
 */
import { textTable } from "../format/table.ts";
import { formatChange, formatInUnit, formatNumber } from "../format/units.ts";
import { code, escapeMd, mdTable } from "../format/markdown-table.ts";
import type { Comparison, QuantityComparison, ScenarioComparison } from "./compare.ts";

/** A verdict as a short phrase, with the method when no significance test decided. */
export function verdictText(row: QuantityComparison, plain = false): string {
  const hard = row.beyondHardLimit ? ` (beyond the hard limit of ${formatNumber((row.hardLimit ?? 0) * 100)} %)` : "";
  const p = row.method === "mann-whitney"
    ? ` (p=${formatNumber(row.verdict === "improvement" ? row.pBetter ?? 1 : row.pWorse ?? 1, 3)})`
    : "";
  switch (row.verdict) {
    case "regression":
      return `${plain ? "REGRESSION" : "❌ regression"}${hard}${p}`;
    case "improvement":
      return `${plain ? "improvement" : "✅ improvement"}${p}`;
    case "inconclusive":
      return `${plain ? "inconclusive" : "❔ inconclusive"} (${row.worse > 0 ? "worse" : "better"}, too few runs)`;
    case "noise":
      return `${plain ? "noise" : "〰️ not significant"}${p}`;
    case "missing":
      return row.baseline.length === 0 ? "only in candidate" : "only in baseline";
    case "unchanged":
      return row.change === 0 || !Number.isFinite(row.worse) || Math.abs(row.worse) <= 1e-12
        ? "unchanged"
        : "within tolerance";
  }
}

function valueText(values: readonly number[], meanValue: number, unit: string): string {
  if (values.length === 0) return "–";
  const main = formatInUnit(meanValue, unit);
  return values.length > 1 ? `${main} (n=${values.length})` : main;
}

function changeText(row: QuantityComparison): string {
  if (row.verdict === "missing") return "–";
  const main = formatChange(row.change);
  if (!row.interval) return main;
  return `${main} [${formatChange(row.interval.low)}, ${formatChange(row.interval.high)}]`;
}

/** The method sentence of a scenario comparison. */
export function methodText(
  s: ScenarioComparison,
  c: Pick<Comparison, "alpha" | "defaultTolerance" | "hardLimit">,
): string {
  const tol = `${formatNumber(c.defaultTolerance * 100)} %`;
  const runs = `baseline ${s.baselineRuns.length} run(s), candidate ${s.candidateRuns.length} run(s)`;
  if (!s.toleranceOnly) {
    return `${runs}. A regression is a change beyond the tolerance (default ${tol}) that a one-sided Mann-Whitney U test on the per-run values finds significant (α = ${c.alpha}). Intervals are 95 % bootstrap intervals of the change of means.`;
  }
  const hard = c.hardLimit !== undefined
    ? `only a change worse than the hard limit of ${formatNumber(c.hardLimit * 100)} % is a regression`
    : "no change is called a regression (set `--hard-limit PCT` to fail on a large one)";
  return `${runs}. **Significance cannot be judged with so few runs** (a one-sided Mann-Whitney U test needs at least 3 runs per side to reach α = ${c.alpha}): a change beyond the tolerance (default ${tol}) is **inconclusive**, and ${hard}. Use \`busmark run <scenario> --repeat 5\` on both sides to tell a regression from noise.`;
}

/** Rows in reading order: regressions first, then noise, improvements, the rest. */
function ordered(rows: readonly QuantityComparison[]): QuantityComparison[] {
  const rank: Record<QuantityComparison["verdict"], number> = {
    regression: 0,
    inconclusive: 1,
    noise: 2,
    improvement: 3,
    unchanged: 4,
    missing: 5,
  };
  return [...rows].sort((a, b) => rank[a.verdict] - rank[b.verdict]);
}

/** One scenario's Markdown section. */
function scenarioMarkdown(s: ScenarioComparison, c: Comparison): string {
  const regressions = s.rows.filter((r) => r.verdict === "regression").length;
  const head = regressions > 0
    ? `❌ ${regressions} regression${regressions === 1 ? "" : "s"}`
    : s.inconclusive
    ? "❔ inconclusive"
    : "✅ no regression";
  const rows = ordered(s.rows).map((r) => [
    code(r.quantity.key),
    valueText(r.baseline, r.baselineMean, r.quantity.unit),
    valueText(r.candidate, r.candidateMean, r.quantity.unit),
    changeText(r),
    `${formatNumber(r.tolerance * 100)} %`,
    verdictText(r),
  ]);
  const parts = [`## ${escapeMd(s.scenario)}: ${head}`, "", methodText(s, c), ""];
  if (s.mismatches.length > 0) {
    parts.push(
      "> [!CAUTION]",
      "> **Compared by force: the two sides did not run under the same conditions**, so a change may come from them:",
      ...s.mismatches.map((m) => `> - ${escapeMd(m)}`),
      "",
    );
  }
  if (s.warnings.length > 0) parts.push(...s.warnings.map((w) => `> ⚠️ ${escapeMd(w)}`), "");
  parts.push(
    mdTable(["metric", "baseline", "candidate", "change", "tolerance", "verdict"], rows, [
      "left",
      "right",
      "right",
      "right",
      "right",
      "left",
    ]),
    "",
  );
  return parts.join("\n");
}

/** `compare.md`. */
export function renderCompareMarkdown(c: Comparison): string {
  const parts = [
    `# busmark compare: ${escapeMd(c.candidateLabel)} vs ${escapeMd(c.baselineLabel)}`,
    "",
    ...(c.scenarios.some((s) => s.mismatches.length > 0)
      ? ["> [!CAUTION]", "> **Compared with `--force` although the runs' conditions differ (see below).**", ""]
      : []),
    c.regression
      ? "**❌ REGRESSION**: at least one metric got worse beyond its tolerance."
      : c.scenarios.length === 0
      ? "**⚠️ NOTHING COMPARED**: no scenario is present on both sides."
      : c.inconclusive
      ? "**❔ INCONCLUSIVE**: some metric changed beyond its tolerance, but the runs are too few to tell the change from noise; nothing is called a regression."
      : "**✅ NO REGRESSION**",
    "",
  ];
  if (c.onlyBaseline.length > 0) parts.push(`Only in the baseline: ${c.onlyBaseline.map(code).join(", ")}`, "");
  if (c.onlyCandidate.length > 0) parts.push(`Only in the candidate: ${c.onlyCandidate.map(code).join(", ")}`, "");
  for (const s of c.scenarios) parts.push(scenarioMarkdown(s, c));
  return `${parts.join("\n").trimEnd()}\n`;
}

/** The plain-text table the CLI prints. */
export function renderCompareText(c: Comparison): string {
  const out: string[] = [];
  for (const s of c.scenarios) {
    out.push(`${s.scenario}: ${s.regression ? "REGRESSION" : s.inconclusive ? "inconclusive" : "no regression"}`);
    out.push(methodText(s, c).replace(/\*\*/g, "").replace(/`/g, ""));
    for (const m of s.mismatches) out.push(`WARNING (compared by force): ${m}`);
    for (const w of s.warnings) out.push(`warning: ${w}`);
    const rows = [["metric", "baseline", "candidate", "change", "tol.", "verdict"]];
    for (const r of ordered(s.rows)) {
      rows.push([
        r.quantity.key,
        valueText(r.baseline, r.baselineMean, r.quantity.unit),
        valueText(r.candidate, r.candidateMean, r.quantity.unit),
        changeText(r),
        `${formatNumber(r.tolerance * 100)}%`,
        verdictText(r, true),
      ]);
    }
    out.push(textTable(rows), "");
  }
  if (c.onlyBaseline.length > 0) out.push(`only in the baseline: ${c.onlyBaseline.join(", ")}`);
  if (c.onlyCandidate.length > 0) out.push(`only in the candidate: ${c.onlyCandidate.join(", ")}`);
  out.push(
    c.regression
      ? "verdict: REGRESSION"
      : c.scenarios.length === 0
      ? "verdict: nothing compared"
      : c.inconclusive
      ? "verdict: inconclusive (too few runs to tell a change from noise; not a regression)"
      : "verdict: no regression",
    "",
  );
  return out.join("\n");
}
