/**
 * Report sections about the load and what became of it: latency tables (overall, per phase, per event), event
 * counts, and throughput per phase.
 * @module
 */
import type { LatencySummary } from "../metrics/histogram.ts";
import { findMetric } from "../result/find.ts";
import { requestEvents, splitRates } from "../result/rates.ts";
import type { MetricEntry, ResultPhase, RunResult } from "../result/types.ts";
import { formatMicros, formatMillis, formatNumber, formatPercent, formatRate } from "../format/units.ts";
import { code, escapeMd, mdTable } from "../format/markdown-table.ts";
import { streamLabel } from "../scenario/streams.ts";
import type { LoadStream } from "../scenario/types.ts";

/** Latency metrics the report tabulates, with a human label. */
export const LATENCY_LABELS: readonly [string, string][] = [
  ["latency.persisted", "send → persisted"],
  ["latency.delivered", "send → delivered"],
  ["latency.request", "request round trip"],
  ["latency.schedule", "schedule lag"],
];

/**
 * A phase's load model in a few words: `300/s`, `100→2000/s`, `10 workers`, `1000 events, 20 in flight`,
 * `order 500/s + count 10/s` (streams).
 */
export function describeLoad(load: ResultPhase["load"]): string {
  const l = load as Record<string, unknown> & { kind: string };
  switch (l.kind) {
    case "rate":
      return l.from === l.to
        ? `${formatNumber(Number(l.from))}/s`
        : `${formatNumber(Number(l.from))}→${formatNumber(Number(l.to))}/s`;
    case "concurrency": {
      const think = Number(l.thinkTimeMs ?? 0);
      return `${l.workers} worker${l.workers === 1 ? "" : "s"}${think > 0 ? `, think ${formatMillis(think)}` : ""}`;
    }
    case "count":
      return `${l.count} events, ${l.concurrency} in flight`;
    case "micro":
      return `micro (${Array.isArray(l.benches) ? l.benches.length : 0} benches)`;
    case "streams":
      return (Array.isArray(l.streams) ? l.streams as LoadStream[] : []).map(describeStream).join(" + ");
    default:
      return "idle";
  }
}

/** One stream of a phase in a few words: `order 500/s`, `a+b 4 workers, think 10ms`. */
export function describeStream(stream: LoadStream): string {
  return `${streamLabel(stream)} ${describeLoad(stream.load)}`;
}

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
  if (result.counts.length === 0) return "";
  const anyRequests = result.counts.some((c) => c.requestErrors > 0 || c.requestTimeouts > 0);
  const anyUnsettled = result.counts.some((c) => (c.unsettled ?? 0) > 0);
  const anyPublishErrors = result.counts.some((c) => (c.publishErrors ?? 0) > 0);
  const header = ["slice", "published", "delivered", "persisted", "lost"];
  if (anyUnsettled) header.push("unsettled");
  header.push("duplicated", "invalid");
  if (anyPublishErrors) header.push("publish errors");
  if (anyRequests) header.push("req. errors", "req. timeouts");
  header.push("persisted %");
  const ordered = [
    ...result.counts.filter((c) => c.event === undefined && c.phase === undefined),
    ...result.counts.filter((c) => c.event !== undefined && c.phase === undefined),
    ...result.counts.filter((c) => c.phase !== undefined),
  ];
  const rows = ordered.map((c) => {
    const label = c.phase !== undefined
      ? `phase ${phaseLabel(result, c.phase)}${c.event !== undefined ? ` · ${escapeMd(c.event)}` : ""}`
      : c.event !== undefined
      ? `event ${escapeMd(c.event)}`
      : "**all measured**";
    const cells = [label, c.published, c.delivered, c.persisted, c.lost].map(String);
    if (anyUnsettled) cells.push(String(c.unsettled ?? 0));
    cells.push(String(c.duplicated), String(c.invalid));
    if (anyPublishErrors) cells.push(String(c.publishErrors ?? 0));
    if (anyRequests) cells.push(String(c.requestErrors), String(c.requestTimeouts));
    cells.push(c.expectedPersisted > 0 ? formatPercent((c.persisted / c.expectedPersisted) * 100) : "–");
    return cells;
  });
  return mdTable(header, rows);
}

/**
 * The throughput table per phase: load model, offered, achieved, delivered, persisted, achieved/offered. When some
 * events are not meant to be persisted the persisted cell reads `455/s of 455/s` (of the events sent to be
 * persisted), and with requests a `replied` column shows their replies: requests are answered, never persisted.
 */
