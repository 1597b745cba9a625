/**
 * Finding a file shipped inside an installed npm package (e.g. a chart library's browser build), the way the
 * runtime resolves the package itself: from this module's location through `node_modules`, on Node and Deno alike.
 * @module
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);

/** A package's file could not be found (the package is not installed, or does not ship that file). */
export class PackageFileError extends Error {
  readonly packageName: string;
  readonly file: string;
  constructor(packageName: string, file: string, reason: string, options?: { cause?: unknown }) {
    super(`Cannot find \`${file}\` of the package \`${packageName}\`: ${reason}`, options);
    this.name = "PackageFileError";
    this.packageName = packageName;
    this.file = file;
  }
}

/**
 * The absolute path of `file` (relative to the package root, e.g. `dist/uPlot.iife.min.js`) inside the installed
 * package `packageName`: the first `node_modules/<packageName>` on the module resolution's search path that has
 * the file (a package's `exports` map does not hide files this way). Throws {@link PackageFileError} when none has.
 */
export function packageFilePath(packageName: string, file: string): string {
  const dirs = require.resolve.paths(packageName) ?? [];
  for (const dir of dirs) {
    const path = join(dir, packageName, file);
    if (existsSync(path)) return path;
  }
  const installed = dirs.some((dir) => existsSync(join(dir, packageName, "package.json")));
  throw new PackageFileError(
    packageName,
    file,
    installed
      ? "the installed package has no such file"
      : `the package is not installed (looked in ${dirs.length} folders)`,
  );
}
