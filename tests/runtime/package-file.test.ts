import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { PackageFileError, packageFilePath } from "../../src/runtime/package-file.ts";

describe("packageFilePath", () => {
  it("finds a file of an installed package, whatever its exports map says", () => {
    const path = packageFilePath("uplot", "dist/uPlot.iife.min.js");
    assert.match(path, /node_modules\/uplot\/dist\/uPlot\.iife\.min\.js$/);
    assert.ok(existsSync(path));
    // vega's exports map does not export package.json or its browser build; the file is still found.
    assert.ok(existsSync(packageFilePath("vega", "build/vega.min.js")));
  });

  it("says whether the package is missing or the file", () => {
    assert.throws(() => packageFilePath("no-such-package-busmark", "x.js"), (e: unknown) => {
      assert.ok(e instanceof PackageFileError);
      assert.equal(e.packageName, "no-such-package-busmark");
      assert.match(
        e.message,
        /^Cannot find `x\.js` of the package `no-such-package-busmark`: the package is not installed/,
      );
      return true;
    });
    assert.throws(() => packageFilePath("uplot", "dist/nope.js"), /the installed package has no such file/);
  });
});
