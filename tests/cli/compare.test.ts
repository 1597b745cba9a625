import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { main } from "../../src/cli/main.ts";
import { parseTolerance } from "../../src/cli/commands/compare.ts";
import { saveBaseline } from "../../src/compare/baseline.ts";
import { syntheticSide } from "../support/results.ts";

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

  it("exits 1 on a significant regression, and writes compare.md to the root by default", async () => {
    assert.equal(await main(["compare", "main", "slower", "--root", root]), 1);
    const md = readFileSync(`${root}/compare.md`, "utf8");
    assert.match(md, /❌ regression \(p=0\.004\)/);
    assert.match(md, /Mann-Whitney/);
  });

  it("a wide enough tolerance accepts the same change", async () => {
    assert.equal(await main(["compare", "main", "slower", "--root", root, "--tolerance", "30%"]), 0);
  });

  it("falls back to the tolerance alone with one run each, and says so", async () => {
    assert.equal(await main(["compare", "one", "one-slower", "--root", root, "--out", `${root}/one.md`]), 1);
    const md = readFileSync(`${root}/one.md`, "utf8");
    assert.match(md, /Significance cannot be judged/);
    assert.match(md, /tolerance only/);
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
