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

/** A run of a repeat and the link to its own report, relative to the combined report. */
export interface RunLink {
  result: RunResult;
  href: string;
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
 * A repeat's runs side by side: one column per run (linked to its own report) and the combined view, one row per
 * threshold with each run's observed value and result.
 */
export function runsHtml(combined: RunResult, runs: readonly RunLink[]): string {
  if (runs.length === 0) return "";
  const header = ["", ...runs.map((r) => r.result.runId), "combined"];
  const link = (r: RunLink) => htmlCell(`<a href="${escapeHtml(r.href)}">report</a>`);
  const verdict = (r: RunResult) => htmlCell(VERDICT_WORDS[r.verdict], r.verdict === "pass" ? "pass" : "fail");
  const rows: Cell[][] = [
    ["verdict", ...runs.map((r) => verdict(r.result)), verdict(combined)],
    ["duration", ...runs.map((r) => formatMillis(r.result.durationMs)), formatMillis(combined.durationMs)],
    ["report", ...runs.map(link), htmlCell("this page")],
  ];
  for (const c of combined.checks) {
    const cell = (check: ThresholdCheck | undefined): Cell =>
      check ? htmlCell(escapeHtml(formatInUnit(check.observed, check.unit)), check.pass ? "pass" : "fail") : "–";
    const per = runs.map((r) => cell(r.result.checks.find((x) => x.key === c.key && x.condition === c.condition)));
    rows.push([htmlCell(`<code>${escapeHtml(c.key)}</code> <code>${escapeHtml(c.condition)}</code>`), ...per, cell(c)]);
  }
  return htmlSection(
    "runs",
    `Runs (${runs.length}) side by side`,
    htmlTable(header, rows, { id: "runs-table" }),
  );
}
