import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  baselineDir,
  checkLabel,
  groupByScenario,
  labelRoots,
  loadRuns,
  saveBaseline,
} from "../../src/compare/baseline.ts";
import { loadSides } from "../../src/cli/commands/compare.ts";
import { finishRuns } from "../../src/cli/run-job.ts";
import { UsageError } from "../../src/errors.ts";
import { aggregateRepeats } from "../../src/aggregate/combine.ts";
import { writeRepeatReport, writeRunReport } from "../../src/report/write.ts";
import { fixture, syntheticSide } from "../support/results.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-baseline-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("baselines and run sets", () => {
  it("saves runs under a label per scenario and loads them back by label", () => {
    const runs = syntheticSide({ runs: 3, seed: 5, scenario: "alpha" });
    const other = syntheticSide({ runs: 1, seed: 6, scenario: "beta" });
    const dirs = saveBaseline(root, "main", [...runs, ...other]);
    assert.deepEqual(dirs, [`${root}/baselines/main/alpha`, `${root}/baselines/main/beta`]);
    assert.equal(readdirSync(`${root}/baselines/main/alpha`).length, 3);
    const loaded = loadRuns("main", root);
    assert.equal(loaded.label, "main");
    const set = groupByScenario(loaded.runs);
    assert.equal(set.get("alpha")?.length, 3);
    assert.equal(set.get("beta")?.length, 1);
    // Saving a scenario again replaces only that scenario's runs.
    saveBaseline(root, "main", syntheticSide({ runs: 1, seed: 7, scenario: "alpha" }));
    const again = groupByScenario(loadRuns("main", root).runs);
    assert.equal(again.get("alpha")?.length, 1);
    assert.equal(again.get("beta")?.length, 1);
    // A baseline directory works as well as its label.
    assert.equal(loadRuns(baselineDir(root, "main"), root).runs.length, 2);
  });

  it("loads a result path, a run directory and a repeat directory", async () => {
    const r = fixture("single-event-latency");
    const dir = await writeRunReport(r, `${root}/out`, { stepSummary: null });
    assert.equal(loadRuns(`${dir}/result.json`, root).runs[0]!.runId, r.runId);
    assert.equal(loadRuns(dir, root).runs.length, 1);
    const runs = syntheticSide({ runs: 2, seed: 9 });
    const repeat = { dir: await writeRepeatReport(runs, aggregateRepeats(runs), `${root}/out`, { stepSummary: null }) };
    const viaDir = loadRuns(repeat.dir, root).runs;
    assert.deepEqual(viaDir.map((x) => x.runId), runs.map((x) => x.runId), "the repeat's runs, not its combined view");
    assert.equal(loadRuns(`${repeat.dir}/repeat.json`, root).runs.length, 2);
  });

  it("refuses unknown labels, bad labels, empty sets and files that are not results", () => {
    assert.throws(
      () => loadRuns("nope", root),
      (e: unknown) => e instanceof UsageError && /Cannot find `nope`/.test(e.message),
    );
    assert.throws(() => checkLabel("../x"), UsageError);
    assert.throws(() => checkLabel(".."), UsageError);
    assert.equal(checkLabel("main-2.x_y"), "main-2.x_y");
    saveBaseline(root, "empty", []);
    writeFileSync(`${root}/bad.json`, '{"not": "a result"}');
    assert.throws(() => loadRuns(`${root}/bad.json`, root), /not a busmark result/);
    writeFileSync(`${root}/broken.json`, "{");
    assert.throws(() => loadRuns(`${root}/broken.json`, root), /Cannot read/);
    const emptyDir = mkdtempSync(join(root, "empty-"));
    assert.throws(() => loadRuns(emptyDir, root), /holds no run results/);
  });

  it("resolves a label without --root where the baselines were saved: the root recorded with the other side", async () => {
    const elsewhere = mkdtempSync(join(root, "elsewhere-"));
    // `busmark run --out <elsewhere> --save-baseline nightly` records the root in each result it writes.
    const saved = await finishRuns(syntheticSide({ runs: 1, seed: 11, scenario: "gamma" }), elsewhere, {
      repeat: 1,
      benchmarkAction: false,
      saveBaseline: "nightly",
    });
    assert.equal(saved.result.reportRoot, elsewhere);
    const candidate = await finishRuns(syntheticSide({ runs: 1, seed: 12, scenario: "gamma" }), elsewhere, {
      repeat: 1,
      benchmarkAction: false,
    });
    // The candidate's run directory, copied away from its root, still names the root its baselines live in.
    const moved = mkdtempSync(join(tmpdir(), "busmark-moved-"));
    try {
      writeFileSync(join(moved, "result.json"), JSON.stringify(candidate.result));
      const sides = loadSides("nightly", moved, undefined);
      assert.equal(sides.baseline.dir, `${elsewhere}/baselines/nightly`);
      assert.equal(sides.candidate.dir, moved);
      // Without a recorded root, the directories above the other side are searched (<root>/<scenario>/<run-id>).
      const bare = { ...candidate.result, reportRoot: undefined };
      assert.ok(labelRoots({ runs: [bare], dir: candidate.dir }).includes(elsewhere));
      assert.equal(loadSides(candidate.dir, "nightly", undefined).baseline.dir, candidate.dir);
      assert.equal(loadSides(candidate.dir, "nightly", undefined).candidate.dir, `${elsewhere}/baselines/nightly`);
      // `--root` is the only place looked in when given, and a miss names every place tried.
      assert.throws(
        () => loadSides("nightly", moved, root),
        (e: unknown) => e instanceof UsageError && /looked in .*\/baselines\/nightly; pass `--root`/.test(e.message),
      );
      assert.throws(
        () => loadSides("nope", moved, undefined),
        (e: unknown) =>
          e instanceof UsageError && e.message.includes(`reports/baselines/nope, ${elsewhere}/baselines/nope`),
      );
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
  });
});
