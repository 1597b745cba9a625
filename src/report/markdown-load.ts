/**
 * Report sections about the load and what became of it: latency tables (overall, per phase, per event), event
 * counts, and throughput per phase.
 * @module
 */
import type { LatencySummary } from "../metrics/histogram.ts";
import { findMetric } from "../result/find.ts";
import type { MetricEntry, RunResult } from "../result/types.ts";
import { formatMicros, formatRate } from "../format/units.ts";
import { code, escapeMd, mdTable } from "../format/markdown-table.ts";
import { countsModel } from "./tables.ts";
import { throughputModel } from "./throughput.ts";

export { describeLoad, describeStream } from "./throughput.ts";

/** Latency metrics the report tabulates, with a human label. */
export const LATENCY_LABELS: readonly [string, string][] = [
  ["latency.persisted", "send → persisted"],
  ["latency.delivered", "send → delivered"],
  ["latency.request", "request round trip"],
  ["latency.schedule", "schedule lag"],
];

/** Seconds of the measured (non-warmup) phases. */
export function measuredSeconds(result: Pick<RunResult, "phases">): number {
  return result.phases.filter((p) => p.kind !== "warmup").reduce((s, p) => s + p.durationMs, 0) / 1000;
}

function phaseLabel(result: Pick<RunResult, "phases">, name: string): string {
  const p = result.phases.find((x) => x.name === name);
  return p?.kind === "warmup" ? `${escapeMd(name)} (warmup)` : escapeMd(name);
}

function latencyCells(s: LatencySummary, seconds: number): string[] {
  return [
    String(s.count),
    seconds > 0 ? formatRate(s.count / seconds) : "–",
    ...[s.avg, s.p50, s.p95, s.p99, s.p999, s.max].map(formatMicros),
  ];
}

const LATENCY_HEADER = ["count", "rate", "avg", "p50", "p95", "p99", "p99.9", "max"];

/** Rows of one latency metric over the given entries, first column from `label`. */
function latencyRows(
  entries: readonly MetricEntry[],
  label: (e: MetricEntry) => string,
  seconds: (e: MetricEntry) => number,
): string[][] {
  return entries.filter((e) => e.summary && e.summary.count > 0).map((e) => [
    label(e),
    ...latencyCells(e.summary!, seconds(e)),
  ]);
}

/** The latency section's tables: overall, per phase, per event. Empty when the run recorded no latency. */
export function latencyTables(result: RunResult): string {
  const measured = measuredSeconds(result);
  const phaseSeconds = (name: string | undefined) =>
    (result.phases.find((p) => p.name === name)?.durationMs ?? 0) / 1000;
  const parts: string[] = [];
  const overall: string[][] = [];
  for (const [metric, label] of LATENCY_LABELS) {
    const e = findMetric(result, metric, {});
    if (e?.summary && e.summary.count > 0) {
      overall.push([`${code(metric)} ${label}`, ...latencyCells(e.summary, measured)]);
    }
  }
  if (overall.length === 0) return "";
  parts.push("All measured phases (warmup excluded):", "", mdTable(["metric", ...LATENCY_HEADER], overall), "");
  const byPhase: string[][] = [];
  const byEvent: string[][] = [];
  for (const [metric] of LATENCY_LABELS) {
    const entries = result.metrics.filter((m) => m.metric === metric && m.bench === undefined);
    const phased = entries.filter((m) => m.phase !== undefined && m.event === undefined);
    byPhase.push(
      ...latencyRows(phased, (e) => `${code(metric)} · ${phaseLabel(result, e.phase!)}`, (e) => phaseSeconds(e.phase)),
    );
    const evented = entries.filter((m) => m.event !== undefined && m.phase === undefined);
    byEvent.push(...latencyRows(evented, (e) => `${code(metric)} · ${escapeMd(e.event!)}`, () => measured));
  }
  if (byPhase.length > 0) parts.push("Per phase:", "", mdTable(["metric · phase", ...LATENCY_HEADER], byPhase), "");
  if (byEvent.length > 0) {
    parts.push("Per event type:", "", mdTable(["metric · event", ...LATENCY_HEADER], byEvent), "");
  }
  return parts.join("\n");
}

/**
 * The event counts table: overall, per event type, per phase; with the persisted share. An `unsettled` column
 * (events still in flight when an interrupted run stopped) appears when there are any.
 */
export function countsTable(result: RunResult): string {
  const model = countsModel(result);
  if (!model) return "";
  return mdTable(model.header, model.rows.map((r) => [r.overall ? `**${r.label}**` : escapeMd(r.label), ...r.cells]));
}

/**
 * The throughput table per phase (see {@link throughputModel}): the overall row in bold, phase and stream labels
 * escaped, the model's note beneath.
 */
export function throughputTable(result: RunResult): string {
  const model = throughputModel(result);
  if (!model) return "";
  const rows = model.rows.map((r) => [r.kind === "all" ? `**${r.label}**` : escapeMd(r.label), ...r.cells]);
  const table = mdTable(model.header, rows);
  return model.note ? `${table}\n\n${model.note}` : table;
}
