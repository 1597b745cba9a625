import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { main } from "../../src/cli/main.ts";
import { compareExitCode, parseTolerance } from "../../src/cli/commands/compare.ts";
import { groupByScenario, saveBaseline } from "../../src/compare/baseline.ts";
import { compareRunSets } from "../../src/compare/compare.ts";
import { syntheticSide } from "../support/results.ts";
import { runCli } from "./capture.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-cli-compare-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("busmark compare", () => {
  saveBaseline(root, "main", syntheticSide({ runs: 5, seed: 1 }));
  saveBaseline(root, "same", syntheticSide({ runs: 5, seed: 2 }));
  saveBaseline(root, "slower", syntheticSide({ runs: 5, seed: 3, shift: 1.2 }));
  saveBaseline(root, "one", syntheticSide({ runs: 1, seed: 4 }));
  saveBaseline(root, "one-slower", syntheticSide({ runs: 1, seed: 5, shift: 1.25 }));

  it("exits 0 and writes compare.md when nothing regressed", async () => {
    const out = `${root}/same.md`;
    assert.equal(await main(["compare", "main", "same", "--root", root, "--out", out]), 0);
    assert.match(readFileSync(out, "utf8"), /NO REGRESSION/);
  });

  it("exits 1 on a significant regression, and writes compare.md to the candidate's directory by default", async () => {
    assert.equal(await main(["compare", "main", "slower", "--root", root]), 1);
    assert.ok(!existsSync(`${root}/compare.md`), "not into the report root");
    const md = readFileSync(`${root}/baselines/slower/compare.md`, "utf8");
    assert.match(md, /❌ regression \(p=0\.004\)/);
    assert.match(md, /Mann-Whitney/);
  });

  it("a wide enough tolerance accepts the same change", async () => {
    assert.equal(await main(["compare", "main", "slower", "--root", root, "--tolerance", "30%"]), 0);
  });

  it("calls a 25 % change with one run each inconclusive (exit 0), and a regression only beyond --hard-limit", async () => {
    const run = await runCli(["compare", "one", "one-slower", "--root", root, "--out", `${root}/one.md`]);
    assert.equal(run.code, 0, run.out + run.err);
    assert.match(run.out, /verdict: inconclusive/);
    const md = readFileSync(`${root}/one.md`, "utf8");
    assert.match(md, /Significance cannot be judged/);
    assert.match(md, /INCONCLUSIVE/);
    const args = ["compare", "one", "one-slower", "--root", root, "--out", `${root}/hard.md`];
    assert.equal(await main([...args, "--hard-limit", "50%"]), 0, "25 % is within a 50 % hard limit");
    assert.equal(await main([...args, "--hard-limit", "15%"]), 1, "25 % is beyond a 15 % hard limit");
    assert.match(readFileSync(`${root}/hard.md`, "utf8"), /beyond the hard limit of 15 %/);
    assert.equal(await main([...args, "--hard-limit", "5%"]), 2, "a hard limit below the tolerance is refused");
  });

  it("refuses sides that ran under different conditions, naming the fields, and flags them with --force", async () => {
    const cand = syntheticSide({ runs: 1, seed: 7 });
    cand[0]!.environment.runtime = cand[0]!.environment.runtime === "node" ? "deno" : "node";
    cand[0]!.scenario.quick = !cand[0]!.scenario.quick;
    saveBaseline(root, "elsewhere", cand);
    const refused = await runCli(["compare", "one", "elsewhere", "--root", root]);
    assert.equal(refused.code, 2, refused.out + refused.err);
    assert.match(refused.err, /Cannot compare elsewhere with one: the runs did not run under the same conditions/);
    assert.match(refused.err, /synthetic: mode differs: baseline \w+, candidate \w+/);
    assert.match(refused.err, /synthetic: runtime differs/);
    assert.match(refused.err, /--force/);
    assert.ok(!existsSync(`${root}/baselines/elsewhere/compare.md`), "no report for a refused comparison");
    const forced = await runCli(["compare", "one", "elsewhere", "--root", root, "--force"]);
    assert.notEqual(forced.code, 2, forced.out + forced.err);
    assert.match(forced.out, /WARNING \(compared by force\): runtime differs/);
    assert.match(readFileSync(`${root}/baselines/elsewhere/compare.md`, "utf8"), /Compared with `--force`/);
  });

  it("never exits 1 for two single runs of identical code, whatever their noise (property over 300 pairs)", async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const noise = [0.02, 0.1, 0.3][seed % 3]!;
      const samples = [100, 500, 2000][seed % 3]!;
      const base = syntheticSide({ runs: 1, seed, runNoise: noise, samples });
      const cand = syntheticSide({ runs: 1, seed: seed + 10_000, runNoise: noise, samples });
      const c = compareRunSets(groupByScenario(base), groupByScenario(cand), { baseline: "a", candidate: "b" });
      assert.notEqual(compareExitCode(c), 1, `seed ${seed}: ${c.scenarios[0]!.rows.map((r) => r.verdict).join(",")}`);
    }
    for (let seed = 1; seed <= 5; seed++) {
      saveBaseline(root, `noisy-a${seed}`, syntheticSide({ runs: 1, seed, runNoise: 0.3, samples: 100 }));
      saveBaseline(root, `noisy-b${seed}`, syntheticSide({ runs: 1, seed: seed + 50, runNoise: 0.3, samples: 100 }));
      const code = await main(["compare", `noisy-a${seed}`, `noisy-b${seed}`, "--root", root]);
      assert.equal(code, 0, `seed ${seed}`);
    }
  });

  it("exits 2 for unknown baselines, nothing in common, and bad options", async () => {
    assert.equal(await main(["compare", "nope", "main", "--root", root]), 2);
    assert.equal(await main(["compare", "main", "--root", root]), 2);
    assert.equal(await main(["compare", "main", "same", "--root", root, "--alpha", "2"]), 2);
    saveBaseline(root, "other", syntheticSide({ runs: 1, seed: 6, scenario: "other" }));
    assert.equal(await main(["compare", "main", "other", "--root", root, "--out", `${root}/none.md`]), 2);
    assert.ok(existsSync(`${root}/none.md`));
  });

  it("parses tolerances", () => {
    assert.equal(parseTolerance("10%"), 0.1);
    assert.equal(parseTolerance("0.25"), 0.25);
    assert.throws(() => parseTolerance("ten"), /--tolerance/);
  });
});
