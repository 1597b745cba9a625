import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { main } from "../../src/cli/main.ts";
import { RESULTS_DIR } from "../support/results.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-cli-report-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("busmark report", () => {
  it("re-renders report.md, junit.xml and the charts from a result.json alone", async () => {
    const out = `${root}/out`;
    const code = await main(["report", `${RESULTS_DIR}single-event-latency.result.json`, "--out", out]);
    assert.equal(code, 0);
    for (const f of ["report.md", "report.html", "junit.xml", "latency-percentiles.svg", "result.json"]) {
      assert.ok(existsSync(`${out}/${f}`), f);
    }
    assert.match(readFileSync(`${out}/report.html`, "utf8"), /<strong>PASS<\/strong>: all 5 thresholds met/);
    assert.equal(
      readFileSync(`${out}/report.md`, "utf8"),
      readFileSync(`${RESULTS_DIR}single-event-latency.report.md`, "utf8"),
    );
  });

  it("renders into the result's own directory, also given the directory, with --format", async () => {
    const dir = `${root}/run`;
    await main(["report", `${RESULTS_DIR}report-fixture.result.json`, "--out", dir]);
    const code = await main(["report", dir, "--format", "github-action-benchmark"]);
    assert.equal(code, 0);
    assert.ok(existsSync(`${dir}/benchmark.json`));
  });

  it("exits 2 on a file that is not a result, a missing file, or bad options", async () => {
    writeFileSync(`${root}/bad.json`, JSON.stringify({ schemaVersion: 1 }));
    assert.equal(await main(["report", `${root}/bad.json`]), 2);
    assert.equal(await main(["report", `${root}/missing.json`]), 2);
    assert.equal(await main(["report"]), 2);
    assert.equal(await main(["report", "a.json", "b.json", "--out", root]), 2);
    assert.equal(await main(["report", "a.json", "--format", "csv"]), 2);
  });
});
