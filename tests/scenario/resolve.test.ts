import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { UsageError } from "../../src/errors.ts";
import {
  defaultScenariosDir,
  isPackageScenariosDir,
  isScenarioFileName,
  PACKAGE_SCENARIOS_DIR,
  resolveScenarioRef,
  scenarioFiles,
  scenarioNames,
  scenarioSearchDirs,
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
        /^Cannot find scenario `alpah` in .* \(known scenarios: alpha, beta\) nor among busmark's bundled scenarios — did you mean `alpha`\? \(bundled: burst, .*sustained-throughput\)$/,
      );
      return true;
    });
    assert.throws(() => resolveScenarioRef("x", join(dir, "absent")), /it holds no scenarios/);
    assert.throws(() => resolveScenarioRef("./missing.yaml", dir), /Cannot find scenario file `\.\/missing\.yaml`/);
  });

  it("looks a bare name up in the folder first, then among the bundled scenarios; builtin: only there", () => {
    writeFileSync(join(dir, "burst.yaml"), "");
    try {
      assert.equal(resolveScenarioRef("burst", dir), join(dir, "burst.yaml"), "the local one first");
      assert.equal(resolveScenarioRef("builtin:burst", dir), join(PACKAGE_SCENARIOS_DIR, "burst.yaml"));
      assert.equal(resolveScenarioRef("soak", dir), join(PACKAGE_SCENARIOS_DIR, "soak.yaml"), "then the bundled");
      assert.equal(resolveScenarioRef("soak", join(dir, "absent")), join(PACKAGE_SCENARIOS_DIR, "soak.yaml"));
    } finally {
      rmSync(join(dir, "burst.yaml"));
    }
    assert.throws(() => resolveScenarioRef("builtin:alpha", dir), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match(
        e.message,
        /^Cannot find scenario `builtin:alpha` among busmark's bundled scenarios \(bundled: builtin:burst, /,
      );
      return true;
    });
    assert.throws(() => resolveScenarioRef("builtin:brust", dir), /did you mean `burst`\?/);
    assert.throws(() => resolveScenarioRef("builtin:../scenarios/burst", dir), /Cannot find scenario `builtin:\.\.\//);
    assert.throws(() => resolveScenarioRef("nope", PACKAGE_SCENARIOS_DIR), (e: unknown) => {
      assert.match((e as Error).message, /^Cannot find scenario `nope` among busmark's bundled scenarios in /);
      return true;
    });
    assert.deepEqual(scenarioSearchDirs(dir).map((d) => d.source), ["local", "builtin"]);
    assert.deepEqual(scenarioSearchDirs(PACKAGE_SCENARIOS_DIR).map((d) => d.source), ["builtin"]);
    assert.equal(isPackageScenariosDir(join(PACKAGE_SCENARIOS_DIR, ".")), true);
    assert.equal(isPackageScenariosDir(join(dir, "absent")), false);
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
