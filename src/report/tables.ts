/**
 * The content of the event-counts and resources tables, shared by `report.md` and `report.html` (the throughput
 * table has its own module, `throughput.ts`): headers and rows of plain text (not escaped; the overall row marked),
 * which each renderer escapes and styles.
 * @module
 */
import { findMetric } from "../result/find.ts";
import { reportedGrowth } from "../result/growth.ts";
import type { ResourceProcess, RunResult } from "../result/types.ts";
import { formatGrowth } from "../format/growth.ts";
import { formatBytes, formatNumber, formatPercent } from "../format/units.ts";

/** A table: header, and rows whose first cell is the label; `overall` marks the row of the whole run. */
export interface TableModel {
  header: string[];
  rows: { label: string; overall: boolean; cells: string[] }[];
}

/** The processes busmark samples, with the name the reports give them. */
export const PROCESS_NAMES: readonly [ResourceProcess, string][] = [
  ["service", "service"],
  ["nats", "nats-server"],
  ["busmark", "busmark"],
];

function phaseLabel(result: Pick<RunResult, "phases">, name: string): string {
  return result.phases.find((p) => p.name === name)?.kind === "warmup" ? `${name} (warmup)` : name;
}

/**
 * The event counts: overall, per event type, per phase (and event within it); with the persisted share. Columns
 * for unsettled events (an interrupted run's in-flight ones), publish errors and request errors appear only when
 * there are any.
 */
export function countsModel(result: RunResult): TableModel | undefined {
  if (result.counts.length === 0) return undefined;
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
      ? `phase ${phaseLabel(result, c.phase)}${c.event !== undefined ? ` · ${c.event}` : ""}`
      : c.event !== undefined
      ? `event ${c.event}`
      : "all measured";
    const cells = [c.published, c.delivered, c.persisted, c.lost].map(String);
    if (anyUnsettled) cells.push(String(c.unsettled ?? 0));
    cells.push(String(c.duplicated), String(c.invalid));
    if (anyPublishErrors) cells.push(String(c.publishErrors ?? 0));
    if (anyRequests) cells.push(String(c.requestErrors), String(c.requestTimeouts));
    cells.push(c.expectedPersisted > 0 ? formatPercent((c.persisted / c.expectedPersisted) * 100) : "–");
    return { label, overall: c.event === undefined && c.phase === undefined, cells };
  });
  return { header, rows };
}

/** Under the resources table. */
export const RESOURCES_NOTE =
  "CPU is percent of one core; memory growth is the slope of a least-squares fit (r² tells how well it fits), " +
  "with its 95 % interval; under 5 min of samples it is not resolvable (garbage-collection cycles, not leaks).";

/** Per sampled process: CPU average, p95 and max, RSS average and max, and memory growth with its fit. */
export function resourcesModel(result: RunResult): TableModel | undefined {
  const rows: TableModel["rows"] = [];
  for (const [p, label] of PROCESS_NAMES) {
    const cpu = findMetric(result, `${p}.cpu`, {})?.summary;
    const mem = findMetric(result, `${p}.memory`, {})?.summary;
    if (!cpu && !mem) continue;
    const growth = reportedGrowth(result, p);
    rows.push({
      label,
      overall: false,
      cells: [
        cpu ? formatPercent(cpu.avg) : "–",
        cpu ? formatPercent(cpu.p95) : "–",
        cpu ? formatPercent(cpu.max) : "–",
        mem ? formatBytes(mem.avg) : "–",
        mem ? formatBytes(mem.max) : "–",
        growth ? formatGrowth(growth, undefined, `r² ${formatNumber(growth.r2, 2)}, n ${growth.n}`) : "–",
      ],
    });
  }
  if (rows.length === 0) return undefined;
  return {
    header: ["process", "CPU avg", "CPU p95", "CPU max", "RSS avg", "RSS max", "memory growth (least squares)"],
    rows,
  };
}
