/**
 * File-system helpers the core uses instead of importing `node:fs` itself.
 * @module
 */
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import process from "node:process";

/** A file-system operation failed on `path`; `code` is the system's (`ENOENT`, `ELOOP`, `EACCES`, ...). */
export class FsError extends Error {
  readonly path: string;
  readonly code: string;
  constructor(path: string, code: string, reason: string, options?: { cause?: unknown }) {
    super(`\`${path}\`: ${reason}`, options);
    this.name = "FsError";
    this.path = path;
    this.code = code;
  }
}

/** The short reason of a system error: its code and text without the repeated syscall and path. */
function reasonOf(error: unknown): { code: string; reason: string } {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === "string" ? e.code : "EIO";
  const message = typeof e?.message === "string" ? e.message : String(error);
  const reason = message.replace(/^[A-Z]+: /, "").replace(/, [a-z]+ '[^']*'( -> '[^']*')?$/, "");
  return { code, reason: reason.includes(code) ? reason : `${reason} (${code})` };
}

/** Runs `fn`, turning a system error into an {@link FsError} on `path`. */
function onPath<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof FsError) throw error;
    const { code, reason } = reasonOf(error);
    throw new FsError(path, code, reason, { cause: error });
  }
}

/** The size of a file in bytes (symbolic links followed); throws {@link FsError}. */
export function fileSize(path: string): number {
  return onPath(path, () => statSync(path).size);
}

/** The canonical absolute path (symbolic links resolved); the resolved path itself when it cannot be. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Reads a UTF-8 text file; throws {@link FsError}. */
export function readText(path: string): string {
  return onPath(path, () => readFileSync(path, "utf8"));
}

/** True when the path exists. */
export function pathExists(path: string): boolean {
  return existsSync(path);
}

/** Lists a directory's entry names, sorted; empty when it does not exist; throws {@link FsError} otherwise. */
export function listDir(path: string): string[] {
  if (!existsSync(path)) return [];
  return onPath(path, () => readdirSync(path).sort());
}

/**
 * Creates a directory and its parents; throws {@link FsError} naming the directory that could not be made. Each
 * missing ancestor is made once, so a file system that refuses (`/proc/x`: ENOENT with the parent present) fails
 * instead of being retried forever, as Node's `mkdirSync(..., { recursive: true })` does.
 */
export function makeDir(path: string): void {
  const missing: string[] = [];
  for (let dir = resolve(path); !existsSync(dir); dir = dirname(dir)) {
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) {
    onPath(dir, () => {
      try {
        mkdirSync(dir);
      } catch (error) {
        if ((error as { code?: unknown }).code !== "EEXIST" || !statSync(dir).isDirectory()) throw error;
      }
    });
  }
  onPath(path, () => {
    if (!statSync(path).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
  });
}

/**
 * Checks that files can be written in directory `path` before anything depends on it: creates it (and its
 * parents), writes a probe file and removes it. Throws {@link FsError} with the reason.
 */
export function checkWritableDir(path: string): void {
  makeDir(path);
  const probe = join(path, `.busmark-probe-${process.pid}-${Date.now()}`);
  onPath(path, () => {
    writeFileSync(probe, "");
    unlinkSync(probe);
  });
}

/**
 * Writes a file so that readers never see it half-written: the content goes to a temporary file in the same
 * directory, which is then renamed over the target.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  makeDir(dirname(path));
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  onPath(path, () => {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  });
}

/** Creates a fresh temporary directory whose name starts with `prefix`. */
export function makeTempDir(prefix = "busmark-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies a file to `to` (its directory created when missing); throws {@link FsError}. */
export function copyFile(from: string, to: string): void {
  makeDir(dirname(to));
  onPath(from, () => copyFileSync(from, to));
}

/**
 * Moves every file of directory `from` into `to` (renamed, or copied and removed across file systems); a missing
 * `from` moves nothing. Throws {@link FsError}.
 */
export function moveDirContents(from: string, to: string): void {
  if (!existsSync(from)) return;
  makeDir(to);
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dst = join(to, name);
    onPath(dst, () => {
      try {
        renameSync(src, dst);
      } catch (error) {
        if ((error as { code?: string }).code !== "EXDEV") throw error;
        copyFileSync(src, dst);
        unlinkSync(src);
      }
    });
  }
}

/** Removes a file or directory tree; missing paths are ignored. */
export function removePath(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** Appends UTF-8 text to a file (CI job summaries), creating it and its directory when missing. */
export function appendText(path: string, text: string): void {
  makeDir(dirname(path));
  onPath(path, () => appendFileSync(path, text));
}
