/**
 * The live dashboard page of `busmark run --dashboard`: the scenario's title and description, a status banner
 * (running, then the verdict), the live figures, and two charts fed once a second over server-sent events
 * (`/events`): p99 latency so far and the offered and achieved rates, with the planned phases shaded and the
 * scenario's latency and throughput thresholds drawn. Self-contained like `report.html` (uPlot inline). A pure
 * function of the scenario and the assets.
 * @module
 */
import type { Scenario } from "../../scenario/types.ts";
import { escapeHtml, inlineCode, jsonForScript } from "./escape.ts";
import { thresholdPlacement } from "./model.ts";
import { documentHead, type HtmlAssets } from "./page.ts";
import { chartBox, para } from "./table.ts";

/** One second of a running scenario as the dashboard receives it. */
export interface LiveTick {
  /** Seconds since the run started. */
  t: number;
  phase: string;
  offered: number;
  achieved: number;
  /** p99 latency so far, ms (null before the first sample). */
  p99Ms: number | null;
  published: number;
  persisted: number;
  pending: number;
  lost: number;
  errors: number;
}

/** What the dashboard's event stream carries. */
export type LiveMessage =
  | { type: "tick"; tick: LiveTick }
  | { type: "done"; verdict: string; sentence: string; report: string };

/** The static part the dashboard page draws from: planned phases and threshold lines (units of its charts). */
export interface LiveModel {
  domain: [number, number];
  phases: { name: string; start: number; end: number; warmup: boolean }[];
  thresholds: { chart: "latency" | "rate"; value: number; label: string }[];
}

/** The live model of a scenario. */
export function liveModel(scenario: Scenario): LiveModel {
  const thresholds: LiveModel["thresholds"] = [];
  for (const t of scenario.thresholds) {
    for (const c of t.conditions) {
      const placed = thresholdPlacement(t.metric, c);
      const chart = placed?.charts.includes("latency") ? "latency" : placed?.charts.includes("rate") ? "rate" : null;
      if (!placed || !chart) continue;
      const label = `${t.key} ${c.text}`;
      // Lines at the same bound share one label (e.g. the persisted and delivered p95 of one budget).
      const same = thresholds.find((x) => x.chart === chart && x.value === placed.value);
      if (same) same.label += ` · ${label}`;
      else thresholds.push({ chart, value: placed.value, label });
    }
  }
  return {
    domain: [0, Math.max(1, scenario.durationMs / 1000)],
    phases: scenario.phases.map((p) => ({
      name: p.name,
      start: p.startMs / 1000,
      end: (p.startMs + p.durationMs) / 1000,
      warmup: p.kind === "warmup",
    })),
    thresholds,
  };
}

/** Renders the dashboard page; `clientJs` of the assets is the dashboard's own script. */
export function renderDashboardHtml(scenario: Scenario, assets: HtmlAssets): string {
  const title = `busmark live: ${scenario.name}${scenario.quick ? " (quick)" : ""}`;
  return [
    ...documentHead(title, assets),
    "<body>",
    "<main>",
    `<header>\n<h1>${escapeHtml(title)}</h1>`,
    scenario.description ? para(scenario.description, "description") : "",
    '<div class="verdict verdict-warn" id="verdict"><strong>RUNNING</strong>: waiting for the first second…</div>',
    '<p class="run-line" id="live"></p>',
    "</header>",
    chartBox("live-latency", "p99 latency so far (ms)", "Updated every second while the run goes on."),
    chartBox("live-rate", "Offered and achieved events per second"),
    "</main>",
    `<script type="application/json" id="busmark-live">${jsonForScript(liveModel(scenario))}</script>`,
    `<script>${inlineCode(assets.libraryJs)}</script>`,
    `<script>${inlineCode(assets.clientJs)}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
