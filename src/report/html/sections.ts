/**
 * The tables of `report.html` below the summary: latency overall, per phase and per event type; event counts;
 * throughput per phase; faults; resource usage; micro benchmarks; the environment and the command that reproduces
 * the run. The same figures `report.md` shows, as HTML.
 * @module
 */
import type { LatencySummary } from "../../metrics/histogram.ts";
import { findMetric } from "../../result/find.ts";
import type { MetricEntry, RunResult } from "../../result/types.ts";
import { formatMicros, formatOffset, formatRate } from "../../format/units.ts";
import { LATENCY_LABELS, measuredSeconds } from "../markdown-load.ts";
import { countsModel, RESOURCES_NOTE, resourcesModel } from "../tables.ts";
import { throughputModel } from "../throughput.ts";
import { escapeHtml } from "./escape.ts";
import { type Cell, codeCell, htmlTable, para } from "./table.ts";

const LATENCY_HEADER = ["count", "rate", "avg", "p50", "p95", "p99", "p99.9", "max"];

function latencyCells(s: LatencySummary, seconds: number): Cell[] {
  return [
    s.count,
    seconds > 0 ? formatRate(s.count / seconds) : "–",
    ...[s.avg, s.p50, s.p95, s.p99, s.p999, s.max].map(formatMicros),
  ];
}

function phaseName(result: Pick<RunResult, "phases">, name: string): string {
  return result.phases.find((p) => p.name === name)?.kind === "warmup" ? `${name} (warmup)` : name;
}

function withSummary(entries: readonly MetricEntry[]): MetricEntry[] {
  return entries.filter((e) => e.summary !== undefined && e.summary.count > 0);
}

/** Latency tables: all measured phases, per phase, per event type. Empty when no latency was recorded. */
export function latencyHtml(result: RunResult): string {
  const measured = measuredSeconds(result);
  const seconds = (phase: string) => (result.phases.find((p) => p.name === phase)?.durationMs ?? 0) / 1000;
  const overall: Cell[][] = [];
  const byPhase: Cell[][] = [];
  const byEvent: Cell[][] = [];
  for (const [metric, label] of LATENCY_LABELS) {
    const all = findMetric(result, metric, {});
    if (all?.summary && all.summary.count > 0) {
      overall.push([
        { html: `<code>${escapeHtml(metric)}</code> ${escapeHtml(label)}` },
        ...latencyCells(all.summary, measured),
      ]);
    }
    const entries = result.metrics.filter((m) => m.metric === metric && m.bench === undefined);
    for (const e of withSummary(entries.filter((m) => m.phase !== undefined && m.event === undefined))) {
      byPhase.push([codeCell(metric), phaseName(result, e.phase!), ...latencyCells(e.summary!, seconds(e.phase!))]);
    }
    for (const e of withSummary(entries.filter((m) => m.event !== undefined && m.phase === undefined))) {
      byEvent.push([codeCell(metric), e.event!, ...latencyCells(e.summary!, measured)]);
    }
  }
  if (overall.length === 0) return "";
  const parts = [
    "<h3>All measured phases (warmup excluded)</h3>",
    htmlTable(["metric", ...LATENCY_HEADER], overall, { id: "latency-overall" }),
  ];
  if (byPhase.length > 0) {
    parts.push(
      "<h3>Per phase</h3>",
      htmlTable(["metric", "phase", ...LATENCY_HEADER], byPhase, {
        id: "latency-phases",
        numeric: [2, 3, 4, 5, 6, 7, 8, 9],
      }),
    );
  }
  if (byEvent.length > 0) {
    parts.push(
      "<h3>Per event type</h3>",
      htmlTable(["metric", "event", ...LATENCY_HEADER], byEvent, {
        id: "latency-events",
        numeric: [2, 3, 4, 5, 6, 7, 8, 9],
      }),
    );
  }
  return parts.join("\n");
}

/** The event counts: overall, per event type, per phase, with the persisted share. */
export function countsHtml(result: RunResult): string {
  const model = countsModel(result);
  if (!model) return "";
  return htmlTable(model.header, model.rows.map((r): Cell[] => [r.label, ...r.cells]), { id: "counts" });
}

