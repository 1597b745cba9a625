/**
 * Baselines and run sets. A baseline is a label under the report root: `<root>/baselines/<label>/<scenario>/
 * <run-id>.json`, one full `result.json` per run (so every run's histograms are kept). Saving a scenario under a
 * label replaces that scenario's runs and leaves the label's other scenarios alone, so a CI job can save the whole
 * quick catalogue under one label.
 *
 * `busmark compare` accepts on either side: a baseline label, a baseline directory, a run directory (with
 * `result.json`), a repeat directory (with `repeat.json`: its runs are used, not the combined view), or the path of
 * a `result.json` or `repeat.json`.
 * @module
 */
import { UsageError } from "../errors.ts";
import { validateResult } from "../result/validate.ts";
import type { RunResult } from "../result/types.ts";
import { isDirectory } from "../runtime/paths.ts";
import { listDir, pathExists, readText, removePath, writeFileAtomic } from "../runtime/fs.ts";
import type { RunSet } from "./compare.ts";
import { isRepeatManifest } from "../result/repeat.ts";

/** Labels are plain names: letters, digits, `.`, `_`, `-` (no path separators, not `.` or `..`). */
export function checkLabel(label: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(label) || /^\.+$/.test(label)) {
    throw new UsageError(`Cannot use \`${label}\` as a baseline label: use letters, digits, \`.\`, \`_\` and \`-\``);
  }
  return label;
}

/** The directory of a baseline label. */
export function baselineDir(root: string, label: string): string {
  return `${root}/baselines/${checkLabel(label)}`;
}

/** Saves runs under a label (replacing those of their scenarios); returns the scenario directories written. */
export function saveBaseline(root: string, label: string, runs: readonly RunResult[]): string[] {
  const dirs: string[] = [];
  for (const scenario of new Set(runs.map((r) => r.scenario.name))) {
    const dir = `${baselineDir(root, label)}/${scenario}`;
    removePath(dir);
    for (const r of runs.filter((x) => x.scenario.name === scenario)) {
      writeFileAtomic(`${dir}/${r.runId}.json`, `${JSON.stringify(r, null, 2)}\n`);
    }
    dirs.push(dir);
  }
  return dirs;
}

/** Reads and validates one result file. */
export function readResult(path: string): RunResult {
  let value: unknown;
  try {
    value = JSON.parse(readText(path));
  } catch (error) {
    throw new UsageError(`Cannot read \`${path}\`: ${(error as Error).message}`);
  }
  const problems = validateResult(value);
  if (problems.length > 0) {
    throw new UsageError(`Cannot read \`${path}\`: not a busmark result (${problems.slice(0, 3).join("; ")})`);
  }
  return value as RunResult;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "." : path.slice(0, i);
}

function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readText(path));
  } catch (error) {
    throw new UsageError(`Cannot read \`${path}\`: ${(error as Error).message}`);
  }
}

/** The runs a repeat manifest lists. */
function readRepeat(path: string): RunResult[] {
  const manifest = readJsonFile(path);
  if (!isRepeatManifest(manifest)) throw new UsageError(`Cannot read \`${path}\`: not a repeat manifest`);
  return manifest.runs.map((r) => readResult(`${dirOf(path)}/${r.dir}/result.json`));
}

/** The runs of a baseline directory (`<scenario>/<run-id>.json`). */
function readBaselineDir(dir: string): RunResult[] {
  const runs: RunResult[] = [];
  for (const scenario of listDir(dir)) {
    if (!isDirectory(`${dir}/${scenario}`)) continue;
    for (const file of listDir(`${dir}/${scenario}`)) {
      if (file.endsWith(".json")) runs.push(readResult(`${dir}/${scenario}/${file}`));
    }
  }
  return runs;
}

/** Groups runs by scenario name. */
export function groupByScenario(runs: readonly RunResult[]): RunSet {
  const out: RunSet = new Map();
  for (const r of runs) out.set(r.scenario.name, [...(out.get(r.scenario.name) ?? []), r]);
  return out;
}

/** True when a compare argument names a file or directory rather than a baseline label. */
export function isPathRef(ref: string): boolean {
  return pathExists(ref);
}

/**
 * The report roots to look for a baseline label in when `--root` is not given: `reports` (the default `--out`),
 * then the roots the other side's runs were written under (recorded in their results), then the directories above
 * the other side's own (a run directory sits at `<root>/<scenario>/<run-id>`). Each at most once, in that order.
 */
export function labelRoots(other: { runs: readonly RunResult[]; dir: string } | undefined): string[] {
  const roots = ["reports"];
  if (other) {
    for (const r of other.runs) if (r.reportRoot) roots.push(r.reportRoot);
    let dir = other.dir;
    for (let i = 0; i < 4 && dir !== "." && dir !== "/" && dir !== ""; i++) {
      dir = dirOf(dir);
      roots.push(dir);
    }
  }
  return [...new Set(roots)];
}

/**
 * The runs a compare argument names (see the module doc), with a label for display and the directory they came
 * from (the run, repeat or baseline directory; a file's directory). A label is looked up under each of `roots` in
 * turn (the first holding it wins).
 */
export function loadRuns(
  ref: string,
  roots: string | readonly string[],
): { label: string; runs: RunResult[]; dir: string } {
  let runs: RunResult[];
  let dir = ref;
  if (isDirectory(ref)) {
    if (pathExists(`${ref}/repeat.json`)) runs = readRepeat(`${ref}/repeat.json`);
    else if (pathExists(`${ref}/result.json`)) runs = [readResult(`${ref}/result.json`)];
    else runs = readBaselineDir(ref);
  } else if (pathExists(ref)) {
    const value = readJsonFile(ref);
    runs = isRepeatManifest(value) ? readRepeat(ref) : [readResult(ref)];
    dir = dirOf(ref);
  } else {
    const tried = (typeof roots === "string" ? [roots] : roots).map((root) => baselineDir(root, ref));
    const found = tried.find((d) => isDirectory(d));
    if (found === undefined) {
      throw new UsageError(
        `Cannot find \`${ref}\`: it is neither a file, a directory, nor a baseline label (looked in ${
          tried.join(", ")
        }; pass \`--root\` for another report root)`,
      );
    }
    dir = found;
    runs = readBaselineDir(dir);
  }
  if (runs.length === 0) throw new UsageError(`Cannot compare \`${ref}\`: it holds no run results`);
  return { label: ref, runs, dir: dir.replace(/\/+$/, "") || "/" };
}
