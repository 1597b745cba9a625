/**
 * Builds the compiled CLI Node runs (`npm run build`, and npm's `prepare`: on `npm ci` in a checkout and before
 * `npm pack`): tsc with tsconfig.build.json emits src/ as JavaScript with source maps into dist/ (or `--out DIR`),
 * the non-TypeScript files under src/ (the report page's client scripts) are copied beside it, and
 * dist/build-stamp.txt records the sources it was built from (bin/build-stamp.js), taken before compiling so an edit
 * made meanwhile leaves the build stale. dist/ sits at the same depth as src/, so the paths modules resolve from
 * `import.meta.url` (`../../package.json`, `../../schemas/...`, `../../scenarios`) name the same files from both.
 * @module
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { sourceStamp, STAMP_FILE } from "../bin/build-stamp.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const outFlag = process.argv.indexOf("--out");
const out = outFlag >= 0 ? resolve(process.argv[outFlag + 1] ?? "") : join(ROOT, "dist");

const stamp = sourceStamp(ROOT);
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const built = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json"), "--outDir", out], {
  stdio: "inherit",
});
if (built.status !== 0) {
  console.error(`build: tsc failed (exit ${built.status ?? built.signal})`);
  process.exit(1);
}

/** Copies every file under `dir` that tsc does not emit (anything but `.ts`) to the same place under `out`. */
function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(path);
    else if (!entry.name.endsWith(".ts")) {
      const target = join(out, relative(join(ROOT, "src"), path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
    }
  }
}
copyAssets(join(ROOT, "src"));
writeFileSync(join(out, relative("dist", STAMP_FILE)), `${stamp}\n`);
console.log(`build: ${relative(process.cwd(), out) || "."} from src/ (stamp ${stamp})`);