/** Throughput per phase (and stream), with replies when the mix has requests: the model `report.md` prints. */
export function throughputHtml(result: RunResult): string {
  const model = throughputModel(result);
  if (!model) return "";
  const table = htmlTable(model.header, model.rows.map((r): Cell[] => [r.label, ...r.cells]), { id: "throughput" });
  return model.note ? table + para(model.note.replaceAll("`", "")) : table;
}

/** Faults with their recovery and losses. */
export function faultsHtml(result: RunResult): string {
  if (result.faults.length === 0) return "";
  const rows = result.faults.map((f): Cell[] => [
    codeCell(f.action),
    formatOffset(f.atMs),
    f.endMs !== undefined ? formatOffset(f.endMs) : "–",
    f.recoveryMs !== undefined ? formatMicros(f.recoveryMs * 1000) : "not seen",
    f.lost !== undefined ? f.lost : "–",
    f.note ?? "",
  ]);
  return htmlTable(["fault", "at", "until", "recovery", "events lost", "note"], rows, {
    id: "faults",
    numeric: [1, 2, 3, 4],
  });
}

/** Per-process CPU and memory statistics and memory growth. */
export function resourcesHtml(result: RunResult): string {
  const model = resourcesModel(result);
  if (!model) return "";
  return htmlTable(model.header, model.rows.map((r): Cell[] => [r.label, ...r.cells]), { id: "resources" }) +
    para(RESOURCES_NOTE);
}

/** The micro benchmark figures (mitata). */
export function microHtml(result: RunResult): string {
  if (result.micro.length === 0) return "";
  const ns = (v: number) => formatMicros(v / 1000);
  const rows = result.micro.map((m): Cell[] => [
    codeCell(m.name),
    m.op,
    m.event,
    ns(m.avgNs),
    ns(m.p50Ns),
    ns(m.p99Ns),
    ns(m.minNs),
    ns(m.maxNs),
    m.samples,
  ]);
  return htmlTable(["bench", "op", "event", "avg", "p50", "p99", "min", "max", "samples"], rows, {
    id: "micro",
    numeric: [3, 4, 5, 6, 7, 8],
  });
}

/** Where the run happened. */
export function environmentHtml(result: RunResult): string {
  const env = result.environment;
  const svc = result.service;
  const rows: Cell[][] = [
    ["runtime", `${env.runtime} ${env.runtimeVersion}`],
    ["OS", env.os],
    ["CPU", `${env.cpuModel} × ${env.cpus}`],
    ["nats-server", `${env.natsServerVersion || "unknown"}${result.target.embedded ? " (embedded)" : ""}`],
    ["NATS URL", codeCell(result.target.url)],
    [
      "service",
      `${svc.kind}, prefix ${svc.prefix}${svc.jetstream ? ", JetStream" : ""}, persistence confirmed by ${svc.confirm}`,
    ],
  ];
  if (svc.command) rows.push(["service command", codeCell(svc.command)]);
  if (result.serviceFiles?.length) {
    rows.push([
      "service files",
      { html: result.serviceFiles.map((f) => `<a href="${escapeHtml(encodeURI(f))}">${escapeHtml(f)}</a>`).join(", ") },
    ]);
  }
  rows.push(["busmark", env.busmarkVersion]);
  if (env.gitCommit) rows.push(["git commit", codeCell(env.gitCommit)]);
  if (env.hostname) rows.push(["host", env.hostname]);
  rows.push(
    ["scenario file", codeCell(result.scenario.file)],
    ["scenario hash", codeCell(result.scenario.hash)],
    ["seed", String(result.scenario.seed)],
    ["started / ended", `${result.startedAt} / ${result.endedAt}`],
  );
  return htmlTable(["property", "value"], rows, { id: "environment", numeric: [] });
}

/** The command that reproduces the run, and the run's other notes. */
export function reproduceHtml(result: RunResult): string {
  const reproduce = result.notes.find((n) => n.startsWith("reproduce: "));
  const command = reproduce?.slice("reproduce: ".length) ??
    `busmark run ${result.scenario.name}${result.scenario.quick ? " --quick" : ""} --seed ${result.scenario.seed}`;
  const others = result.notes.filter((n) => n !== reproduce);
  const notes = others.length > 0 ? `<ul>${others.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>` : "";
  return `<pre><code>${escapeHtml(command)}</code></pre>${notes}`;
}
