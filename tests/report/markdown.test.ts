import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CHART_FILES, planCharts } from "../../src/report/charts/render.ts";
import { describeLoad } from "../../src/report/markdown-load.ts";
import { renderReportMarkdown } from "../../src/report/markdown.ts";
import { renderSummaryMarkdown, thresholdTable, verdictSentence } from "../../src/report/markdown-summary.ts";
import { fixture, shortGrowthResult } from "../support/results.ts";

/** The text with its non-breaking unit spaces as plain spaces (easier to match). */
function plain(text: string): string {
  return text.replaceAll("\u00a0", " ");
}

/** The `## ` headings in order. */
function headings(md: string): string[] {
  return md.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3));
}

describe("report.md", () => {
  it("opens with the verdict and the threshold table, then the sections in order", () => {
    const r = fixture("report-fixture");
    const md = plain(renderReportMarkdown(r, planCharts(r)));
    const lines = md.split("\n");
    assert.equal(lines[0], "# busmark: report-fixture");
    assert.match(lines[2]!, /^\*\*⚠️ INVALID\*\*/);
    assert.deepEqual(headings(md), [
      "Thresholds",
      "Latency",
      "Events",
      "Throughput",
      "Faults and recovery",
      "Resource usage",
      "Environment",
      "Reproduce",
    ]);
    const table = md.slice(md.indexOf("## Thresholds"), md.indexOf("## Latency"));
    assert.match(table, /\| Threshold \| Condition \| Observed \| Result \|/);
    assert.equal(table.split("\n").filter((l) => l.startsWith("| `")).length, r.checks.length);
    assert.match(table, /\| `events\.persisted\.ratio` \| `>= 90%` \| 37\.2 % \| ❌ fail \|/);
  });

  it("links each chart it is given, and only those", () => {
    const r = fixture("report-fixture");
    const all = renderReportMarkdown(r, planCharts(r));
    for (const f of Object.values(CHART_FILES)) assert.ok(all.includes(`](${f})`), f);
    const none = renderReportMarkdown(r);
    assert.ok(!none.includes("!["));
  });

  it("tabulates latency per phase and per event, counts, throughput, faults, resources and reproduce", () => {
    const r = fixture("report-fixture");
    const md = plain(renderReportMarkdown(r));
    assert.match(md, /\| `latency\.persisted` · steady \| 419 \|/);
    assert.match(md, /\| `latency\.request` · recent \| 30 \|/);
    assert.match(md, /\| \*\*all measured\*\* \| 1220 \| 1156 \| 419 \| 707 \| 0 \| 0 \| 61 \| 3 \| 37\.2 % \|/);
    assert.match(md, /steady — 300\/s, 4 s/);
    assert.match(md, /\| `kill` \| 2\.5 s \| 5\.92 s \| not seen \| 707 \|/);
    assert.match(md, /\| service \| 12 % \|/);
    assert.match(md, /```sh\nbusmark run tests\/fixtures\/results\/report-fixture\.yaml\n```/);
    assert.match(md, /> - phase steady: schedule lag p99/);
  });

  it("reads a passing run as passing and says when there are no thresholds", () => {
    const r = fixture("single-event-latency");
    assert.match(renderSummaryMarkdown(r), /\*\*✅ PASS\*\*: all 5 thresholds met\./);
    r.checks = [];
    assert.match(renderSummaryMarkdown(r), /_The scenario declares no thresholds\._/);
    assert.equal(thresholdTable([]), "");
    assert.ok(!renderSummaryMarkdown(r, { title: false }).startsWith("#"));
  });

  it("explains fail, aborted and interrupted verdicts", () => {
    const checks = [{ pass: false }, { pass: true }] as never;
    assert.equal(verdictSentence({ verdict: "fail", status: "completed", checks }), "1 of 2 thresholds failed.");
    assert.match(verdictSentence({ verdict: "fail", status: "aborted", checks }), /stopped the run early/);
    assert.match(verdictSentence({ verdict: "interrupted", status: "interrupted", checks }), /interrupted/);
  });

  it("shows the scenario's description near the top, escaped", () => {
    const r = fixture("report-fixture");
    const md = renderReportMarkdown(r);
    const top = md.slice(0, md.indexOf("## Thresholds"));
    assert.ok(
      top.includes(`**Scenario:** ${r.scenario.normalized.description}`),
      "the description is shown before the thresholds",
    );
    r.scenario.normalized.description = "# not a heading: *x* | y <script>alert(1)</script> &lt; [l](u)";
    const escaped = renderSummaryMarkdown(r).split("\n").find((l) => l.startsWith("**Scenario:**"));
    assert.equal(
      escaped,
      "**Scenario:** # not a heading: \\*x\\* \\| y &lt;script&gt;alert(1)&lt;/script&gt; &amp;lt; \\[l\\](u)",
    );
    r.scenario.normalized.description = "  ";
    assert.ok(!renderSummaryMarkdown(r).includes("**Scenario:**"), "no paragraph without a description");
  });

  it("shows requests as replied in the throughput table, and persisted out of the events sent to persist", () => {
    const md = plain(renderReportMarkdown(fixture("report-fixture")));
    const table = md.slice(md.indexOf("## Throughput"), md.indexOf("## Faults"));
    assert.match(
      table,
      /\| phase \| offered \| achieved \| delivered \| persisted \| replied \| achieved \/ offered \|/,
    );
    assert.match(
      table,
      /\| \*\*all measured\*\* \| 174\/s \| 174\/s \| 165\/s \| 59\.8\/s of 161\/s \| 4\.28\/s of 13\.4\/s \| 100 % \|/,
    );
    assert.match(table, /Requests are answered, never persisted/);
    const single = plain(renderReportMarkdown(fixture("single-event-latency")));
    assert.doesNotMatch(single, /replied| of \d/, "a run that only persists keeps the plain table");
  });

  it("prints memory growth from a short run as not resolvable with its interval, in both tables", () => {
    const r = shortGrowthResult(true);
    const md = plain(renderReportMarkdown(r));
    const row = md.split("\n").find((l) => l.startsWith("| `busmark.memory.growth`"))!;
    assert.match(
      row,
      /\| not resolvable in a 12 s run \(95 % CI 3\.7 GB\/h … 11\.1 GB\/h\) \| ✅ pass ⚠️ not resolvable: /,
    );
    assert.doesNotMatch(row, /7\.39/);
    // Resources table: an older result without the window is fitted again from its measured samples.
    const old = plain(renderReportMarkdown(fixture("report-fixture")));
    const busmark = old.split("\n").find((l) => l.startsWith("| busmark |"))!;
    assert.match(busmark, /\| not resolvable in a 9 s run \(95 % CI 3\.7 GB\/h … 11\.1 GB\/h; r² 0\.73, n 10\) \|$/);
    assert.doesNotMatch(old, /GB\/h \(r²/, "no bare rate per hour from a short run");
    const long = fixture("report-fixture");
    Object.assign(long.resources.busmark!.growth!, { bytesPerHour: 12e6, low: 8e6, high: 16e6, seconds: 3600 });
    assert.match(plain(renderReportMarkdown(long)), /\| 12 MB\/h \(95 % CI 8 MB\/h … 16 MB\/h; r² 0\.73, n 10\) \|/);
  });

  it("escapes Markdown in names and reasons so tables stay tables", () => {
    const r = fixture("single-event-latency");
    r.checks[0]!.pass = false;
    r.checks[0]!.reason = "no data: a|b <x>";
    r.checks[0]!.key = "latency.persisted{event: a|b}";
    const table = thresholdTable(r.checks);
    const row = table.split("\n")[2]!;
    assert.equal(row.split(/(?<!\\)\|/).length, 6, row);
    assert.match(row, /no data: a\\\|b &lt;x&gt;/);
  });

  it("describes every load model", () => {
    assert.equal(describeLoad({ kind: "rate", from: 100, to: 2000 }), "100→2000/s");
    assert.equal(describeLoad({ kind: "concurrency", workers: 1, thinkTimeMs: 0 }), "1 worker");
    assert.equal(plain(describeLoad({ kind: "concurrency", workers: 4, thinkTimeMs: 5 })), "4 workers, think 5 ms");
    assert.equal(describeLoad({ kind: "micro", benches: [] }), "micro (0 benches)");
    assert.equal(describeLoad({ kind: "idle" }), "idle");
    assert.equal(
      plain(describeLoad({
        kind: "streams",
        streams: [
          { mix: [{ event: "order", weight: 1 }], load: { kind: "rate", from: 500, to: 500 } },
          {
            mix: [{ event: "a", weight: 0.5 }, { event: "b", weight: 0.5 }],
            load: { kind: "concurrency", workers: 4, thinkTimeMs: 10 },
          },
        ],
      })),
      "order 500/s + a+b 4 workers, think 10 ms",
    );
  });

  it("renders micro benchmarks, overheads, reconnects and drains when present", () => {
    const r = fixture("single-event-latency");
    r.micro = [{
      name: "insert",
      op: "direct-insert",
      event: "chat",
      avgNs: 1500,
      stddevNs: 100,
      p50Ns: 1400,
      p90Ns: 2000,
      p95Ns: 2500,
      p99Ns: 3000,
      p999Ns: 4000,
      minNs: 900,
      maxNs: 9000,
      samples: 100,
    }];
    r.metrics.push(
      { metric: "overhead.cpu", value: 4.2 },
      { metric: "overhead.memory", value: 8 },
      { metric: "nats.reconnect", value: 250_000 },
      { metric: "recovery.time", value: 1_200_000 },
      { metric: "burst.drain", phase: "steady", value: 90_000 },
    );
    r.service.command = "python svc.py";
    r.environment.gitCommit = "abc";
    r.notes.push("a note");
    const md = plain(renderReportMarkdown(r));
    assert.match(md, /## Micro benchmarks/);
    assert.match(md, /\| `insert` \| direct-insert \| chat \| 1\.5 µs \|/);
    assert.match(md, /CPU overhead of the NATS path over direct writes: 4\.2 %/);
    assert.match(md, /Memory overhead .*: 8 %/);
    assert.match(md, /Longest NATS reconnect: 250 ms/);
    assert.match(md, /Longest recovery .*: 1\.2 s/);
    assert.match(md, /Burst `steady` drained .* in 90 ms/);
    assert.match(md, /\| service command \| `python svc\.py` \|/);
    assert.match(md, /- a note/);
  });

  it("states per event type how it was confirmed, never a service-wide claim for events nothing confirmed", () => {
    const old = plain(renderReportMarkdown(fixture("report-fixture")));
    assert.match(old, /\| service \| reference, prefix `rosey\.db`, persistence confirmed by notices \|/);
    const r = {
      ...fixture("report-fixture"),
      confirmation: [
        { events: ["chat"], kind: "sql" as const, source: "sql sqlite:/tmp/x.db every 10 ms", resolutionUs: 10_000 },
        { events: ["joined", "left"], kind: "none" as const, source: "none" },
        { events: ["recent"], kind: "reply" as const, source: "reply" },
      ],
    };
    const md = plain(renderReportMarkdown(r));
    assert.match(md, /\| service \| reference, prefix `rosey\.db` \|/);
    assert.ok(!md.includes("persistence confirmed by"));
    assert.match(md, /\| confirmation of `chat` \| sql sqlite:\/tmp\/x\.db every 10 ms, resolution 10 ms \|/);
    assert.match(md, /\| confirmation of `joined`, `left` \| none: not confirmed, completed on delivery \|/);
    assert.match(md, /\| confirmation of `recent` \| by its reply \|/);
  });
});
