import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Histogram } from "../../src/metrics/histogram.ts";
import { CHART_FILES, planCharts, renderCharts } from "../../src/report/charts/render.ts";
import { percentileCurve, summaryCurve } from "../../src/report/charts/percentiles.ts";
import { decades, faultBands, phaseBands, timeDomain, timelineChartSpec } from "../../src/report/charts/timeline.ts";
import { renderVegaLite } from "../../src/report/charts/vega.ts";
import type { RunResult } from "../../src/result/types.ts";
import { fixture } from "../support/results.ts";
import { threshold } from "../support/scenario.ts";
import { parseXml } from "../support/xml.ts";

/** Every element of a parsed XML tree (depth first). */
function elements(node: unknown, name: string, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) {
    for (const n of node) elements(n, name, out);
  } else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === name) {
        for (const e of Array.isArray(v) ? v : [v]) {
          if (typeof e === "object" && e !== null) out.push(e as Record<string, unknown>);
        }
      }
      elements(v, name, out);
    }
  }
  return out;
}

/** The line paths of an SVG: `aria-label` (first datum of the series) and number of points (path commands). */
function lines(svg: string): { label: string; points: number }[] {
  const doc = parseXml(svg);
  return elements(doc, "path")
    .filter((p) => p["@_aria-roledescription"] === "line mark")
    .map((p) => ({ label: String(p["@_aria-label"]), points: (String(p["@_d"]).match(/[MLC]/g) ?? []).length }));
}

/** The threshold lines of an SVG (rules dashed 6,4): their `aria-label` (`ms: 50`) and stroke colour. */
function rules(svg: string): { label: string; stroke: string }[] {
  return elements(parseXml(svg), "line")
    .filter((l) => l["@_aria-roledescription"] === "rule mark" && l["@_stroke-dasharray"] === "6,4")
    .map((l) => ({ label: String(l["@_aria-label"]), stroke: String(l["@_stroke"]) }));
}

type Rate = { t: number; series: string; rate: number };

type Panels = { vconcat: { layer: { mark?: { type?: string }; data?: { values: Rate[] } }[] }[] };

/** The data of the timeline's rate panel (its line layer). */
function ratesOf(spec: Panels): Rate[] {
  return spec.vconcat[1]!.layer.find((l) => l.mark?.type === "line")!.data!.values;
}

/** Every text node of an SVG. */
function texts(svg: string): string[] {
  return elements(parseXml(svg), "text").map((t) => String(t["#text"] ?? ""));
}

async function chartsOf(r: RunResult): Promise<Map<string, string>> {
  return new Map((await renderCharts(planCharts(r))).map((c) => [c.file, c.svg]));
}

