/**
 * Report sections about the system around the load: faults and recovery, resource usage and CPU cost, micro
 * benchmarks, the environment, and how to reproduce the run.
 * @module
 */
import { findMetric } from "../result/find.ts";
import type { RunResult } from "../result/types.ts";
import { formatMicros, formatOffset, formatPercent } from "../format/units.ts";
import { code, escapeMd, mdTable } from "../format/markdown-table.ts";
import { RESOURCES_NOTE, resourcesModel } from "./tables.ts";

/** Faults with their recovery and losses, then the timeline metrics (recovery, reconnect, burst drain). */
export function faultsSection(result: RunResult): string {
  const parts: string[] = [];
  if (result.faults.length > 0) {
    const rows = result.faults.map((f) => [
      code(f.action),
      formatOffset(f.atMs),
      f.endMs !== undefined ? formatOffset(f.endMs) : "–",
      f.recoveryMs !== undefined ? formatMicros(f.recoveryMs * 1000) : "not seen",
      f.lost !== undefined ? String(f.lost) : "–",
      f.note ? escapeMd(f.note) : "",
    ]);
    parts.push(mdTable(["fault", "at", "until", "recovery", "events lost", "note"], rows, [
      "left",
      "right",
      "right",
      "right",
      "right",
      "left",
    ]));
  }
  const items: string[] = [];
  const recovery = findMetric(result, "recovery.time", {})?.value;
  if (recovery !== undefined) {
    items.push(`- Longest recovery (fault end → first event persisted): ${formatMicros(recovery)}`);
  }
  const reconnect = findMetric(result, "nats.reconnect", {})?.value;
  if (reconnect !== undefined) items.push(`- Longest NATS reconnect: ${formatMicros(reconnect)}`);
  for (const e of result.metrics.filter((m) => m.metric === "burst.drain" && m.value !== undefined)) {
    items.push(
      `- Burst ${e.phase ? code(e.phase) : ""} drained (first send → all persisted) in ${formatMicros(e.value!)}`,
    );
  }
  if (items.length > 0) parts.push(items.join("\n"));
  return parts.join("\n\n");
}

/** Per-process CPU and memory statistics, memory growth, and the CPU cost figures. */
export function resourcesSection(result: RunResult): string {
  const parts: string[] = [];
  const model = resourcesModel(result);
  if (model) {
    parts.push(mdTable(model.header, model.rows.map((r) => [escapeMd(r.label), ...r.cells])), RESOURCES_NOTE);
  }
  const items: string[] = [];
  const costAll = findMetric(result, "cost.cpu", {})?.value;
  if (costAll !== undefined) {
    const perPhase = result.metrics
      .filter((m) => m.metric === "cost.cpu" && m.phase !== undefined && m.value !== undefined)
      .map((m) => `${escapeMd(m.phase!)} ${formatMicros(m.value!)}`);
    items.push(
      `- CPU per 1000 events (all processes): ${formatMicros(costAll)}${
        perPhase.length ? ` (${perPhase.join(", ")})` : ""
      }`,
    );
  }
  const overCpu = findMetric(result, "overhead.cpu", {})?.value;
  if (overCpu !== undefined) {
    items.push(`- CPU overhead of the NATS path over direct writes: ${formatPercent(overCpu)}`);
  }
  const overMem = findMetric(result, "overhead.memory", {})?.value;
  if (overMem !== undefined) {
    items.push(`- Memory overhead of the NATS path over direct writes: ${formatPercent(overMem)}`);
  }
  if (items.length > 0) parts.push(items.join("\n"));
  return parts.join("\n\n");
}

/** The micro benchmark table (mitata figures). */
export function microSection(result: RunResult): string {
  if (result.micro.length === 0) return "";
  const ns = (v: number) => formatMicros(v / 1000);
  const rows = result.micro.map((m) => [
    code(m.name),
    escapeMd(m.op),
    escapeMd(m.event),
    ns(m.avgNs),
    ns(m.p50Ns),
    ns(m.p99Ns),
    ns(m.minNs),
    ns(m.maxNs),
    String(m.samples),
  ]);
  return mdTable(["bench", "op", "event", "avg", "p50", "p99", "min", "max", "samples"], rows, [
    "left",
    "left",
    "left",
  ]);
}

/** How the kinds without a source of their own read. */
const KIND_TEXT: Readonly<Record<string, string>> = {
  none: "none: not confirmed, completed on delivery",
  reply: "by its reply",
};

/** One row per confirmation source: which event types, and how (with the resolution of a polled source). */
function confirmationRows(result: RunResult): [string, string][] {
  return (result.confirmation ?? []).map((c) => {
    const how = KIND_TEXT[c.kind] ?? escapeMd(c.source);
    const resolution = c.resolutionUs !== undefined ? `, resolution ${formatMicros(c.resolutionUs)}` : "";
    return [`confirmation of ${c.events.map((e) => code(e)).join(", ")}`, `${how}${resolution}`];
  });
}

/** Where the run happened: runtime, machine, NATS, service, busmark. */
export function environmentSection(result: RunResult): string {
  const env = result.environment;
  const svc = result.service;
  const rows: [string, string][] = [
    ["runtime", `${env.runtime} ${escapeMd(env.runtimeVersion)}`],
    ["OS", escapeMd(env.os)],
    ["CPU", `${escapeMd(env.cpuModel)} × ${env.cpus}`],
    ["nats-server", `${escapeMd(env.natsServerVersion || "unknown")}${result.target.embedded ? " (embedded)" : ""}`],
    ["NATS URL", code(result.target.url)],
    [
      "service",
      `${svc.kind}, prefix ${code(svc.prefix)}${svc.jetstream ? ", JetStream" : ""}${
        // Results from before per-event confirmation carry only the service-wide way.
        result.confirmation ? "" : `, persistence confirmed by ${svc.confirm}`}`,
    ],
    ...confirmationRows(result),
  ];
  if (svc.command) rows.push(["service command", code(svc.command)]);
  if (result.serviceFiles?.length) {
    rows.push(["service files", result.serviceFiles.map((f) => `[${escapeMd(f)}](${encodeURI(f)})`).join(", ")]);
  }
  rows.push(["busmark", escapeMd(env.busmarkVersion)]);
  if (env.gitCommit) rows.push(["git commit", code(env.gitCommit)]);
  if (env.hostname) rows.push(["host", escapeMd(env.hostname)]);
  rows.push(
    ["scenario file", code(result.scenario.file)],
    ["scenario hash", code(result.scenario.hash)],
    ["seed", String(result.scenario.seed)],
    ["started / ended", `${escapeMd(result.startedAt)} / ${escapeMd(result.endedAt)}`],
  );
  return mdTable(["property", "value"], rows, ["left", "left"]);
}

/** The command that reproduces the run (from its `reproduce:` note) and any other notes. */
export function reproduceSection(result: RunResult): string {
  const parts: string[] = [];
  const reproduce = result.notes.find((n) => n.startsWith("reproduce: "));
  const command = reproduce?.slice("reproduce: ".length) ??
    `busmark run ${result.scenario.name}${result.scenario.quick ? " --quick" : ""} --seed ${result.scenario.seed}`;
  parts.push("```sh", command, "```");
  const others = result.notes.filter((n) => n !== reproduce);
  if (others.length > 0) parts.push("", ...others.map((n) => `- ${escapeMd(n)}`));
  return parts.join("\n");
}
