/**
 * File-system helpers the core uses instead of importing `node:fs` itself.
 * @module
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";

/** Reads a UTF-8 text file. */
export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

/** True when the path exists. */
export function pathExists(path: string): boolean {
  return existsSync(path);
}

/** Lists a directory's entry names, sorted; empty when it does not exist. */
export function listDir(path: string): string[] {
  if (!existsSync(path)) return [];
  return readdirSync(path).sort();
}

/** Creates a directory and its parents. */
export function makeDir(path: string): void {
  mkdirSync(path, { recursive: true });
}

/**
 * Writes a file so that readers never see it half-written: the content goes to a temporary file in the same
 * directory, which is then renamed over the target.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** Creates a fresh temporary directory whose name starts with `prefix`. */
export function makeTempDir(prefix = "busmark-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a file or directory tree; missing paths are ignored. */
export function removePath(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** Appends UTF-8 text to a file (CI job summaries), creating it and its directory when missing. */
export function appendText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, text);
}
