/**
 * The concise summary printed after a run: what was sent and what became of it, the headline latencies and
 * rates, and every threshold check with its observed value, then the verdict.
 * @module
 */
import type { RunResult, ThresholdCheck } from "../result/types.ts";
import { textTable } from "../format/table.ts";
import { formatRateShort, formatUs, SUMMARY_UNITS } from "../format/units.ts";
import { formatObserved } from "../format/growth.ts";
import { ExitCode } from "../exit-codes.ts";
import { type SplitRates, splitRates } from "../result/rates.ts";

/**
 * The throughput line. When some events sent are not meant to be persisted (requests, fire-and-forget events) the
 * persisted rate is shown against the rate sent to be persisted and requests as replied/s, so a mix with requests
 * does not read as a service falling behind.
 */
export function throughputLine(r: SplitRates): string {
  const head = `throughput: offered ${formatRateShort(r.offered ?? 0)}, achieved ${formatRateShort(r.achieved)}`;
  if (r.allPersist) return `${head}, persisted ${formatRateShort(r.persisted)}`;
  const parts = [head];
  if (r.toPersist > 0) {
    parts.push(`persisted ${formatRateShort(r.persisted)} of ${formatRateShort(r.toPersist)} sent to be persisted`);
  }
  if (r.requests > 0) {
    parts.push(`replied ${formatRateShort(r.replied)} of ${formatRateShort(r.requests)} requests (never persisted)`);
  }
  return parts.join("; ");
}

/** Why an insufficient check is unsure, in a word or three. */
function unsureWord(c: ThresholdCheck): string {
  if (c.side === "b-vs-a") return "interval straddles the bound";
  return c.windowS !== undefined ? "not resolvable" : "too few samples";
}

/** Renders the end-of-run summary. */
export function renderSummary(result: RunResult, reportDir?: string): string {
  const overall = result.counts.find((c) => c.event === undefined && c.phase === undefined);
  const metric = (name: string) =>
    result.metrics.find((m) =>
      m.metric === name && m.event === undefined && m.phase === undefined && m.bench === undefined
    );
  const lines: string[] = [];
  lines.push(`\n${result.scenario.name}${result.scenario.quick ? " (quick)" : ""} — run ${result.runId}`);
  if (overall) {
    lines.push(
      `events: published ${overall.published}, delivered ${overall.delivered}, persisted ${overall.persisted}, lost ${overall.lost}` +
        (overall.unsettled ? `, unsettled ${overall.unsettled}` : "") +
        `, duplicated ${overall.duplicated}, invalid ${overall.invalid}` +
        (overall.publishErrors ? `, publish errors ${overall.publishErrors}` : "") +
        (overall.requestErrors || overall.requestTimeouts
          ? `, request errors ${overall.requestErrors}, timeouts ${overall.requestTimeouts}`
          : "") +
        (overall.checksFailed !== undefined
          ? `, replies failing their checks ${overall.checksFailed} of ${
            overall.checksFailed + (overall.checksPassed ?? 0)
          }`
          : ""),
    );
  }
  const confirmation = result.confirmation ?? [];
  if (confirmation.some((c) => c.kind !== "reply")) {
    const how = (c: (typeof confirmation)[number]) =>
      c.kind === "none" ? "not confirmed (completed on delivery)" : c.kind === "reply" ? "by reply" : `by ${c.source}`;
    lines.push(`confirmation: ${confirmation.map((c) => `${c.events.join(", ")} ${how(c)}`).join("; ")}`);
  }
  const firstFailure = result.replyFailures?.[0];
  if (firstFailure) {
    lines.push(`first failing reply (${firstFailure.event}, phase ${firstFailure.phase}): ${firstFailure.reason}`);
  }
  const latencyRows: string[][] = [["latency", "count", "avg", "p50", "p95", "p99", "p99.9", "max"]];
  for (const name of ["latency.persisted", "latency.delivered", "latency.request", "latency.schedule"]) {
    const s = metric(name)?.summary;
    if (!s) continue;
    latencyRows.push([name, String(s.count), ...[s.avg, s.p50, s.p95, s.p99, s.p999, s.max].map(formatUs)]);
  }
  if (latencyRows.length > 1) lines.push("", textTable(latencyRows));
  const rates = splitRates(result);
  if (rates?.offered !== undefined) lines.push("", throughputLine(rates));
  for (const f of result.faults) {
    lines.push(
      `fault ${f.action} at ${(f.atMs / 1000).toFixed(1)}s: ${
        f.recoveryMs !== undefined ? `recovered in ${f.recoveryMs.toFixed(0)} ms` : "no recovery seen"
      }, lost ${f.lost ?? 0}${f.note ? ` (${f.note})` : ""}`,
    );
  }
  if (result.ab) {
    lines.push(
      "",
      `A/B: B (${result.ab.b}) against A (${result.ab.a}), ${result.ab.rounds} interleaved round(s) each; ` +
        `figures above are B's${reportDir ? `; analysis in ${reportDir}/ab.txt` : ""}`,
    );
  }
  if (result.checks.length > 0) {
    const rows = [["threshold", "condition", "observed", "result"]];
    for (const c of result.checks) {
      rows.push([
        c.key,
        c.condition,
        formatObserved(c, SUMMARY_UNITS),
        (c.pass ? "pass" : `FAIL${c.reason ? ` (${c.reason})` : ""}`) +
        (c.resolution === "insufficient" ? ` (${unsureWord(c)})` : ""),
      ]);
    }
    lines.push("", textTable(rows));
    for (const c of result.checks.filter((x) => x.resolution === "insufficient")) {
      lines.push(`unsure: ${c.key} ${c.condition}: ${c.resolutionReason}`);
    }
  }
  for (const reason of result.invalidReasons) lines.push(`invalid run (exit ${ExitCode.InvalidRun}): ${reason}`);
  lines.push("", `verdict: ${result.verdict.toUpperCase()}${reportDir ? `   report: ${reportDir}` : ""}`, "");
  return lines.join("\n");
}
