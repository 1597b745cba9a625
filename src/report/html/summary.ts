/**
 * The top of `report.html`: title, the scenario's description, the verdict with one sentence, the run's identity,
 * why a run is invalid, and the threshold table; for a repeat, its runs side by side.
 * @module
 */
import { formatInUnit, formatMillis } from "../../format/units.ts";
import type { RunResult, ThresholdCheck } from "../../result/types.ts";
import { verdictSentence } from "../markdown-summary.ts";
import { escapeHtml } from "./escape.ts";
import { type Cell, codeCell, htmlCell, htmlSection, htmlTable, para } from "./table.ts";

/** A run shown beside others and the link to its own report (relative to the page); `label` heads its column. */
export interface RunLink {
  result: RunResult;
  href: string;
  label?: string;
}

const VERDICT_WORDS: Readonly<Record<RunResult["verdict"], string>> = {
  pass: "PASS",
  fail: "FAIL",
  invalid: "INVALID",
  interrupted: "INTERRUPTED",
};

/** The page title: `busmark: <scenario> (quick)`. */
export function pageTitle(result: Pick<RunResult, "scenario">): string {
  return `busmark: ${result.scenario.name}${result.scenario.quick ? " (quick)" : ""}`;
}

/** The header: title, description, the verdict banner and the run line. */
export function headerHtml(result: RunResult): string {
  const parts = [`<h1>${escapeHtml(pageTitle(result))}</h1>`];
  const description = result.scenario.normalized.description;
  if (description) parts.push(para(description, "description"));
  parts.push(
    `<div class="verdict verdict-${result.verdict}" id="verdict"><strong>${VERDICT_WORDS[result.verdict]}</strong>: ${
      escapeHtml(verdictSentence(result))
    }</div>`,
  );
  parts.push(para(
    `Run ${result.runId} · status ${result.status} · ${formatMillis(result.durationMs)} · started ${result.startedAt}` +
      ` · ${result.environment.runtime} ${result.environment.runtimeVersion}`,
    "run-line",
  ));
  if (result.invalidReasons.length > 0) {
    parts.push(
      `<div class="warning"><p>This run is invalid:</p><ul>${
        result.invalidReasons.map((r) => `<li>${escapeHtml(r)}</li>`).join("")
      }</ul></div>`,
    );
  }
  return `<header>\n${parts.join("\n")}\n</header>`;
}

function observedText(c: ThresholdCheck): string {
  const value = formatInUnit(c.observed, c.unit);
  return c.samples ? `${value} (${c.samples.beyond} of ${c.samples.total} beyond)` : value;
}

function resultCell(c: ThresholdCheck): Cell {
  const unsure = c.resolution === "insufficient"
    ? ` <span class="unsure">too few samples: ${escapeHtml(c.resolutionReason ?? "")}</span>`
    : "";
  if (c.pass) return htmlCell(`pass${unsure}`, "pass");
  return htmlCell(c.reason ? escapeHtml(c.reason) : `fail${unsure}`, "fail");
}

/** The threshold table (threshold, condition, observed, result). */
export function thresholdsHtml(result: RunResult): string {
  if (result.checks.length === 0) {
    return htmlSection("thresholds", "Thresholds", para("The scenario declares no thresholds."));
  }
  const rows = result.checks.map((c) => [codeCell(c.key), codeCell(c.condition), observedText(c), resultCell(c)]);
  return htmlSection(
    "thresholds",
    "Thresholds",
    htmlTable(["Threshold", "Condition", "Observed", "Result"], rows, { numeric: [2], id: "threshold-table" }),
  );
}

/**
 * Runs side by side: one column per run (linked to its own report) and, for a repeat, the combined view; one row
 * per threshold (those of the combined view, else every run's) with each run's observed value and result.
 */
export function runsHtml(runs: readonly RunLink[], combined?: RunResult): string {
  if (runs.length === 0) return "";
  const header = ["", ...runs.map((r) => r.label ?? r.result.runId), ...(combined ? ["combined"] : [])];
  const link = (r: RunLink) => htmlCell(`<a href="${escapeHtml(r.href)}">report</a>`);
  const verdict = (r: RunResult) => htmlCell(VERDICT_WORDS[r.verdict], r.verdict === "pass" ? "pass" : "fail");
  const duration = (r: RunResult) => formatMillis(r.durationMs);
  const rows: Cell[][] = [
    ["verdict", ...runs.map((r) => verdict(r.result)), ...(combined ? [verdict(combined)] : [])],
    ["duration", ...runs.map((r) => duration(r.result)), ...(combined ? [duration(combined)] : [])],
    ["report", ...runs.map(link), ...(combined ? [htmlCell("this page")] : [])],
  ];
  const checks = combined?.checks ?? runs.flatMap((r) => r.result.checks);
  const seen = new Set<string>();
  for (const c of checks) {
    const id = `${c.key}\u0000${c.condition}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const find = (r: RunResult) => r.checks.find((x) => x.key === c.key && x.condition === c.condition);
    const cell = (check: ThresholdCheck | undefined): Cell =>
      check ? htmlCell(escapeHtml(formatInUnit(check.observed, check.unit)), check.pass ? "pass" : "fail") : "–";
    rows.push([
      htmlCell(`<code>${escapeHtml(c.key)}</code> <code>${escapeHtml(c.condition)}</code>`),
      ...runs.map((r) => cell(find(r.result))),
      ...(combined ? [cell(c)] : []),
    ]);
  }
  return htmlSection("runs", `Runs (${runs.length}) side by side`, htmlTable(header, rows, { id: "runs-table" }));
}
