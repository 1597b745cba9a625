import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { htmlAssets } from "../../../src/report/html/assets.ts";
import { escapeHtml, inlineCode, jsonForScript } from "../../../src/report/html/escape.ts";
import { type HtmlAssets, renderReportHtml, renderSideBySideHtml } from "../../../src/report/html/page.ts";
import type { RunResult } from "../../../src/result/types.ts";
import { fixture, syntheticSide } from "../../support/results.ts";

/** Stand-ins for the inlined code, so a test reads the page's own markup. */
const ASSETS: HtmlAssets = { libraryJs: "/* lib */", libraryCss: "/* css */", clientJs: "/* client */" };

/** The JSON model embedded in a page. */
function embeddedModel(html: string): { thresholds: { label: string }[]; charts: { id: string }[] } {
  const m = html.match(/<script type="application\/json" id="busmark-data">([^<]*)<\/script>/);
  assert.ok(m, "the page embeds its chart data");
  return JSON.parse(m[1]!);
}

/** Every src/href attribute value of a page. */
function references(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]!);
}

describe("report.html", () => {
  it("opens with the verdict and the threshold table, before any chart", () => {
    const html = renderReportHtml(fixture("single-event-latency"), ASSETS);
    assert.match(html, /<div class="verdict verdict-pass" id="verdict"><strong>PASS<\/strong>: all 5 thresholds met\./);
    const verdict = html.indexOf('id="verdict"');
    const table = html.indexOf('id="threshold-table"');
    const chart = html.indexOf('class="chart"');
    assert.ok(verdict > 0 && verdict < table && table < chart, "verdict, then thresholds, then charts");
    assert.match(html, /<td><code>latency\.persisted<\/code><\/td><td><code>p95 &lt; 10ms<\/code><\/td>/);
    assert.match(html, /<td class="num">2\.91\u00a0ms<\/td><td class="pass">pass<\/td>/);
    assert.ok(html.includes("One publisher, one event at a time"), "the scenario's description");
  });

  it("shows a failed and invalid run as such, with its reasons", () => {
    const r = fixture("report-fixture");
    const html = renderReportHtml(r, ASSETS);
    assert.match(html, /class="verdict verdict-invalid" id="verdict"><strong>INVALID<\/strong>/);
    assert.match(html, /<td><code>p99 &lt; 1ms<\/code><\/td><td class="num">[^<]+<\/td><td class="fail">fail<\/td>/);
    for (const reason of r.invalidReasons) assert.ok(html.includes(escapeHtml(reason)), reason);
    assert.match(html, /<table id="faults">[\s\S]*<code>kill<\/code>/);
  });

  it("has the per-phase and per-event tables and a box for every chart it has data for", () => {
    const html = renderReportHtml(fixture("report-fixture"), ASSETS);
    for (const id of ["latency-overall", "latency-phases", "latency-events", "counts", "throughput", "environment"]) {
      assert.ok(html.includes(`id="${id}"`), id);
    }
    const model = embeddedModel(html);
    for (const c of model.charts) assert.ok(html.includes(`id="chart-${c.id}"`), c.id);
    assert.deepEqual(model.charts.map((c) => c.id), ["percentiles", "latency", "rate", "cpu", "rss"]);
  });

  it("is self-contained: the real assets inline, no src or href leaving the file", () => {
    const r = fixture("report-fixture");
    r.serviceFiles = ["service.log"];
    const html = renderReportHtml(r, htmlAssets());
    assert.ok(html.includes("uPlot"), "the chart library is inline");
    assert.ok(html.includes("busmarkCharts"), "the page's script is inline");
    assert.ok(!/<script[^>]+src=/i.test(html) && !/<link\b/i.test(html), "no external script or style sheet");
    const refs = references(html);
    assert.deepEqual(refs, ["service.log"], "only the kept service file, beside the report");
    for (const ref of refs) assert.ok(!/^(https?:)?\/\//i.test(ref), ref);
    // The check can fail: a page with an external reference is caught.
    assert.ok(references('<img src="https://example.com/x.png">').some((x) => /^(https?:)?\/\//.test(x)));
  });

  it("escapes user text: the description, event and phase names, threshold keys in the chart data", () => {
    const r: RunResult = structuredClone(fixture("report-fixture"));
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    r.scenario.normalized.description = `Orders & ${evil}`;
    r.scenario.name = `shop<b>`;
    r.counts.push({ ...r.counts[0]!, event: evil });
    r.notes.push(`note ${evil}`);
    const check = r.checks.find((c) => c.metric === "throughput.achieved")!;
    const threshold = r.scenario.normalized.thresholds.find((t) => t.key === check.key)!;
    check.key = threshold.key = `throughput.achieved</script><script>alert(2)//`;
    const html = renderReportHtml(r, ASSETS);
    assert.ok(!html.includes("<script>alert"), "no injected script element");
    assert.ok(!html.includes("<img"), "no injected element");
    assert.ok(html.includes("Orders &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert.ok(html.includes("<title>busmark: shop&lt;b&gt;</title>"));
    const labels = embeddedModel(html).thresholds.map((t) => t.label);
    assert.ok(labels.some((l) => l.startsWith("throughput.achieved</script>")), "the data keeps the text as is");
    assert.equal(html.match(/<script\b/g)?.length, 3, "data, library and page script only");
  });

  it("puts a repeat's runs side by side, linked to their reports, with their series charted", () => {
    const runs = syntheticSide({ runs: 2, seed: 4 }).map((r, i) => ({
      ...r,
      verdict: i === 0 ? "pass" as const : "fail" as const,
    }));
    const combined = { ...fixture("single-event-latency"), timeseries: [] };
    const html = renderReportHtml(combined, ASSETS, {
      runs: runs.map((r) => ({ result: r, href: `runs/${r.runId}/report.html` })),
    });
    assert.match(html, /<table id="runs-table">/);
    for (const r of runs) {
      assert.ok(html.includes(`<th class="num">${r.runId}</th>`), r.runId);
      assert.ok(html.includes(`<a href="runs/${r.runId}/report.html">report</a>`), r.runId);
    }
    assert.match(html, /<td class="num pass">PASS<\/td><td class="num fail">FAIL<\/td>/);
    const ids = embeddedModel(html).charts.map((c) => c.id);
    assert.ok(ids.includes("runs-latency") && ids.includes("runs-rate"), ids.join());
    assert.ok(!ids.includes("latency"), "the combined view has no series of its own");
  });
});

describe("runs side by side (ab.html)", () => {
  it("shows the outcome, the analysis and every run linked, with no combined column", () => {
    const base = fixture("single-event-latency");
    const runs = [0, 1].map((i) => ({ ...base, runId: `r${i}` }));
    const html = renderSideBySideHtml({
      title: "busmark ab: <shop>",
      verdict: "no regression",
      tone: "pass",
      analysis: "metric  A  B\nverdict: NO REGRESSION & <fine>",
      runs: runs.map((r, i) => ({
        result: r,
        label: i === 0 ? "A 1" : "B 1",
        href: `${"ab"[i]}/x/${r.runId}/report.html`,
      })),
    }, ASSETS);
    assert.match(html, /<h1>busmark ab: &lt;shop&gt;<\/h1>/);
    assert.match(html, /class="verdict verdict-pass" id="verdict"><strong>NO REGRESSION<\/strong>/);
    assert.ok(html.includes("verdict: NO REGRESSION &amp; &lt;fine&gt;"));
    assert.match(html, /<th class="num">A 1<\/th><th class="num">B 1<\/th><\/tr>/, "no combined column");
    assert.ok(
      html.includes('<a href="a/x/r0/report.html">report</a>') && html.includes('<a href="b/x/r1/report.html">'),
    );
    assert.deepEqual(embeddedModel(html).charts.map((c) => c.id), ["runs-latency", "runs-rate"]);
    assert.throws(() => renderSideBySideHtml({ title: "t", verdict: "v", tone: "warn", runs: [] }, ASSETS), /no run/);
  });
});

describe("report.html escaping", () => {
  it("escapes text and keeps JSON and code from closing their element", () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const value = { s: "</script><!-- & \u2028" };
    const json = jsonForScript(value);
    assert.ok(!/[<>&\u2028]/.test(json), json);
    assert.deepEqual(JSON.parse(json), value);
    assert.equal(inlineCode('a("</script>")</STYLE>'), 'a("<\\/script>")<\\/STYLE>');
  });
});
