/**
 * The throughput table's content, shared by `report.md` and `report.html`: per phase (and per stream of a
 * multi-stream phase) its load model, offered, achieved, delivered and persisted rates, replies when the mix has
 * requests, and achieved / offered. Labels are plain text; each renderer escapes and styles them. Also the load
 * models in a few words, which both reports print.
 * @module
 */
import { findMetric } from "../result/find.ts";
import { requestEvents, splitRates } from "../result/rates.ts";
import type { ResultPhase, RunResult } from "../result/types.ts";
import { formatMillis, formatNumber, formatPercent, formatRate } from "../format/units.ts";
import { streamLabel } from "../scenario/streams.ts";
import type { LoadStream } from "../scenario/types.ts";

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

/** One row: the whole run's measured phases, a phase, or a stream of the phase above it. */
export interface ThroughputRow {
  kind: "all" | "phase" | "stream";
  /** Plain text (not escaped). */
  label: string;
  /** The figures, in header order after the label. */
  cells: string[];
}

/** The table: its header (first column the label's), rows, and the note that must go under it, if any. */
export interface ThroughputModel {
  header: string[];
  rows: ThroughputRow[];
  note?: string;
}

/** Under a throughput table whose events are not all meant to be persisted. */
const PARTIAL_PERSIST_NOTE = "`persisted` is out of the events sent to be persisted (`x of y`).";

/** Under a throughput table with requests. */
const REQUESTS_NOTE =
  "Requests are answered, never persisted: `replied` counts their replies out of the requests sent.";

function phaseLabel(result: Pick<RunResult, "phases">, name: string): string {
  return result.phases.find((x) => x.name === name)?.kind === "warmup" ? `${name} (warmup)` : name;
}

/**
 * The throughput table of a result, or undefined when no phase offered load. When some events are not meant to be
 * persisted the persisted cell reads `455/s of 455/s` (of the events sent to be persisted), and with requests a
 * `replied` column shows their replies: requests are answered, never persisted.
 */
export function throughputModel(result: RunResult): ThroughputModel | undefined {
  const value = (metric: string, phase?: string) =>
    findMetric(result, metric, phase === undefined ? {} : { phase })?.value;
  const rate = (v: number | undefined) => (v === undefined ? "–" : formatRate(v));
  const pct = (v: number | undefined) => (v === undefined ? "–" : formatPercent(v));
  const withRequests = requestEvents(result).length > 0;
  const cellsOf = (phase?: string) => {
    const split = splitRates(result, phase);
    const persisted = rate(value("throughput.persisted", phase));
    const cells = [
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
  const rows: ThroughputRow[] = [];
  if (value("throughput.offered") !== undefined) rows.push({ kind: "all", label: "all measured", cells: cellsOf() });
  for (const p of result.phases) {
    if (value("throughput.offered", p.name) === undefined) continue;
    const label = `${phaseLabel(result, p.name)} — ${describeLoad(p.load)}, ${formatMillis(p.durationMs)}`;
    rows.push({ kind: "phase", label, cells: cellsOf(p.name) });
    rows.push(...streamRows(result, p, value("throughput.offered", p.name)!, withRequests));
  }
  if (rows.length === 0) return undefined;
  const header = ["phase", "offered", "achieved", "delivered", "persisted"];
  if (withRequests) header.push("replied");
  header.push("achieved / offered");
  const partial = rows.some((r) => r.cells[3]!.includes(" of "));
  const note = partial || withRequests
    ? `${PARTIAL_PERSIST_NOTE}${withRequests ? ` ${REQUESTS_NOTE}` : ""}`
    : undefined;
  return note ? { header, rows, note } : { header, rows };
}

/**
 * Per stream of a multi-stream phase, what it offered and achieved (and its events' delivered and persisted), at
 * the phase's rate base: its elapsed seconds, recovered as the streams' offered events over the phase's offered rate.
 */
function streamRows(result: RunResult, p: ResultPhase, phaseOffered: number, withRequests: boolean): ThroughputRow[] {
  if (p.load.kind !== "streams" || !p.streams) return [];
  const streams = p.load.streams;
  const counts = p.streams;
  const offeredSum = counts.reduce((sum, c) => sum + c.offered, 0);
  const seconds = phaseOffered > 0 && offeredSum > 0 ? offeredSum / phaseOffered : p.durationMs / 1000;
  const rate = (n: number) => (seconds > 0 ? formatRate(n / seconds) : "–");
  const requests = new Set(requestEvents(result));
  return streams.map((s, i) => {
    const c = counts[i] ?? { offered: 0, published: 0 };
    const names = new Set(s.mix.map((m) => m.event));
    const perEvent = result.counts.filter((x) => x.phase === p.name && x.event !== undefined && names.has(x.event));
    // A run of one event type has no per-event slices: its one stream is the whole phase.
    const mine = perEvent.length > 0 || streams.length > 1
      ? perEvent
      : result.counts.filter((x) => x.phase === p.name && x.event === undefined);
    const sum = (key: "delivered" | "persisted" | "published", of = mine) => of.reduce((n, x) => n + x[key], 0);
    const cells = [rate(c.offered), rate(c.published), rate(sum("delivered")), rate(sum("persisted"))];
    if (withRequests) {
      // Its requests' replies (a request's delivery is its reply), out of the requests it sent.
      const asked = perEvent.filter((x) => x.event !== undefined && requests.has(x.event));
      cells.push(asked.length > 0 ? `${rate(sum("delivered", asked))} of ${rate(sum("published", asked))}` : "–");
    }
    cells.push(c.offered > 0 ? formatPercent((c.published / c.offered) * 100) : "–");
    return { kind: "stream", label: `· stream ${describeStream(s)}`, cells };
  });
}
