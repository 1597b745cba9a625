/**
 * `node --import tsx bench/report-html.ts`: why report.html draws with uPlot. A 1 h soak's per-second series
 * (3600 points: p50/p99/max latency and five rates, plus CPU and memory of three processes) is rendered into
 *
 * 1. the real `report.html` (uPlot inline), and
 * 2. the same two time panels as a Vega-Lite spec embedded with vega-embed (vega, vega-lite and vega-embed inline,
 *    the canvas renderer, a tooltip and interval-zoom as report.html has),
 *
 * and each file is opened from disk in headless Chromium (Debian's `/usr/bin/chromium`, or CHROMIUM) five times.
 * Printed: the file size, and the time from the page's first script to the charts painted (median of five).
 * Writes into a temporary directory; needs no NATS.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { chromium } from "playwright-core";
import type { RunResult } from "../src/result/types.ts";
import { htmlAssets } from "../src/report/html/assets.ts";
import { renderReportHtml } from "../src/report/html/page.ts";
import { packageFilePath } from "../src/runtime/package-file.ts";

const SECONDS = 3600;
const RUNS = 5;
const base = JSON.parse(
  readFileSync(new URL("../tests/fixtures/results/single-event-latency.result.json", import.meta.url), "utf8"),
) as RunResult;

/** A deterministic pseudo-random sequence in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function soak(): RunResult {
  const r = random(7);
  const timeseries = Array.from({ length: SECONDS }, (_, t) => {
    const rate = 500 + Math.round(r() * 20);
    return {
      t,
      offered: 500,
      sent: rate,
      delivered: rate,
      persisted: rate - Math.round(r() * 3),
      errors: 0,
      p50: 600 + Math.round(r() * 100),
      p99: 3000 + Math.round(r() * 3000),
      max: 8000 + Math.round(r() * 20000),
    };
  });
  const samples = () =>
    Array.from({ length: SECONDS }, (_, t) => ({ t, cpu: 20 + r() * 10, rss: 9e7 + t * 1000 + r() * 1e6 }));
  return {
    ...base,
    durationMs: SECONDS * 1000,
    phases: [{
      name: "soak",
      kind: "steady",
      startMs: 0,
      durationMs: SECONDS * 1000,
      load: { kind: "rate", from: 500, to: 500 },
    }],
    timeseries,
    resources: { service: { samples: samples() }, nats: { samples: samples() }, busmark: { samples: samples() } },
  } as RunResult;
}

function vegaPage(result: RunResult): string {
  const rows = (fields: readonly string[], scale = 1) =>
    result.timeseries.flatMap((p) =>
      fields.map((f) => ({ t: p.t + 0.5, series: f, v: (p as unknown as Record<string, number>)[f]! / scale }))
    );
  const panel = (name: string, fields: readonly string[], scale = 1) => ({
    width: 1000,
    height: 260,
    data: { values: rows(fields, scale) },
    mark: { type: "line", tooltip: true },
    params: [{ name, select: "interval", bind: "scales" }],
    encoding: {
      x: { field: "t", type: "quantitative" },
      y: { field: "v", type: "quantitative" },
      color: { field: "series" },
    },
  });
  const spec = {
    vconcat: [
      panel("zl", ["p50", "p99", "max"], 1000),
      panel("zr", ["offered", "sent", "delivered", "persisted", "errors"]),
    ],
  };
  const lib = (pkg: string, file: string) => readFileSync(packageFilePath(pkg, file), "utf8");
  return `<!doctype html><html><head><meta charset="utf-8">
<script>${lib("vega", "build/vega.min.js")}</script>
<script>${lib("vega-lite", "build/vega-lite.min.js")}</script>
<script>${lib("vega-embed", "build/vega-embed.min.js")}</script></head><body><div id="c"></div><script>
const t0 = performance.now();
vegaEmbed("#c", ${JSON.stringify(spec)}, { renderer: "canvas", actions: false })
  .then(() => requestAnimationFrame(() => { document.body.dataset.renderMs = String(performance.now() - t0); }));
</script></body></html>`;
}

/** report.html with a marker: the time from its first script to the frame after the charts were built. */
function upPage(result: RunResult): string {
  const html = renderReportHtml(result, htmlAssets());
  return html.replace(
    '<script type="application/json" id="busmark-data">',
    '<script>globalThis.__t0 = performance.now();</script><script type="application/json" id="busmark-data">',
  ).replace(
    "</body>",
    "<script>requestAnimationFrame(() => { document.body.dataset.renderMs = String(performance.now() - globalThis.__t0); });</script></body>",
  );
}

const dir = mkdtempSync(join(tmpdir(), "busmark-bench-html-"));
const result = soak();
const pages = { "uPlot (report.html)": upPage(result), "vega-embed": vegaPage(result) };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox"],
});
try {
  for (const [name, html] of Object.entries(pages)) {
    const file = join(dir, `${name.replace(/\W+/g, "-")}.html`);
    writeFileSync(file, html);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`file://${file}`);
      await page.waitForFunction("document.body.dataset.renderMs !== undefined", null, { timeout: 120_000 });
      times.push(Number(await page.evaluate("document.body.dataset.renderMs")));
      await page.close();
    }
    times.sort((a, b) => a - b);
    const kb = (Buffer.byteLength(html) / 1024).toFixed(0);
    console.log(
      `${name}: ${kb} KiB, render median ${times[RUNS >> 1]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${
        times[RUNS - 1]!.toFixed(0)
      })`,
    );
  }
} finally {
  await browser.close();
}
console.log(`pages in ${dir}`);
