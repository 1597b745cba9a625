import assert from "node:assert/strict";
import { aggregateRepeats } from "../../src/aggregate/combine.ts";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  BENCHMARK_FILE,
  reportDir,
  writeRepeatReport,
  writeReportFiles,
  writeRunReport,
} from "../../src/report/write.ts";
import { validateResult } from "../../src/result/validate.ts";
import { fixture, syntheticSide } from "../support/results.ts";
import { parseXml } from "../support/xml.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-write-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("writing reports", () => {
  it("writes result.json, report.md, junit.xml and the charts beside each other", async () => {
    const r = fixture("report-fixture");
    const dir = await writeRunReport(r, `${root}/a`, { stepSummary: null });
    assert.equal(dir, reportDir(`${root}/a`, r));
    assert.equal(dir, `${root}/a/report-fixture/${r.runId}`);
    for (
      const f of [
        "result.json",
        "report.md",
        "report.html",
        "junit.xml",
        "latency-percentiles.svg",
        "latency-rate-timeline.svg",
        "resources.svg",
      ]
    ) {
      assert.ok(existsSync(`${dir}/${f}`), f);
    }
    assert.deepEqual(validateResult(JSON.parse(readFileSync(`${dir}/result.json`, "utf8"))), []);
    parseXml(readFileSync(`${dir}/junit.xml`, "utf8"));
    assert.ok(readFileSync(`${dir}/report.md`, "utf8").includes("](latency-percentiles.svg)"));
    assert.ok(!existsSync(`${dir}/${BENCHMARK_FILE}`));
  });

  it("appends the summary part to the job summary file, and only when there is one", async () => {
    const summary = `${root}/step-summary.md`;
    writeFileSync(summary, "# earlier step\n");
    const r = fixture("single-event-latency");
    const dir = await writeRunReport(r, `${root}/b`, { stepSummary: summary });
    const text = readFileSync(summary, "utf8");
    assert.ok(text.startsWith("# earlier step\n# busmark: single-event-latency (quick)"));
    assert.match(text, /## Thresholds/);
    assert.ok(!text.includes("## Latency"), "only the summary part");
    assert.ok(!text.includes("!["), "no links to files the job summary cannot show");
    assert.ok(text.includes(`${dir}/report.md`));
    await writeRunReport(r, `${root}/b`, { stepSummary: null });
    assert.equal(readFileSync(summary, "utf8"), text);
  });

  it("writes the github-action-benchmark file when asked", async () => {
    const files = await writeReportFiles(fixture("single-event-latency"), `${root}/c`, { benchmarkAction: true });
    assert.ok(files.includes(BENCHMARK_FILE));
    const entries = JSON.parse(readFileSync(`${root}/c/${BENCHMARK_FILE}`, "utf8")) as unknown[];
    assert.ok(entries.length > 0);
  });

  it("writes a repeat: every run's report, the combined report and repeat.json", async () => {
    const runs = syntheticSide({ runs: 3, seed: 3 });
    const summary = `${root}/repeat-summary.md`;
    const combined = aggregateRepeats(runs);
    const dir = await writeRepeatReport(runs, combined, `${root}/d`, {
      stepSummary: summary,
      benchmarkAction: true,
    });
    assert.equal(dir, `${root}/d/synthetic/${runs[0]!.runId}-x3`);
    for (const r of runs) assert.ok(existsSync(`${dir}/runs/${r.runId}/result.json`), r.runId);
    for (const r of runs) assert.ok(existsSync(`${dir}/runs/${r.runId}/report.md`), r.runId);
    const html = readFileSync(`${dir}/report.html`, "utf8");
    for (const r of runs) {
      assert.ok(existsSync(`${dir}/runs/${r.runId}/report.html`), r.runId);
      assert.ok(html.includes(`<a href="runs/${r.runId}/report.html">report</a>`), "the combined page links each run");
    }
    const manifest = JSON.parse(readFileSync(`${dir}/repeat.json`, "utf8"));
    assert.equal(manifest.runs.length, 3);
    const saved = JSON.parse(readFileSync(`${dir}/result.json`, "utf8"));
    assert.deepEqual(validateResult(saved), []);
    assert.equal(saved.runId, combined.runId);
    assert.equal(saved.metrics[0].summary.count, 3 * runs[0]!.metrics[0]!.summary!.count);
    assert.equal(readFileSync(summary, "utf8").match(/# busmark:/g)?.length, 1, "one summary for the repeat");
    const bench = JSON.parse(readFileSync(`${dir}/${BENCHMARK_FILE}`, "utf8")) as { extra?: string }[];
    assert.equal(bench[0]!.extra, "mean of 3 runs");
  });
});
