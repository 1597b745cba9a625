/**
 * The resource chart: CPU (percent of one core) and resident memory (MB) of the service, nats-server and busmark
 * over the run, with phases and faults marked.
 * @module
 */
import type { ResourceProcess, RunResult } from "../../result/types.ts";
import { faultBands, phaseBands, timeDomain, timePanel } from "./timeline.ts";
import { thresholdLines } from "./thresholds.ts";
import { asChartSpec, CHART_CONFIG, type ChartSpec } from "./vega.ts";

/** The processes in legend order, and the label each gets. */
export const PROCESS_LABELS: Readonly<Record<ResourceProcess, string>> = {
  service: "service",
  nats: "nats-server",
  busmark: "busmark",
};

/** The CPU/RSS chart; undefined when no process was sampled. */
export function resourceChartSpec(
  result:
    & Pick<RunResult, "phases" | "faults" | "timeseries" | "durationMs" | "resources">
    & Partial<Pick<RunResult, "scenario" | "checks">>,
): ChartSpec | undefined {
  const names = (Object.keys(PROCESS_LABELS) as ResourceProcess[]).filter((p) =>
    (result.resources[p]?.samples.length ?? 0) > 0
  );
  if (names.length === 0) return undefined;
  const cpu: Record<string, unknown>[] = [];
  const rss: Record<string, unknown>[] = [];
  let lastT = 0;
  for (const p of names) {
    const series = PROCESS_LABELS[p];
    for (const s of result.resources[p]!.samples) {
      cpu.push({ t: s.t, series, cpu: s.cpu });
      rss.push({ t: s.t, series, mb: s.rss / 1e6 });
      lastT = Math.max(lastT, s.t);
    }
  }
  const [from, to] = timeDomain(result);
  const domain: [number, number] = [from, Math.max(to, Math.ceil(lastT))];
  const phases = phaseBands(result);
  const faults = faultBands(result);
  const series = names.map((p) => PROCESS_LABELS[p]);
  return asChartSpec({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CHART_CONFIG,
    title: "CPU and memory over time",
    vconcat: [
      timePanel({
        title: "CPU (% of one core)",
        values: cpu,
        yField: "cpu",
        yTitle: "CPU %",
        series,
        domain,
        phases,
        faults,
        labels: true,
        thresholds: thresholdLines(result, (m) => names.some((p) => m === `${p}.cpu`)),
      }),
      timePanel({
        title: "resident memory (MB)",
        values: rss,
        yField: "mb",
        yTitle: "RSS (MB)",
        series,
        domain,
        phases,
        faults,
        labels: false,
        yScale: { zero: false },
        thresholds: thresholdLines(result, (m) => names.some((p) => m === `${p}.memory`), (b) => b / 1e6),
      }),
    ],
  });
}
