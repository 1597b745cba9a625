/**
 * The command line that starts the real busmark executable on the runtime the tests run on: `node bin/busmark.js`
 * under Node, `deno run -A src/cli/bin.ts` under Deno (so the Deno suite needs no Node, as on a machine with only
 * deno), and the wrapper a user of that runtime types (`npx busmark`, `deno task busmark`).
 */
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** The repository's root. */
export const REPO_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const denoExe = (globalThis as { Deno?: { execPath(): string } }).Deno?.execPath();

/** True when the tests run under Deno. */
export const onDeno: boolean = denoExe !== undefined;

/** argv starting busmark's executable directly on this runtime, e.g. `[node, .../bin/busmark.js]`. */
export function busmarkArgv(): string[] {
  return denoExe ? [denoExe, "run", "-A", join(REPO_ROOT, "src", "cli", "bin.ts")] : [
    process.execPath,
    join(REPO_ROOT, "bin", "busmark.js"),
  ];
}

/** The same as one shell word list, each argument single-quoted. */
export function busmarkShell(): string {
  return busmarkArgv().map((a) => `'${a.replaceAll("'", `'"'"'`)}'`).join(" ");
}

/** argv of the wrapper a user of this runtime runs busmark through, from the repository: npx or deno task. */
export function wrapperArgv(): string[] {
  return denoExe ? [denoExe, "task", "--quiet", "busmark"] : ["npx", "busmark"];
}
