import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeXml, failureText, renderJunit } from "../../src/report/junit.ts";
import type { RunResult } from "../../src/result/types.ts";
import { fixture, shortGrowthResult } from "../support/results.ts";
import { parseXml } from "../support/xml.ts";

type Node = Record<string, unknown>;

function suites(xml: string): Node[] {
  const doc = parseXml(xml, ["testsuite", "testcase", "property"]);
  return (doc.testsuites as { testsuite: Node[] }).testsuite;
}

describe("junit.xml", () => {
  it("says memory growth from a 12 s run is not resolvable, with its interval, never as GB/h", () => {
    for (const pass of [true, false]) {
      const xml = renderJunit(shortGrowthResult(pass));
      const growth = (suites(xml)[0]!.testcase as Node[]).find((c) =>
        String(c["@_name"]).startsWith("busmark.memory")
      )!;
      const text = pass ? String(growth["system-out"]) : String((growth.failure as Node)["@_message"]);
      assert.match(text, /not resolvable in a 12 s run \(95 % CI 3\.7 GB\/h … 11\.1 GB\/h\)/, text);
      assert.doesNotMatch(text, /7\.39 GB\/h/);
      if (pass) assert.match(text, /resolution insufficient: memory growth from 12 s of samples/);
      else assert.match(String((growth.failure as Node)["#text"]), /resolution: insufficient, memory growth from 12 s/);
    }
  });

  it("has one test case per threshold, failures carrying observed vs expected", () => {
    const r = fixture("report-fixture");
    const [suite] = suites(renderJunit(r));
    const cases = suite!.testcase as Node[];
    const failed = cases.filter((c) => c.failure !== undefined);
    assert.equal(failed.length, r.checks.filter((c) => !c.pass).length);
    const f = failed[0]!.failure as Node;
    assert.match(String(f["@_message"]), /^observed 175\s+ms, expected p99 < 1ms$/);
    assert.match(String(f["#text"]), /expected: p99 < 1ms/);
    assert.match(String(f["#text"]), /observed: 175 ms$/m);
    assert.equal(suite!["@_failures"], String(failed.length));
    assert.equal(suite!["@_errors"], "1", "the invalid run is an error");
  });

  it("rounds observed values for people, in failures and in passing checks' output, with a plain space", () => {
    const r = fixture("single-event-latency");
    r.checks[0] = { ...r.checks[0]!, pass: false, observed: 5615.743362831859, unit: "us" };
    r.checks[1] = { ...r.checks[1]!, pass: true, observed: 37.211367673179396, unit: "%" };
    const xml = renderJunit(r);
    assert.match(xml, /message="observed 5\.62 ms, expected /);
    assert.match(xml, /^observed: 5\.62 ms<\/failure>$/m);
    assert.match(xml, /<system-out>observed 37\.2 %<\/system-out>/);
    assert.doesNotMatch(xml, /5615\.74|37\.2113|\u00a0/);
  });

  it("says how many samples lie beyond a percentile and when they are too few to resolve it", () => {
    const r = fixture("single-event-latency");
    const reason = "p99.9 from 300 samples: about 0.3 lie beyond it, it needs at least 10000 samples";
    const unsure = {
      samples: { beyond: 0, total: 300 },
      resolution: "insufficient" as const,
      resolutionReason: reason,
    };
    r.checks[0] = { ...r.checks[0]!, pass: true, observed: 4000, unit: "us", ...unsure };
    r.checks[1] = { ...r.checks[1]!, pass: false, observed: 4000, unit: "us", ...unsure };
    const xml = renderJunit(r);
    assert.match(
      xml,
      /<system-out>observed 4 ms \(0 of 300 samples beyond\); resolution insufficient: p99\.9 from 300/,
    );
    assert.match(xml, /^samples beyond the observed value: 0 of 300$/m);
    assert.match(xml, /^resolution: insufficient, p99\.9 from 300 samples/m);
  });

  it("marks a completed run's run case as passing, an interrupted one as an error, an aborted one as a failure", () => {
    const r = fixture("single-event-latency");
    const ok = suites(renderJunit(r))[0]!;
    assert.equal(ok["@_failures"], "0");
    assert.equal(ok["@_errors"], "0");
    r.status = "interrupted";
    const intr = (suites(renderJunit(r))[0]!.testcase as Node[])[0]!;
    assert.equal((intr.error as Node)["@_type"], "interrupted");
    r.status = "aborted";
    const ab = suites(renderJunit(r))[0]!;
    assert.equal(((ab.testcase as Node[])[0]!.failure as Node)["@_type"], "aborted");
    assert.equal(ab["@_failures"], "1");
  });

  it("renders one suite per run, naming repeated scenarios by run id, and totals at the top", () => {
    const a = fixture("single-event-latency");
    const b = { ...fixture("single-event-latency"), runId: "second" } as RunResult;
    const c = fixture("report-fixture");
    const xml = renderJunit([a, b, c]);
    const list = suites(xml);
    assert.deepEqual(list.map((s) => s["@_name"]), [
      `single-event-latency (${a.runId})`,
      "single-event-latency (second)",
      "report-fixture",
    ]);
    const doc = parseXml(xml) as { testsuites: Node };
    assert.equal(doc.testsuites["@_tests"], String(6 + 6 + 7));
  });

  it("explains a no-data failure and an abortOnFail threshold", () => {
    const text = failureText({
      key: "k",
      metric: "latency.request",
      selector: { event: "x" },
      condition: "p99 < 1ms",
      observed: null,
      unit: "us",
      pass: false,
      abortOnFail: true,
      reason: "no data: no samples",
    });
    assert.match(text, /observed: no data/);
    assert.match(text, /reason: no data: no samples/);
    assert.match(text, /abortOnFail/);
    const r = fixture("single-event-latency");
    r.checks[0] = { ...r.checks[0]!, pass: false, observed: null, reason: "no data: no samples" };
    const [suite] = suites(renderJunit(r));
    const f = (suite!.testcase as Node[])[1]!.failure as Node;
    assert.equal(f["@_message"], `${r.checks[0].condition}: no data: no samples`);
  });

  it("escapes markup and drops characters XML forbids", () => {
    assert.equal(escapeXml(`a<b>&"c'\u0001`), "a&lt;b&gt;&amp;&quot;c&apos;");
    const r = fixture("single-event-latency");
    r.scenario.name = 'we<ird>&"name';
    parseXml(renderJunit(r));
  });
});
