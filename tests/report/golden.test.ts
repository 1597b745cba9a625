/**
 * Golden files: report.md and junit.xml rendered from the recorded result fixtures must match the files under
 * tests/fixtures/results/ byte for byte. After an intended change, regenerate them with
 *   UPDATE_GOLDEN=1 node --import tsx --test tests/report/golden.test.ts
 * and review the diff.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import { describe, it } from "node:test";
import { planCharts } from "../../src/report/charts/render.ts";
import { renderJunit } from "../../src/report/junit.ts";
import { renderReportMarkdown } from "../../src/report/markdown.ts";
import { validateResult } from "../../src/result/validate.ts";
import { fixture, FIXTURES, RESULTS_DIR } from "../support/results.ts";
import { parseXml } from "../support/xml.ts";

const update = process.env.UPDATE_GOLDEN === "1";

function golden(file: string, actual: string): void {
  const path = `${RESULTS_DIR}${file}`;
  if (update) writeFileSync(path, actual);
  assert.equal(
    actual,
    readFileSync(path, "utf8"),
    `${file} differs from its golden file (UPDATE_GOLDEN=1 to regenerate)`,
  );
}

describe("golden reports from recorded results", () => {
  for (const name of FIXTURES) {
    it(`${name}: the fixture is a valid result`, () => {
      assert.deepEqual(validateResult(fixture(name)), []);
    });

    it(`${name}: report.md matches its golden file`, () => {
      const r = fixture(name);
      golden(`${name}.report.md`, renderReportMarkdown(r, planCharts(r)));
    });

    it(`${name}: junit.xml matches its golden file and parses as XML`, () => {
      const r = fixture(name);
      const xml = renderJunit(r);
      golden(`${name}.junit.xml`, xml);
      const doc = parseXml(xml, ["testsuite", "testcase", "property"]);
      const suites = (doc.testsuites as { testsuite: Record<string, unknown>[] }).testsuite;
      assert.equal(suites.length, 1);
      assert.equal(suites[0]!["@_name"], r.scenario.name);
      const cases = suites[0]!.testcase as Record<string, unknown>[];
      assert.equal(cases.length, r.checks.length + 1, "one test case per threshold condition, plus the run");
      const failed = cases.filter((c) => c.failure !== undefined).length;
      assert.equal(failed, r.checks.filter((c) => !c.pass).length + (r.status === "aborted" ? 1 : 0));
    });
  }

  it("the recorded fixtures cover a passing run and an invalid run with a failing threshold and a fault", () => {
    const pass = fixture("single-event-latency");
    const rich = fixture("report-fixture");
    assert.equal(pass.verdict, "pass");
    assert.equal(rich.verdict, "invalid");
    assert.ok(rich.checks.some((c) => !c.pass));
    assert.ok(rich.faults.length > 0);
    assert.ok(rich.scenario.normalized.events.some((e) => e.request));
  });
});
