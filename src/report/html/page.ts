/**
 * `report.html`: one self-contained page per run. The verdict and threshold table come first; then interactive
 * charts (hover for values, drag to zoom the time axis, click a legend entry to toggle its series) with the
 * thresholds drawn on the charts they judge and phases and faults marked; then the tables. The chart library, its
 * styles, the page's script and the chart data are all inline, so the file opens from disk with no network. The
 * tables are plain HTML, readable without the script. A pure function of the result and the assets.
 * @module
 */
import type { RunResult } from "../../result/types.ts";
import { escapeHtml, inlineCode, jsonForScript } from "./escape.ts";
import { type ChartId, type HtmlModel, htmlModel } from "./model.ts";
import {
  countsHtml,
  environmentHtml,
  faultsHtml,
  latencyHtml,
  microHtml,
  reproduceHtml,
  resourcesHtml,
  throughputHtml,
} from "./sections.ts";
import { headerHtml, pageTitle, type RunLink, runsHtml, thresholdsHtml } from "./summary.ts";
import { chartBox, htmlSection } from "./table.ts";
import { PAGE_CSS } from "./style.ts";

/** The code a page inlines: the chart library (script and styles) and the page's own script. */
export interface HtmlAssets {
  libraryJs: string;
  libraryCss: string;
  clientJs: string;
}

/** Options of {@link renderReportHtml}. */
export interface HtmlOptions {
  /** A repeat's runs with links to their reports, shown side by side on the combined report. */
  runs?: readonly RunLink[];
}

const ZOOM_NOTE = "Drag across a chart to zoom the time axis (all time charts follow), double-click to reset; " +
  "click a legend entry to hide or show its series.";

/** Renders `report.html` for a result. */
export function renderReportHtml(result: RunResult, assets: HtmlAssets, opts: HtmlOptions = {}): string {
  const runs = opts.runs ?? [];
  const model = htmlModel(result, runs);
  const has = (id: ChartId) => model.charts.some((c) => c.id === id);
  const box = (id: ChartId, note?: string) => {
    const c = model.charts.find((x) => x.id === id);
    return c ? chartBox(id, c.title, note) : undefined;
  };
  const timeNote = has("latency") || has("runs-latency") ? ZOOM_NOTE : undefined;
  const body = [
    headerHtml(result),
    thresholdsHtml(result),
    runsHtml(runs, result),
    htmlSection("runs-charts", "Runs over time", box("runs-latency", timeNote), box("runs-rate")),
    htmlSection("latency", "Latency", box("percentiles"), latencyHtml(result) || "<p>No latency was recorded.</p>"),
    htmlSection("timeline", "Over time", box("latency", timeNote), box("rate")),
    htmlSection("events", "Events", countsHtml(result) || "<p>No events were sent.</p>"),
    htmlSection("throughput", "Throughput", throughputHtml(result)),
    htmlSection("faults", "Faults and recovery", faultsHtml(result)),
    htmlSection("resources", "Resource usage", box("cpu"), box("rss"), resourcesHtml(result)),
    htmlSection("micro", "Micro benchmarks", microHtml(result)),
    htmlSection("environment", "Environment", environmentHtml(result)),
    htmlSection("reproduce", "Reproduce", reproduceHtml(result)),
  ];
  return htmlDocument(pageTitle(result), result.verdict, body, model, assets);
}

/** The start of every busmark page up to `</head>`: its title and the inline styles (the library's and the page's). */
export function documentHead(title: string, assets: Pick<HtmlAssets, "libraryCss">): string[] {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${inlineCode(assets.libraryCss)}</style>`,
    `<style>${inlineCode(PAGE_CSS)}</style>`,
    "</head>",
  ];
}

/** The page around the sections: head with the inline styles, the chart data, the library and the page's script. */
function htmlDocument(
  title: string,
  verdict: string,
  sections: readonly string[],
  model: HtmlModel,
  assets: HtmlAssets,
): string {
  return [
    ...documentHead(title, assets),
    `<body data-verdict="${escapeHtml(verdict)}">`,
    "<main>",
    ...sections.filter((s) => s !== ""),
    "</main>",
    `<script type="application/json" id="busmark-data">${jsonForScript(model)}</script>`,
    `<script>${inlineCode(assets.libraryJs)}</script>`,
    `<script>${inlineCode(assets.clientJs)}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** What a page of runs side by side shows (e.g. `ab.html`). */
export interface SideBySide {
  /** Page title and heading. */
  title: string;
  /** The outcome in one word, as the verdict banner's class and word (e.g. `no regression`). */
  verdict: string;
  /** How the outcome reads: good (green), bad (red) or undecided (yellow). */
  tone: "pass" | "fail" | "warn";
  /** A preformatted analysis shown under the banner (e.g. `ab.txt`). */
  analysis?: string;
  /** The runs, labelled (e.g. `A 1`, `B 1`), with links to their reports. */
  runs: readonly RunLink[];
}

/**
 * A page of runs side by side, for runs that have no combined result (the rounds of `busmark ab`): the outcome,
 * its analysis, the runs' table and their charts; thresholds and phases come from the first run.
 */
export function renderSideBySideHtml(page: SideBySide, assets: HtmlAssets): string {
  const first = page.runs[0]?.result;
  if (!first) throw new RangeError("Cannot render runs side by side: no run");
  const model = htmlModel(first, page.runs, { only: "runs" });
  const box = (id: ChartId, note?: string) => {
    const c = model.charts.find((x) => x.id === id);
    return c ? chartBox(id, c.title, note) : undefined;
  };
  const verdictClass = page.tone;
  const body = [
    `<header>\n<h1>${escapeHtml(page.title)}</h1>\n<div class="verdict verdict-${verdictClass}" id="verdict"><strong>${
      escapeHtml(page.verdict.toUpperCase())
    }</strong></div>\n</header>`,
    page.analysis ? htmlSection("analysis", "Analysis", `<pre><code>${escapeHtml(page.analysis)}</code></pre>`) : "",
    runsHtml(page.runs),
    htmlSection("runs-charts", "Runs over time", box("runs-latency", ZOOM_NOTE), box("runs-rate")),
  ];
  return htmlDocument(page.title, verdictClass, body, model, assets);
}
