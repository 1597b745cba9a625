/**
 * Writing a run's report directory `<out>/<scenario>/<run-id>/`: `result.json`, `report.md`, `report.html`,
 * `junit.xml` and the chart SVGs (optionally `benchmark.json` for github-action-benchmark). Every file goes to a temporary name first
 * and is renamed into place, so no reader ever sees a half-written report. When `GITHUB_STEP_SUMMARY` is set, the
 * summary part of the report is appended to it.
 * @module
 */
import { repeatManifest } from "../result/repeat.ts";
import type { RunResult } from "../result/types.ts";
import { appendText, makeDir, writeFileAtomic } from "../runtime/fs.ts";
import { getEnv } from "../runtime/host.ts";
import { renderBenchmarkAction } from "./benchmark-action.ts";
import { planCharts, renderCharts } from "./charts/render.ts";
import { htmlAssets } from "./html/assets.ts";
import { renderReportHtml, type RunLink } from "./html/mod.ts";
import { renderJunit } from "./junit.ts";
import { renderReportMarkdown } from "./markdown.ts";
import { renderSummaryMarkdown } from "./markdown-summary.ts";

/** Name of the github-action-benchmark file written with `benchmarkAction`. */
export const BENCHMARK_FILE = "benchmark.json";

/** Options of the report writers. */
export interface WriteOptions {
  /**
   * File the summary part is appended to; default: the `GITHUB_STEP_SUMMARY` environment variable. `null` turns it
   * off.
   */
  stepSummary?: string | null;
  /** Also write `benchmark.json` (github-action-benchmark `customSmallerIsBetter`). */
  benchmarkAction?: boolean;
  /** A repeat's runs and their report links, shown side by side in the combined `report.html`. */
  runs?: readonly RunLink[];
}

/** The directory a run's report goes to. */
export function reportDir(outDir: string, result: RunResult): string {
  return `${outDir}/${result.scenario.name}/${result.runId}`;
}

function stepSummaryPath(opts: WriteOptions): string | undefined {
  if (opts.stepSummary === null) return undefined;
  const path = opts.stepSummary ?? getEnv("GITHUB_STEP_SUMMARY");
  return path ? path : undefined;
}

/** Appends a result's summary (verdict and thresholds) to the CI job summary, when there is one. */
export function appendStepSummary(result: RunResult, dir: string, opts: WriteOptions = {}): void {
  const path = stepSummaryPath(opts);
  if (!path) return;
  appendText(path, `${renderSummaryMarkdown(result)}\nFull report: \`${dir}/report.md\`\n\n`);
}

/**
 * Writes every rendering of a result into `dir` (created when missing): `result.json`, the chart SVGs,
 * `report.md` linking them, the self-contained `report.html`, `junit.xml`, and with `benchmarkAction` `benchmark.json`. Returns the file names.
 */
export async function writeReportFiles(result: RunResult, dir: string, opts: WriteOptions = {}): Promise<string[]> {
  makeDir(dir);
  writeFileAtomic(`${dir}/result.json`, `${JSON.stringify(result, null, 2)}\n`);
  const charts = await renderCharts(planCharts(result));
  for (const c of charts) writeFileAtomic(`${dir}/${c.file}`, c.svg);
  writeFileAtomic(`${dir}/report.md`, renderReportMarkdown(result, charts));
  writeFileAtomic(`${dir}/report.html`, renderReportHtml(result, htmlAssets(), { runs: opts.runs ?? [] }));
  writeFileAtomic(`${dir}/junit.xml`, renderJunit(result));
  const files = ["result.json", ...charts.map((c) => c.file), "report.md", "report.html", "junit.xml"];
  if (opts.benchmarkAction) {
    writeFileAtomic(`${dir}/${BENCHMARK_FILE}`, renderBenchmarkAction([result]));
    files.push(BENCHMARK_FILE);
  }
  return files;
}

/**
 * Writes a run's report directory `<outDir>/<scenario>/<run-id>/` (see {@link writeReportFiles}), appends the
 * summary to `GITHUB_STEP_SUMMARY` when set, and returns the directory.
 */
export async function writeRunReport(result: RunResult, outDir: string, opts: WriteOptions = {}): Promise<string> {
  const dir = reportDir(outDir, result);
  await writeReportFiles(result, dir, opts);
  appendStepSummary(result, dir, opts);
  return dir;
}

/**
 * Writes the report of N runs of one scenario and their combined, judged view (its `runId` is the repeat id): each
 * run's full report in `<dir>/runs/<run-id>/`, the combined view's report (result.json, report.md, junit.xml,
 * charts) in `<dir>` itself, and `<dir>/repeat.json` listing the runs, where `<dir>` is
 * `<outDir>/<scenario>/<repeat-id>`. Only the combined summary goes to the job summary; `benchmark.json` (when
 * asked for) averages the runs. Returns the directory.
 */
export async function writeRepeatReport(
  runs: readonly RunResult[],
  combined: RunResult,
  outDir: string,
  opts: WriteOptions = {},
): Promise<string> {
  const repeatId = combined.runId;
  const dir = reportDir(outDir, combined);
  for (const r of runs) await writeReportFiles(r, `${dir}/runs/${r.runId}`, { stepSummary: null });
  const links = runs.map((r) => ({ result: r, href: `runs/${encodeURIComponent(r.runId)}/report.html` }));
  await writeReportFiles(combined, dir, { stepSummary: null, runs: links });
  if (opts.benchmarkAction) writeFileAtomic(`${dir}/${BENCHMARK_FILE}`, renderBenchmarkAction(runs));
  writeFileAtomic(`${dir}/repeat.json`, `${JSON.stringify(repeatManifest(runs, repeatId), null, 2)}\n`);
  appendStepSummary(combined, dir, opts);
  return dir;
}
