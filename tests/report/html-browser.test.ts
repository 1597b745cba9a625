/**
 * report.html in a real browser: a short real run (the bundled `single-event-latency --quick` against the NATS on
 * 127.0.0.1:4222 with the reference service) writes its report, which headless Chromium (Debian's `chromium`,
 * driven by playwright-core) opens from file://. The test reads the verdict, hovers a point of the latency chart
 * and checks the tooltip against the result's series, toggles a series from the legend, zooms the time axis, and
 * saves a screenshot (`BUSMARK_SCREENSHOT_DIR`, default `reports/screenshots/report-html.png`) for CI to keep.
 *
 * Skipped only when no Chromium is installed outside CI; in CI (`CI` set) a missing browser fails the test.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { runCommand } from "../../src/cli/commands/run.ts";
import type { RunResult } from "../../src/result/types.ts";
import { verdictSentence } from "../../src/report/markdown-summary.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const IN_CI = Boolean(process.env.CI);
const skip = !existsSync(CHROMIUM) && !IN_CI
  ? `no Chromium at ${CHROMIUM} (install Debian's \`chromium\` or set CHROMIUM_PATH; CI installs it and never skips)`
  : false;
const SCREENSHOT_DIR = process.env.BUSMARK_SCREENSHOT_DIR ??
  fileURLToPath(new URL("../../reports/screenshots/", import.meta.url));

const root = mkdtempSync(join(tmpdir(), "busmark-html-browser-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** Runs the scenario for real and returns its report directory and result. */
async function realRun(): Promise<{ dir: string; result: RunResult }> {
  const out = `${root}/out`;
  const code = await runCommand.run(["single-event-latency", "--quick", "--quiet", "--out", out]);
  assert.ok(code === 0 || code === 1, `busmark run exited ${code}`);
  const [runId] = readdirSync(`${out}/single-event-latency`);
  const dir = `${out}/single-event-latency/${runId}`;
  return { dir, result: JSON.parse(readFileSync(`${dir}/result.json`, "utf8")) as RunResult };
}

/** In-page: the viewport position of point `idx` of series `series` of chart `id`. */
const POINT_POSITION = `(([id, series, idx]) => {
  const u = globalThis.busmarkCharts[id];
  const box = u.over.getBoundingClientRect();
  return { x: box.left + u.valToPos(u.data[0][idx], "x"), y: box.top + u.valToPos(u.data[series][idx], "y") };
})`;

describe("report.html in headless Chromium", { skip }, () => {
  it("shows the verdict, a hovered point's value, toggles a series, zooms, and is screenshotted", async () => {
    assert.ok(existsSync(CHROMIUM), `Chromium is required in CI: none at ${CHROMIUM}`);
    const { dir, result } = await realRun();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.route(/^(?!file:)/, (route) => {
        errors.push(`network request: ${route.request().url()}`);
        return route.abort();
      });
      await page.goto(pathToFileURL(`${dir}/report.html`).href);
      await page.waitForSelector("body[data-charts-ready]");

      const word = { pass: "PASS", fail: "FAIL", invalid: "INVALID", interrupted: "INTERRUPTED" }[result.verdict];
      assert.equal((await page.textContent("#verdict"))?.trim(), `${word}: ${verdictSentence(result)}`);

      // Hover the p99 point of the busiest second and read the tooltip.
      const rows = result.timeseries;
      const idx = rows.reduce((best, p, i) => (p.max > 0 && p.delivered > rows[best]!.delivered ? i : best), 0);
      assert.ok(rows[idx]!.max > 0, "the run recorded latency");
      const p99Series = 2; // x, p50, p99, max
      await page.locator("#chart-latency").scrollIntoViewIfNeeded();
      const at = await page.evaluate(`${POINT_POSITION}(["latency", ${p99Series}, ${idx}])`) as {
        x: number;
        y: number;
      };
      await page.mouse.move(at.x, at.y);
      const tip = page.locator("#chart-latency .bm-tooltip");
      await tip.waitFor({ state: "visible" });
      const t = rows[idx]!.t;
      assert.match((await tip.textContent()) ?? "", new RegExp(`^second ${t}–${t + 1} s`));
      const shown = Number(await tip.locator('[data-series="p99"]').getAttribute("data-value"));
      const expected = rows[idx]!.p99 / 1000;
      assert.ok(Math.abs(shown - expected) <= expected * 1e-3, `tooltip p99 ${shown} ms, result ${expected} ms`);
      assert.match((await tip.locator('[data-series="p99"]').textContent()) ?? "", /^p99: [\d.]+ (ms|µs|s)$/);

      // Hide p99 from the legend: the tooltip no longer lists it; show it again.
      const legend = page.locator("#chart-latency .u-legend .u-series", { hasText: "p99" });
      await legend.click();
      assert.match((await legend.getAttribute("class")) ?? "", /u-off/);
      await page.mouse.move(at.x + 1, at.y);
      await tip.waitFor({ state: "visible" });
      assert.equal(await tip.locator('[data-series="p99"]').count(), 0, "a hidden series is not in the tooltip");
      assert.ok(await tip.locator('[data-series="p50"]').count() === 1, "the others still are");
      await legend.click();
      assert.doesNotMatch((await legend.getAttribute("class")) ?? "", /u-off/);

      // Drag across the latency chart: it and the rate chart zoom to the same range.
      await page.locator("#chart-latency").scrollIntoViewIfNeeded();
      const box = (await page.locator("#chart-latency .u-over").boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      const xScales =
        `["latency", "rate"].map((id) => globalThis.busmarkCharts[id].scales.x).map((x) => [x.min, x.max])`;
      const zoomed = await page.evaluate(xScales) as [number, number][];
      const runEnd = Math.max(
        ...result.phases.map((p) => (p.startMs + p.durationMs) / 1000),
        rows[rows.length - 1]!.t + (rows[rows.length - 1]!.span ?? 1),
      );
      assert.ok(zoomed[0]![0] > 0 && zoomed[0]![1] < runEnd * 0.9, `zoomed to ${zoomed[0]}`);
      assert.deepEqual(zoomed[1], zoomed[0], "the rate chart follows the zoom");
      await page.dblclick("#chart-latency .u-over");
      const reset = await page.evaluate(xScales) as [number, number][];
      assert.deepEqual(reset, [[0, runEnd], [0, runEnd]], "a double-click shows the whole run again");
      await page.mouse.move(0, 0);

      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const shot = join(SCREENSHOT_DIR, "report-html.png");
      await page.screenshot({ path: shot, fullPage: true });
      assert.ok(readFileSync(shot).length > 10_000, "a real screenshot");
      assert.deepEqual(errors, [], "no script error and no network request");
    } finally {
      await browser.close();
    }
  });
});