describe("charts", () => {
  it("renders the three charts of a full result as well-formed SVG", async () => {
    const charts = await chartsOf(fixture("report-fixture"));
    assert.deepEqual([...charts.keys()], [CHART_FILES.percentiles, CHART_FILES.timeline, CHART_FILES.resources]);
    for (const [file, svg] of charts) {
      assert.match(svg, /^<svg /, file);
      parseXml(svg);
    }
  });

  it("draws one percentile curve per latency metric, with every point of its data", async () => {
    const r = fixture("report-fixture");
    const svg = (await chartsOf(r)).get(CHART_FILES.percentiles)!;
    const drawn = lines(svg);
    for (const metric of ["latency.persisted", "latency.delivered", "latency.request", "latency.schedule"]) {
      const entry = r.metrics.find((m) => m.metric === metric && !m.event && !m.phase)!;
      const expected = percentileCurve(metric, Histogram.decode(entry.histogram!)).length;
      const line = drawn.find((l) => l.label.includes(`series: ${metric}`));
      assert.ok(line, `a line for ${metric} in ${drawn.map((l) => l.label).join(" | ")}`);
      assert.equal(line.points, expected, `${metric}: every percentile point is drawn`);
    }
    const labels = texts(svg);
    for (const tick of ["50%", "90%", "99%", "99.9%"]) {
      assert.ok(labels.includes(tick), `tick ${tick} in ${labels.join(",")}`);
    }
  });

  it("draws latency and rate per second with the phases and faults marked", async () => {
    const r = fixture("report-fixture");
    const svg = (await chartsOf(r)).get(CHART_FILES.timeline)!;
    const drawn = lines(svg);
    const withLatency = r.timeseries.filter((p) => p.max > 0).length;
    for (const s of ["p50", "p99", "max"]) {
      const line = drawn.find((l) => l.label.includes(`series: ${s}`));
      assert.equal(line?.points, withLatency, `latency series ${s}`);
    }
    for (const s of ["offered", "sent", "delivered", "persisted"]) {
      const line = drawn.find((l) => l.label.includes(`series: ${s}`));
      assert.equal(line?.points, r.timeseries.length, `rate series ${s}`);
    }
    const labels = texts(svg);
    for (const p of r.phases) assert.ok(labels.includes(p.name), `phase ${p.name} is labelled`);
    assert.ok(labels.includes("kill"), "the fault is labelled");
  });

  it("draws CPU and RSS of each sampled process", async () => {
    const r = fixture("report-fixture");
    const svg = (await chartsOf(r)).get(CHART_FILES.resources)!;
    const drawn = lines(svg);
    for (const [p, label] of [["service", "service"], ["nats", "nats-server"], ["busmark", "busmark"]] as const) {
      const n = r.resources[p]!.samples.length;
      const series = drawn.filter((l) => l.label.includes(`series: ${label}`));
      assert.equal(series.length, 2, `${label}: a CPU line and an RSS line`);
      for (const s of series) assert.equal(s.points, n);
    }
  });

  it("draws the thresholds each chart's figures are judged by, red when failed, as labelled lines", async () => {
    const r = fixture("report-fixture");
    const charts = await chartsOf(r);
    const percentiles = charts.get(CHART_FILES.percentiles)!;
    assert.deepEqual(rules(percentiles), [
      { label: "ms: 50", stroke: "#555555" },
      { label: "ms: 200", stroke: "#555555" },
      { label: "ms: 500", stroke: "#555555" },
      { label: "ms: 1", stroke: "#d62728" },
    ]);
    for (
      const t of [
        "latency.persisted avg < 50ms",
        "latency.persisted{event: chat} p99 < 1ms",
        "latency.request p99 < 500ms",
      ]
    ) {
      assert.ok(texts(percentiles).includes(t), t);
    }
    const timeline = charts.get(CHART_FILES.timeline)!;
    assert.ok(texts(timeline).includes("latency.persisted p95 < 200ms"));
    assert.ok(texts(timeline).includes("throughput.achieved >= 100/s"), "the rate budget on the rate panel");
    assert.ok(!texts(timeline).includes("latency.request p99 < 500ms"), "request latency is not the series drawn");
    assert.ok(rules(timeline).some((x) => x.label === "rate: 100"));
    // A bound far above the figures is named, not drawn; CPU and memory budgets go on the resource chart.
    r.scenario.normalized.thresholds.push(
      threshold("latency.persisted", [{ stat: { kind: "max" }, op: "<", value: 60_000_000, unit: "s" }]),
      threshold("service.cpu", [{ stat: { kind: "avg" }, op: "<", value: 40, unit: "%" }]),
      threshold("service.memory", [{ stat: { kind: "max" }, op: "<", value: 100e6, unit: "MB" }]),
    );
    const more = await chartsOf(r);
    const far = more.get(CHART_FILES.percentiles)!;
    assert.ok(texts(far).includes("above the chart: latency.persisted max < 60000000s"), texts(far).join(" | "));
    assert.equal(rules(far).length, 4, "the far bound is not drawn");
    const resources = more.get(CHART_FILES.resources)!;
    assert.deepEqual(rules(resources).map((x) => x.label), ["cpu: 40", "mb: 100"]);
  });

  it("draws replies of requests as a series of their own, apart from persisted", async () => {
    const r = fixture("report-fixture");
    assert.ok(!lines((await chartsOf(r)).get(CHART_FILES.timeline)!).some((l) => l.label.includes("series: replied")));
    r.timeseries.forEach((p, i) => (p.replied = 5 + i));
    const drawn = lines((await chartsOf(r)).get(CHART_FILES.timeline)!);
    assert.equal(drawn.find((l) => l.label.includes("series: replied"))?.points, r.timeseries.length);
  });

  it("draws a partial last second as its rate scaled to a whole second, marked, not as a drop", async () => {
    const r = fixture("report-fixture");
    const last = r.timeseries.at(-1)!;
    const whole = timelineChartSpec(r) as unknown as Panels;
    const before = ratesOf(whole).filter((v) => v.t === last.t + 0.5);
    last.span = 0.25;
    const spec = timelineChartSpec(r) as unknown as Panels;
    const after = ratesOf(spec).filter((v) => v.t === last.t + 0.125);
    assert.equal(after.length, before.length, "each series' last point sits in the middle of the covered quarter");
    for (const v of after) {
      const b = before.find((x) => x.series === v.series)!;
      assert.equal(v.rate, b.rate * 4, `${v.series}: its counts over 0.25 s, per second`);
    }
    const svg = await renderVegaLite(spec as never);
    assert.ok(texts(svg).includes("last 0.25 s: scaled to /s"), "the partial second is labelled");
    assert.equal(timeDomain(r)[1], Math.max(last.t + 0.25, ...r.phases.map((p) => (p.startMs + p.durationMs) / 1000)));
  });

  it("leaves out charts that have no data", () => {
    const r = fixture("single-event-latency");
    r.timeseries = [];
    r.resources = {};
    assert.deepEqual(planCharts(r).map((c) => c.file), [CHART_FILES.percentiles]);
    r.metrics = [];
    assert.deepEqual(planCharts(r), []);
  });

  it("builds percentile curves that rise to the maximum, and summary curves without a histogram", () => {
    const h = new Histogram();
    for (let i = 1; i <= 1000; i++) h.record(i * 10);
    const curve = percentileCurve("x", h);
    assert.equal(curve[0]!.x, 1);
    assert.equal(curve.at(-1)!.ms, h.max / 1000);
    for (let i = 1; i < curve.length; i++) {
      assert.ok(curve[i]!.ms >= curve[i - 1]!.ms, "non-decreasing");
      assert.ok(curve[i]!.x >= curve[i - 1]!.x);
    }
    assert.ok(curve.at(-2)!.x <= 1000);
    assert.deepEqual(percentileCurve("x", new Histogram()), []);
    const s = h.summary();
    const sc = summaryCurve("x", s);
    assert.equal(sc.length, 7);
    assert.equal(sc[1]!.ms, s.p50 / 1000);
    assert.deepEqual(summaryCurve("x", { ...s, count: 0 }), []);
  });

  it("uses a summary's points when the histogram is missing or malformed", async () => {
    const r = fixture("single-event-latency");
    const e = r.metrics.find((m) => m.metric === "latency.persisted" && !m.phase)!;
    e.histogram = "bm90IGEgaGlzdG9ncmFt";
    r.timeseries = [];
    r.resources = {};
    const [chart] = await renderCharts(planCharts(r));
    const line = lines(chart!.svg).find((l) => l.label.includes("latency.persisted"));
    assert.equal(line?.points, 7);
  });

  it("computes bands, domains and log ticks", () => {
    const r = fixture("report-fixture");
    const bands = phaseBands(r);
    assert.deepEqual(
      bands.map((b) => [b.name, b.start, b.end]),
      r.phases.map((p) => [p.name, p.startMs / 1000, (p.startMs + p.durationMs) / 1000]),
    );
    assert.equal(faultBands(r)[0]!.label, "kill");
    assert.equal(faultBands({ faults: [{ action: "kill", atMs: 1000 }] })[0]!.end, 1.05);
    assert.deepEqual(timeDomain({ phases: [], timeseries: [], durationMs: 0 }), [0, 1]);
    assert.deepEqual(decades([0.5, 40]), [0.1, 1, 10, 100]);
    assert.deepEqual(decades([]), [1]);
  });

  it("renders a Vega-Lite spec headless", async () => {
    const svg = await renderVegaLite({
      data: { values: [{ a: 1, b: 2 }] },
      mark: "point",
      encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } },
    });
    parseXml(svg);
    assert.match(svg, /<svg /);
  });
});
