/**
 * `busmark run --dashboard`: the flag, the server (real HTTP on 127.0.0.1, a real event stream), and a real run
 * watched from headless Chromium (skipped, as tests/report/html-browser.test.ts is, only without Chromium outside CI).
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { chromium } from "playwright-core";
import { runCommand } from "../../src/cli/commands/run.ts";
import { openDashboard, takeDashboardFlag } from "../../src/cli/dashboard.ts";
import { UsageError } from "../../src/errors.ts";
import type { LiveMessage } from "../../src/report/html/dashboard.ts";
import { redirectOutput } from "../../src/runtime/host.ts";
import { fixture } from "../support/results.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const noBrowser = !existsSync(CHROMIUM) && !process.env.CI && `no Chromium at ${CHROMIUM}`;
const root = mkdtempSync(join(tmpdir(), "busmark-dashboard-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** Reads server-sent events from `url` until `count` arrived (or 10 s passed). */
async function readEvents(url: string, count: number, onOpen?: () => void): Promise<LiveMessage[]> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  assert.equal(res.headers.get("content-type"), "text/event-stream");
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const out: LiveMessage[] = [];
  let buffer = "";
  onOpen?.();
  while (out.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split("\n").find((l) => l.startsWith("data: "));
      if (data) out.push(JSON.parse(data.slice(6)));
    }
  }
  await reader.cancel();
  return out;
}

function progress(elapsedS: number, p99Us: number | null) {
  return {
    type: "progress" as const,
    snapshot: {
      elapsedS,
      remainingS: 1,
      phase: "steady",
      warmup: false,
      offeredRate: 100.4,
      achievedRate: 99.6,
      published: 100,
      persisted: 98,
      pending: 2,
      lost: 0,
      p99Us,
      errors: 0,
    },
  };
}

describe("busmark run --dashboard", () => {
  it("takes the flag and its optional port out of the arguments", () => {
    assert.deepEqual(takeDashboardFlag(["s", "--quick"]), { args: ["s", "--quick"] });
    assert.deepEqual(takeDashboardFlag(["s", "--dashboard", "--quick"]), { args: ["s", "--quick"], port: 0 });
    assert.deepEqual(takeDashboardFlag(["--dashboard", "8123", "s"]), { args: ["s"], port: 8123 });
    assert.throws(() => takeDashboardFlag(["--dashboard", "70000"]), UsageError);
  });

  it("serves the page and streams every second so far, then each new one, then the verdict", async () => {
    const scenario = fixture("single-event-latency").scenario.normalized;
    const dash = await openDashboard(scenario, 0);
    try {
      const page = await fetch(dash.url);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<title>busmark live: single-event-latency \(quick\)<\/title>/);
      assert.match(html, /<script type="application\/json" id="busmark-live">/);
      assert.ok(!/<script[^>]+src=/i.test(html), "self-contained");
      assert.equal((await fetch(`${dash.url}nope`)).status, 404);
      dash.listener(progress(1.0004, 0));
      dash.listener({ type: "phase-end", phase: "steady", index: 1 });
      const events = await readEvents(`${dash.url}events`, 3, () => {
        setTimeout(() => {
          dash.listener(progress(2, 1500));
          dash.finish(fixture("single-event-latency"), "/tmp/r");
        }, 50);
      });
      assert.deepEqual(events.map((e) => e.type), ["tick", "tick", "done"], "replayed, then live");
      const [first, second, done] = events as [
        Extract<LiveMessage, { type: "tick" }>,
        Extract<LiveMessage, { type: "tick" }>,
        Extract<LiveMessage, { type: "done" }>,
      ];
      assert.deepEqual([first.tick.t, first.tick.p99Ms, first.tick.offered], [1, null, 100], "no 0 µs p99");
      assert.equal(second.tick.p99Ms, 1.5);
      assert.deepEqual([done.verdict, done.report], ["pass", "/tmp/r"]);
    } finally {
      await dash.close();
    }
  });

  it("shows a real run live in Chromium, then its verdict", { skip: noBrowser }, async () => {
    let announced = "";
    const restore = redirectOutput((t) => (announced += t), () => {});
    const run = runCommand.run(["single-event-latency", "--quick", "--quiet", "--out", `${root}/out`, "--dashboard"]);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox"] });
    try {
      const deadline = Date.now() + 20_000;
      while (!/dashboard: (\S+)/.test(announced) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const url = announced.match(/dashboard: (\S+)/)?.[1];
      assert.match(url ?? "", /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await browser.newPage();
      await page.goto(url!);
      await page.waitForFunction("globalThis.busmarkTicks && globalThis.busmarkTicks.length >= 2", null, {
        timeout: 20_000,
      });
      assert.match((await page.textContent("#live")) ?? "", /phase \S+ · published \d+/);
      await page.waitForSelector("body[data-done]", { timeout: 30_000 });
      assert.match((await page.textContent("#verdict")) ?? "", /^(PASS|FAIL): .* Report: .*single-event-latency/);
      const code = await run;
      assert.ok(code === 0 || code === 1, `exit ${code}`);
    } finally {
      await browser.close();
      restore();
      await run.catch(() => {});
    }
  });
});

describe("the live model", () => {
  it("draws latency and throughput thresholds, one label for lines at the same bound", async () => {
    const { liveModel } = await import("../../src/report/html/dashboard.ts");
    const m = liveModel(fixture("report-fixture").scenario.normalized);
    assert.deepEqual(m.phases.map((p) => p.name), ["warmup", "steady", "burst"]);
    assert.ok(m.thresholds.some((l) => l.chart === "rate" && l.value === 100));
    const model = liveModel({
      ...fixture("single-event-latency").scenario.normalized,
      thresholds: fixture("single-event-latency").scenario.normalized.thresholds.map((t) => ({
        ...t,
        conditions: t.conditions.filter((c) => c.text === "p95 < 10ms"),
      })).concat(
        fixture("single-event-latency").scenario.normalized.thresholds.slice(0, 1).map((t) => ({
          ...t,
          key: "latency.delivered",
          metric: "latency.delivered",
          conditions: t.conditions.filter((c) => c.text === "p95 < 10ms"),
        })),
      ),
    });
    assert.deepEqual(model.thresholds, [{
      chart: "latency",
      value: 10,
      label: "latency.persisted p95 < 10ms · latency.delivered p95 < 10ms",
    }]);
  });
});
