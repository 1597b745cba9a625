/**
 * `ab.html`: the rounds of `busmark ab` side by side in one self-contained page — the A/B verdict and its analysis
 * (the text of `ab.txt`), a table with every round's run of A and of B (each linked to its own `report.html`) and
 * their latency and rate over time, one series per run.
 * @module
 */
import type { AbAnalysis } from "../compare/ab.ts";
import { renderAbText } from "../compare/ab.ts";
import { htmlAssets } from "../report/html/assets.ts";
import { renderSideBySideHtml } from "../report/html/page.ts";
import type { RunLink } from "../report/html/mod.ts";
import type { RunResult } from "../result/types.ts";

/** The file `busmark ab` writes beside `ab.txt`. */
export const AB_HTML = "ab.html";

/** Every round of both sides (`A 1` … `B n`) linked to its `report.html` at `<side>/<scenario>/<run-id>/`. */
export function roundLinks(a: readonly RunResult[], b: readonly RunResult[]): RunLink[] {
  const link = (side: "a" | "b") => (r: RunResult, i: number) => ({
    result: r,
    label: `${side.toUpperCase()} ${i + 1}`,
    href: [side, r.scenario.name, r.runId, "report.html"].map(encodeURIComponent).join("/"),
  });
  return [...a.map(link("a")), ...b.map(link("b"))];
}

/**
 * Renders `ab.html` for an analysis of `a` and `b` (the runs of each side, in round order), whose reports were
 * written under `<dir>/a/` and `<dir>/b/` by run directory (`<side>/<scenario>/<run-id>/`).
 */
export function renderAbHtml(analysis: AbAnalysis, a: readonly RunResult[], b: readonly RunResult[]): string {
  return renderSideBySideHtml({
    title: `busmark ab: ${analysis.scenario}`,
    verdict: analysis.verdict,
    tone: analysis.verdict === "no regression" ? "pass" : analysis.verdict === "regression" ? "fail" : "warn",
    analysis: renderAbText(analysis),
    runs: roundLinks(a, b),
  }, htmlAssets());
}
