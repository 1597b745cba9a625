/**
 * Whether the compiled CLI in `dist/` is as new as the TypeScript in `src/`. The build (`scripts/build.mjs`) writes
 * `dist/build-stamp.txt`: the newest modification time of a file under `src/` and the number of files, taken before
 * it compiles. `dist/` is used only while both still hold, so a developer who edits, adds or removes a source file
 * runs the sources, never old code. One stat per file: about 2 ms. An installed package (its root inside a
 * `node_modules` directory) trusts its stamp without comparing times: npm dates the files it extracts at install
 * time, after the build, and nobody edits the sources there.
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, sep } from "node:path";

/** Where the stamp is, relative to the package root. */
export const STAMP_FILE = join("dist", "build-stamp.txt");

/** The compiled entry, relative to the package root. */
export const COMPILED_ENTRY = join("dist", "cli", "bin.js");

/**
 * The stamp of the sources under `root`/src as the build writes it: `<newest mtime in ms> <file count>`.
 * @param {string} root the package root
 * @returns {string}
 */
export function sourceStamp(root) {
  let newest = 0;
  let count = 0;
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        count++;
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  walk(join(root, "src"));
  return `${Math.floor(newest)} ${count}`;
}

/**
 * True when `root` is inside a `node_modules` directory: an installed package, not a checkout.
 * @param {string} root the package root
 * @returns {boolean}
 */
export function isInstalled(root) {
  return root.split(sep).includes("node_modules");
}

/**
 * The compiled entry's absolute path when `root`'s `dist/` is there and not stale: its stamp names the sources'
 * newest time (or a later one) and their file count, or the package is installed. Otherwise undefined (run the
 * sources).
 * @param {string} root the package root
 * @returns {string | undefined}
 */
export function compiledEntry(root) {
  let stamp;
  try {
    stamp = readFileSync(join(root, STAMP_FILE), "utf8").trim().split(" ");
    statSync(join(root, COMPILED_ENTRY));
  } catch {
    return undefined;
  }
  if (isInstalled(root)) return join(root, COMPILED_ENTRY);
  const [newest, count] = sourceStamp(root).split(" ");
  return Number(newest) <= Number(stamp[0]) && count === stamp[1] ? join(root, COMPILED_ENTRY) : undefined;
}
