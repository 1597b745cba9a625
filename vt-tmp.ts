import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { planCharts, renderCharts } from "./src/report/charts/mod.ts";
for (const f of ["report-fixture", "single-event-latency"]) {
  const r = JSON.parse(readFileSync(`tests/fixtures/results/${f}.result.json`, "utf8"));
  const t0 = performance.now();
  const charts = await renderCharts(planCharts(r));
  console.log(f, charts.map((c) => [c.file, c.svg.length]), performance.now() - t0);
  mkdirSync(`/tmp/charts/${f}`, { recursive: true });
  for (const c of charts) writeFileSync(`/tmp/charts/${f}/${c.file}`, c.svg);
}
