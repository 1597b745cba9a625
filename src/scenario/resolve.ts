/**
 * Finding scenarios: the default directory, the files in it, and a name-or-path reference as `busmark run` takes.
 * @module
 */
import { InputPathError, UsageError } from "../errors.ts";
import { FsError, listDir, pathExists } from "../runtime/fs.ts";
import { currentDir } from "../runtime/host.ts";
import { baseName, extName, isDirectory, joinPath, resolvePath, urlToPath } from "../runtime/paths.ts";
import { didYouMean } from "../text/suggest.ts";

/** The package's own `scenarios/` directory. */
export const PACKAGE_SCENARIOS_DIR: string = urlToPath(new URL("../../scenarios", import.meta.url));

/** `scenarios/` in the working directory when it exists, else the package's own. */
export function defaultScenariosDir(): string {
  const local = joinPath(currentDir(), "scenarios");
  return isDirectory(local) ? local : PACKAGE_SCENARIOS_DIR;
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

/**
 * The absolute path of a scenario given by name (a file in `dir`) or by path. Throws {@link UsageError} naming the
 * known scenarios when nothing matches.
 */
export function resolveScenarioRef(nameOrPath: string, dir: string = defaultScenariosDir()): string {
  if (pathExists(nameOrPath) && !isDirectory(nameOrPath)) return resolvePath(nameOrPath);
  if (nameOrPath.includes("/") || isScenarioFileName(nameOrPath)) {
    throw new UsageError(`Cannot find scenario file \`${nameOrPath}\``);
  }
  for (const ext of [".yaml", ".yml"]) {
    const candidate = joinPath(dir, `${nameOrPath}${ext}`);
    if (pathExists(candidate)) return resolvePath(candidate);
  }
  const names = scenarioNames(dir);
  const known = names.length > 0 ? `known scenarios: ${names.join(", ")}` : "it holds no scenarios";
  throw new UsageError(
    `Cannot find scenario \`${nameOrPath}\` in ${dir}${didYouMean(nameOrPath, names)} (${known})`,
  );
}
