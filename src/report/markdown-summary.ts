/**
 * The summary part of a run's report: title, verdict, why a run is invalid, and the threshold table. It opens
 * `report.md` and is what goes to a CI job summary (`GITHUB_STEP_SUMMARY`), so it links to nothing beside it.
 * @module
 */
import type { RunResult, ThresholdCheck } from "../result/types.ts";
import { formatMillis } from "../format/units.ts";
import { formatObserved } from "../format/growth.ts";
import { code, escapeMd, mdTable } from "../format/markdown-table.ts";

/** The verdict as a badge-like phrase: `✅ PASS`, `❌ FAIL`, `⚠️ INVALID`, `⏹️ INTERRUPTED`. */
export function verdictBadge(verdict: RunResult["verdict"]): string {
  switch (verdict) {
    case "pass":
      return "✅ PASS";
    case "fail":
      return "❌ FAIL";
    case "invalid":
      return "⚠️ INVALID";
    case "interrupted":
      return "⏹️ INTERRUPTED";
  }
}

/** One sentence explaining the verdict. */
export function verdictSentence(result: Pick<RunResult, "verdict" | "checks" | "status">): string {
  const failed = result.checks.filter((c) => !c.pass).length;
  const total = result.checks.length;
  const of = `${failed} of ${total} threshold${total === 1 ? "" : "s"} failed`;
  switch (result.verdict) {
    case "pass":
      return total === 0 ? "the run completed; the scenario has no thresholds." : `all ${total} thresholds met.`;
    case "fail":
      return result.status === "aborted" ? `a threshold stopped the run early; ${of}.` : `${of}.`;
    case "invalid":
      return "busmark could not offer the load it was asked for, so the thresholds below do not judge the system.";
    case "interrupted":
      return "the run was interrupted; the figures cover only the part that ran.";
  }
}

/** A check's result cell: `✅ pass`, `❌ fail`, or `❌ no data: …`. */
function resultCell(c: ThresholdCheck): string {
  const label = c.windowS !== undefined ? "not resolvable" : "too few samples";
  const unsure = c.resolution === "insufficient" ? ` ⚠️ ${label}: ${escapeMd(c.resolutionReason ?? "")}` : "";
  if (c.pass) return `✅ pass${unsure}`;
  return c.reason ? `❌ ${escapeMd(c.reason)}` : `❌ fail${unsure}`;
}

/** The observed cell, with how many samples lie beyond it for a percentile (`12 ms (9 of 1000 beyond)`). */
function observedCell(c: ThresholdCheck): string {
  const value = formatObserved(c);
  return c.samples ? `${value} (${c.samples.beyond} of ${c.samples.total} beyond)` : value;
}

/** The threshold table (metric, condition, observed, result); empty when there are no checks. */
export function thresholdTable(checks: readonly ThresholdCheck[]): string {
  if (checks.length === 0) return "";
  const rows = checks.map((c) => [code(c.key), code(c.condition), observedCell(c), resultCell(c)]);
  return mdTable(["Threshold", "Condition", "Observed", "Result"], rows, ["left", "left", "right", "left"]);
}

/** The report's title line. */
export function reportTitle(result: Pick<RunResult, "scenario">): string {
  return `# busmark: ${escapeMd(result.scenario.name)}${result.scenario.quick ? " (quick)" : ""}`;
}

/**
 * The scenario's `description` as one paragraph (`**Scenario:** …`), escaped: its text is the author's, so Markdown
 * and HTML in it are shown, never rendered; empty when the scenario has none.
 */
export function descriptionParagraph(result: Pick<RunResult, "scenario">): string {
  const text = (result.scenario.normalized?.description ?? "").trim();
  return text === "" ? "" : `**Scenario:** ${escapeMd(text.replace(/&/g, "&amp;"))}`;
}

/**
 * The summary part: title, verdict with one sentence, run identity, the scenario's description, invalid reasons,
 * and the threshold table.
 * With `title: false` the report title line is left out.
 */
export function renderSummaryMarkdown(result: RunResult, opts: { title?: boolean } = {}): string {
  const parts: string[] = [];
  if (opts.title ?? true) parts.push(reportTitle(result), "");
  parts.push(`**${verdictBadge(result.verdict)}**: ${verdictSentence(result)}`, "");
  parts.push(
    `Run ${code(result.runId)} · status ${result.status} · ${formatMillis(result.durationMs)} · started ${
      escapeMd(result.startedAt)
    } · ${result.environment.runtime} ${escapeMd(result.environment.runtimeVersion)}`,
    "",
  );
  const description = descriptionParagraph(result);
  if (description !== "") parts.push(description, "");
  if (result.invalidReasons.length > 0) {
    parts.push("> [!WARNING]", "> This run is invalid:", ...result.invalidReasons.map((r) => `> - ${escapeMd(r)}`), "");
  }
  const table = thresholdTable(result.checks);
  parts.push("## Thresholds", "", table === "" ? "_The scenario declares no thresholds._" : table, "");
  return parts.join("\n");
}
