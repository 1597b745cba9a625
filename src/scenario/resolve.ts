/**
 * Finding scenarios: the default directory, the files in it, and a name-or-path reference as `busmark run` takes.
 * @module
 */
import { InputPathError, UsageError } from "../errors.ts";
import { FsError, listDir, pathExists, realPath } from "../runtime/fs.ts";
import { currentDir } from "../runtime/host.ts";
import { baseName, extName, isDirectory, joinPath, resolvePath, urlToPath } from "../runtime/paths.ts";
import { didYouMean } from "../text/suggest.ts";

/** The package's own `scenarios/` directory. */
export const PACKAGE_SCENARIOS_DIR: string = urlToPath(new URL("../../scenarios", import.meta.url));

/** The prefix that names one of busmark's bundled scenarios whatever the working directory holds. */
export const BUILTIN_PREFIX = "builtin:";

/** `scenarios/` in the working directory when it exists, else the package's own. */
export function defaultScenariosDir(): string {
  const local = joinPath(currentDir(), "scenarios");
  return isDirectory(local) ? local : PACKAGE_SCENARIOS_DIR;
}

/** True when `dir` is the package's own `scenarios/` (compared by real path, so a link to it counts). */
export function isPackageScenariosDir(dir: string): boolean {
  try {
    return realPath(dir) === realPath(PACKAGE_SCENARIOS_DIR);
  } catch (error) {
    if (error instanceof FsError) return false;
    throw error;
  }
}

/** Where a listed scenario comes from: the project's own folder, or the catalogue bundled with busmark. */
export type ScenarioSource = "local" | "builtin";

/**
 * The scenario folders a bare name is looked up in, in order: `dir` (by default `scenarios/` in the working
 * directory) and then busmark's bundled catalogue, once when both are the same folder.
 */
export function scenarioSearchDirs(dir: string = defaultScenariosDir()): { dir: string; source: ScenarioSource }[] {
  if (isPackageScenariosDir(dir)) return [{ dir: PACKAGE_SCENARIOS_DIR, source: "builtin" }];
  return [{ dir, source: "local" }, { dir: PACKAGE_SCENARIOS_DIR, source: "builtin" }];
}

/** True for a `.yaml` / `.yml` file name. */
export function isScenarioFileName(name: string): boolean {
  const ext = extName(name);
  return ext === ".yaml" || ext === ".yml";
}

/**
 * The scenario files directly in `dir`, sorted by name (an entry that cannot be examined, such as a symbolic-link
 * loop, is listed, so that reading it reports why). Throws {@link InputPathError} when `dir` cannot be listed.
 */
export function scenarioFiles(dir: string): string[] {
  let names: string[];
  try {
    names = listDir(dir);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    throw new InputPathError(dir, error.code, `Cannot list scenario directory ${error.message}`, { cause: error });
  }
  return names.filter(isScenarioFileName).map((name) => joinPath(dir, name)).filter((f) => !isDirectory(f));
}

/** The scenario names (file base names) in `dir`. */
export function scenarioNames(dir: string): string[] {
  return scenarioFiles(dir).map((f) => baseName(f, extName(f)));
}

function fileIn(dir: string, name: string): string | undefined {
  for (const ext of [".yaml", ".yml"]) {
    const candidate = joinPath(dir, `${name}${ext}`);
    if (pathExists(candidate) && !isDirectory(candidate)) return resolvePath(candidate);
  }
  return undefined;
}

function known(names: string[], prefix = ""): string {
  return names.length > 0 ? names.map((n) => prefix + n).join(", ") : "none";
}

/**
 * The absolute path of a scenario given as `builtin:NAME` (busmark's bundled catalogue only), as a path to a file,
 * or by name: `NAME.yaml` (or `.yml`) in `dir` (by default `scenarios/` in the working directory when it exists),
 * else in the bundled catalogue. Throws {@link UsageError} naming the known scenarios when nothing matches.
 */
export function resolveScenarioRef(nameOrPath: string, dir: string = defaultScenariosDir()): string {
  if (nameOrPath.startsWith(BUILTIN_PREFIX)) {
    const name = nameOrPath.slice(BUILTIN_PREFIX.length);
    const found = isScenarioFileName(name) || name.includes("/") ? undefined : fileIn(PACKAGE_SCENARIOS_DIR, name);
    if (found) return found;
    const names = scenarioNames(PACKAGE_SCENARIOS_DIR);
    throw new UsageError(
      `Cannot find scenario \`${nameOrPath}\` among busmark's bundled scenarios${didYouMean(name, names)} ` +
        `(bundled: ${known(names, BUILTIN_PREFIX)})`,
    );
  }
  if (pathExists(nameOrPath) && !isDirectory(nameOrPath)) return resolvePath(nameOrPath);
  if (nameOrPath.includes("/") || isScenarioFileName(nameOrPath)) {
    throw new UsageError(`Cannot find scenario file \`${nameOrPath}\``);
  }
  const dirs = scenarioSearchDirs(dir);
  for (const { dir: d } of dirs) {
    const found = fileIn(d, nameOrPath);
    if (found) return found;
  }
  const local = dirs.find((d) => d.source === "local");
  const names = local ? scenarioNames(local.dir) : [];
  const bundled = scenarioNames(PACKAGE_SCENARIOS_DIR);
  const where = local
    ? `in ${local.dir} (${names.length > 0 ? `known scenarios: ${names.join(", ")}` : "it holds no scenarios"}) ` +
      `nor among busmark's bundled scenarios`
    : `among busmark's bundled scenarios in ${PACKAGE_SCENARIOS_DIR}`;
  throw new UsageError(
    `Cannot find scenario \`${nameOrPath}\` ${where}${didYouMean(nameOrPath, [...names, ...bundled])} ` +
      `(bundled: ${known(bundled)})`,
  );
}