export function throughputTable(result: RunResult): string {
  const value = (metric: string, phase?: string) =>
    findMetric(result, metric, phase === undefined ? {} : { phase })?.value;
  const rate = (v: number | undefined) => (v === undefined ? "–" : formatRate(v));
  const pct = (v: number | undefined) => (v === undefined ? "–" : formatPercent(v));
  const withRequests = requestEvents(result).length > 0;
  const row = (label: string, phase?: string) => {
    const split = splitRates(result, phase);
    const persisted = rate(value("throughput.persisted", phase));
    const cells = [
      label,
      rate(value("throughput.offered", phase)),
      rate(value("throughput.achieved", phase)),
      rate(value("throughput.delivered", phase)),
      split && !split.allPersist ? `${persisted} of ${rate(split.toPersist)}` : persisted,
    ];
    if (withRequests) {
      cells.push(split && split.requests > 0 ? `${rate(split.replied)} of ${rate(split.requests)}` : "–");
    }
    cells.push(pct(value("throughput.achieved.ratio", phase)));
    return cells;
  };
  const rows: string[][] = [];
  if (value("throughput.offered") !== undefined) rows.push(row("**all measured**"));
  for (const p of result.phases) {
    if (value("throughput.offered", p.name) === undefined) continue;
    rows.push(row(`${phaseLabel(result, p.name)} — ${describeLoad(p.load)}, ${formatMillis(p.durationMs)}`, p.name));
    rows.push(...streamRows(result, p, value("throughput.offered", p.name)!, withRequests));
  }
  if (rows.length === 0) return "";
  const header = ["phase", "offered", "achieved", "delivered", "persisted"];
  if (withRequests) header.push("replied");
  header.push("achieved / offered");
  const table = mdTable(header, rows);
  if (!rows.some((r) => r[4]!.includes(" of ")) && !withRequests) return table;
  return `${table}\n\n${PARTIAL_PERSIST_NOTE}${withRequests ? ` ${REQUESTS_NOTE}` : ""}`;
}

/**
 * Per stream of a multi-stream phase, what it offered and achieved (and its events' delivered and persisted), at
 * the phase's rate base: its elapsed seconds, recovered as the streams' offered events over the phase's offered rate.
 */
function streamRows(
  result: RunResult,
  p: ResultPhase,
  phaseOffered: number,
  withRequests: boolean,
): string[][] {
  if (p.load.kind !== "streams" || !p.streams) return [];
  const streams = p.load.streams;
  const counts = p.streams;
  const offeredSum = counts.reduce((sum, c) => sum + c.offered, 0);
  const seconds = phaseOffered > 0 && offeredSum > 0 ? offeredSum / phaseOffered : p.durationMs / 1000;
  const rate = (n: number) => (seconds > 0 ? formatRate(n / seconds) : "–");
  return streams.map((s, i) => {
    const c = counts[i] ?? { offered: 0, published: 0 };
    const names = new Set(s.mix.map((m) => m.event));
    const perEvent = result.counts.filter((x) => x.phase === p.name && x.event !== undefined && names.has(x.event));
    // A run of one event type has no per-event slices: its one stream is the whole phase.
    const mine = perEvent.length > 0 || streams.length > 1
      ? perEvent
      : result.counts.filter((x) => x.phase === p.name && x.event === undefined);
    const sum = (key: "delivered" | "persisted" | "published", of = mine) => of.reduce((n, x) => n + x[key], 0);
    const cells = [
      `· stream ${escapeMd(describeStream(s))}`,
      rate(c.offered),
      rate(c.published),
      rate(sum("delivered")),
      rate(sum("persisted")),
    ];
    if (withRequests) {
      // Its requests' replies (a request's delivery is its reply), out of the requests it sent.
      const requests = new Set(requestEvents(result));
      const asked = perEvent.filter((x) => x.event !== undefined && requests.has(x.event));
      cells.push(asked.length > 0 ? `${rate(sum("delivered", asked))} of ${rate(sum("published", asked))}` : "–");
    }
    cells.push(c.offered > 0 ? formatPercent((c.published / c.offered) * 100) : "–");
    return cells;
  });
}

/** Under a throughput table whose events are not all meant to be persisted. */
const PARTIAL_PERSIST_NOTE = "`persisted` is out of the events sent to be persisted (`x of y`).";

/** Under a throughput table with requests. */
const REQUESTS_NOTE =
  "Requests are answered, never persisted: `replied` counts their replies out of the requests sent.";
