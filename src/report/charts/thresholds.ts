/**
 * Threshold lines: the budgets a chart's figures are judged against, drawn on it as labelled horizontal rules
 * (`latency.persisted p95 < 10ms` at 10 ms on the latency charts, `throughput.achieved >= 100/s` on the rate
 * panel, CPU and memory budgets on the resource chart). A failed budget is red, a met one grey. A bound far above
 * the figures (more than {@link HEADROOM} times their maximum) would flatten them into the axis, so it is named in a
 * note at the top of the chart instead of drawn.
 * @module
 */
import type { RunResult } from "../../result/types.ts";
import type { Stat } from "../../scenario/types.ts";

/** How far above the figures' maximum a bound is still drawn as a line. */
export const HEADROOM = 3;

/** One budget on a chart: its label, its bound in the chart's unit, and whether it was met. */
export interface ThresholdLine {
  label: string;
  value: number;
  pass: boolean;
}

type Layer = Record<string, unknown>;

/**
 * The budgets of a result that `accept` takes (by metric and statistic), their bounds converted by `scale` from the
 * canonical unit into the chart's (e.g. µs → ms). A budget's pass comes from its check (a condition never judged
 * counts as met).
 */
export function thresholdLines(
  result: Partial<Pick<RunResult, "scenario" | "checks">>,
  accept: (metric: string, stat: Stat) => boolean,
  scale: (value: number) => number = (v) => v,
): ThresholdLine[] {
  const out: ThresholdLine[] = [];
  for (const t of result.scenario?.normalized?.thresholds ?? []) {
    for (const c of t.conditions) {
      if (!accept(t.metric, c.stat)) continue;
      const check = result.checks?.find((k) => k.key === t.key && k.condition === c.text);
      out.push({ label: `${t.key} ${c.text}`, value: scale(c.value), pass: check?.pass ?? true });
    }
  }
  return out;
}

/** The colour of a budget line: red when failed, grey when met. */
function colour(pass: boolean): string {
  return pass ? "#555555" : "#d62728";
}

/**
 * Layers drawing `lines` on a panel whose y field is `yField` and whose figures reach `top`: a dashed rule and a
 * right-aligned label per line, and one note (at the top, or the bottom with `height`) naming the bounds too far
 * above to draw. `positive` drops bounds a log scale cannot place (≤ 0).
 */
export function thresholdLayers(
  lines: readonly ThresholdLine[],
  yField: string,
  opts: { top: number; width: number; height?: number; positive?: boolean },
): Layer[] {
  const usable = lines.filter((l) => Number.isFinite(l.value) && (!opts.positive || l.value > 0));
  const limit = opts.top > 0 ? opts.top * HEADROOM : Infinity;
  const drawn = usable.filter((l) => l.value <= limit);
  const above = usable.filter((l) => l.value > limit);
  const layers: Layer[] = [];
  for (const pass of [true, false]) {
    const values = drawn.filter((l) => l.pass === pass).map((l) => ({ [yField]: l.value, label: l.label }));
    if (values.length === 0) continue;
    layers.push({
      data: { values },
      mark: { type: "rule", color: colour(pass), strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: yField, type: "quantitative" } },
    });
    layers.push({
      data: { values },
      mark: { type: "text", align: "right", baseline: "bottom", dx: -4, dy: -2, fontSize: 10, color: colour(pass) },
      encoding: { x: { value: opts.width }, y: { field: yField, type: "quantitative" }, text: { field: "label" } },
    });
  }
  if (above.length > 0) {
    layers.push({
      data: { values: [{ note: `above the chart: ${above.map((l) => l.label).join(", ")}` }] },
      mark: {
        type: "text",
        align: "right",
        baseline: opts.height === undefined ? "top" : "bottom",
        dx: -4,
        fontSize: 10,
        color: "#555555",
      },
      encoding: {
        x: { value: opts.width },
        y: { value: opts.height === undefined ? 4 : opts.height - 4 },
        text: { field: "note" },
      },
    });
  }
  return layers;
}
