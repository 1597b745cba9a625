import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCommand } from "../../src/cli/commands/run.ts";
import { finishRuns } from "../../src/cli/run-job.ts";
import { parseRunExtras } from "../../src/cli/run-request.ts";
import { UsageError } from "../../src/errors.ts";
import { fixture, syntheticSide } from "../support/results.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-run-extras-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("run --repeat / --save-baseline / --format", () => {
  it("parses the options and refuses bad values", () => {
    assert.deepEqual(parseRunExtras({}), { repeat: 1, benchmarkAction: false });
    assert.deepEqual(parseRunExtras({ repeat: "3", "save-baseline": "main", format: "github-action-benchmark" }), {
      repeat: 3,
      benchmarkAction: true,
      saveBaseline: "main",
    });
    assert.throws(() => parseRunExtras({ repeat: "0" }), UsageError);
    assert.throws(() => parseRunExtras({ repeat: "1000" }), UsageError);
    assert.throws(() => parseRunExtras({ format: "csv" }), UsageError);
    assert.throws(() => parseRunExtras({ "save-baseline": "a/b" }), UsageError);
  });

  it("writes one run's report, or a repeat's, and saves the baseline", async () => {
    const one = await finishRuns([fixture("single-event-latency")], `${root}/a`, { repeat: 1, benchmarkAction: false });
    assert.ok(existsSync(`${one.dir}/report.md`));
    assert.deepEqual(one.baselineDirs, []);
    const runs = syntheticSide({ runs: 2, seed: 1 });
    const two = await finishRuns(runs, `${root}/a`, { repeat: 2, benchmarkAction: true, saveBaseline: "main" });
    assert.ok(existsSync(`${two.dir}/repeat.json`));
    assert.ok(existsSync(`${two.dir}/benchmark.json`));
    assert.equal(two.result.runId, `${runs[0]!.runId}-x2`);
    assert.deepEqual(two.baselineDirs, [`${root}/a/baselines/main/synthetic`]);
    assert.equal(readdirSync(two.baselineDirs[0]!).length, 2);
    const interrupted = syntheticSide({ runs: 1, seed: 2 });
    interrupted[0]!.status = "interrupted";
    const none = await finishRuns(interrupted, `${root}/a`, { repeat: 1, benchmarkAction: false, saveBaseline: "x" });
    assert.deepEqual(none.baselineDirs, [], "an interrupted run is never a baseline");
    await assert.rejects(finishRuns([], root, { repeat: 1, benchmarkAction: false }), /no run finished/);
  });

  it("busmark run --repeat 2 --save-baseline runs twice, keeps both runs and their combined view", async () => {
    const out = `${root}/real`;
    const code = await runCommand.run([
      "single-event-latency",
      "--quick",
      "--quiet",
      "--repeat",
      "2",
      "--save-baseline",
      "ci",
      "--out",
      out,
    ]);
    assert.ok(code === 0 || code === 1, `exit ${code}`);
    const [repeatId] = readdirSync(`${out}/single-event-latency`);
    assert.match(repeatId!, /-x2$/);
    const dir = `${out}/single-event-latency/${repeatId}`;
    const manifest = JSON.parse(readFileSync(`${dir}/repeat.json`, "utf8"));
    assert.equal(manifest.runs.length, 2);
    for (const r of manifest.runs) assert.ok(existsSync(`${dir}/${r.dir}/result.json`));
    assert.ok(existsSync(`${dir}/report.md`));
    assert.ok(existsSync(`${dir}/junit.xml`));
    assert.equal(readdirSync(`${out}/baselines/ci/single-event-latency`).length, 2);
  });
});
