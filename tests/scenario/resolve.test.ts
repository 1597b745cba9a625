import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { UsageError } from "../../src/errors.ts";
import {
  defaultScenariosDir,
  isScenarioFileName,
  PACKAGE_SCENARIOS_DIR,
  resolveScenarioRef,
  scenarioFiles,
  scenarioNames,
} from "../../src/scenario/resolve.ts";

const dir = mkdtempSync(join(tmpdir(), "busmark-resolve-"));
after(() => rmSync(dir, { recursive: true, force: true }));
for (const f of ["alpha.yaml", "beta.yml", "notes.txt"]) writeFileSync(join(dir, f), "");
mkdirSync(join(dir, "sub.yaml"));

describe("resolve", () => {
  it("lists scenario files and names", () => {
    assert.deepEqual(scenarioFiles(dir), [join(dir, "alpha.yaml"), join(dir, "beta.yml")], "not the directory");
    assert.deepEqual(scenarioNames(dir), ["alpha", "beta"]);
    assert.equal(isScenarioFileName("a.yml"), true);
    assert.equal(isScenarioFileName("a.json"), false);
    assert.deepEqual(scenarioFiles(join(dir, "absent")), []);
  });

  it("resolves a name or a path", () => {
    assert.equal(resolveScenarioRef("alpha", dir), join(dir, "alpha.yaml"));
    assert.equal(resolveScenarioRef("beta", dir), join(dir, "beta.yml"));
    assert.equal(resolveScenarioRef(join(dir, "alpha.yaml"), "/nowhere"), join(dir, "alpha.yaml"));
  });

  it("names the known scenarios when nothing matches", () => {
    assert.throws(() => resolveScenarioRef("alpah", dir), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match(
        e.message,
        /^Cannot find scenario `alpah` in .* — did you mean `alpha`\? \(known scenarios: alpha, beta\)$/,
      );
      return true;
    });
    assert.throws(() => resolveScenarioRef("x", join(dir, "absent")), /it holds no scenarios/);
    assert.throws(() => resolveScenarioRef("./missing.yaml", dir), /Cannot find scenario file `\.\/missing\.yaml`/);
  });

  it("defaults to scenarios/ in the working directory, else the package's own", () => {
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      assert.equal(defaultScenariosDir(), PACKAGE_SCENARIOS_DIR);
      mkdirSync(join(dir, "scenarios"));
      assert.equal(defaultScenariosDir(), join(process.cwd(), "scenarios"));
    } finally {
      process.chdir(cwd);
    }
    assert.ok(scenarioNames(PACKAGE_SCENARIOS_DIR).includes("sustained-throughput"));
  });
});
