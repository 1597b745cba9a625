/**
 * Path arithmetic the core uses instead of importing `node:path` / `node:url` itself.
 * @module
 */
import { statSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Resolves `parts` to an absolute path against the current working directory. */
export function resolvePath(...parts: string[]): string {
  return resolve(...parts);
}

/** Joins path segments. */
export function joinPath(...parts: string[]): string {
  return join(...parts);
}

/** `path` relative to `from` (both resolved against the working directory). */
export function relativePath(from: string, path: string): string {
  return relative(from, path);
}

/** The last segment of a path, without `ext` when it ends with it. */
export function baseName(path: string, ext?: string): string {
  return ext === undefined ? basename(path) : basename(path, ext);
}

/** The extension of a path's last segment, with its dot (`.yaml`), or empty. */
export function extName(path: string): string {
  return extname(path);
}

/** True when `path` is absolute. */
export function isAbsolutePath(path: string): boolean {
  return isAbsolute(path);
}

/** The file-system path of a `file:` URL (e.g. one built from `import.meta.url`). */
export function urlToPath(url: string | URL): string {
  return fileURLToPath(url);
}

/** The directory part of `path` (`/a/b/c.db` → `/a/b`, `c.db` → `.`). */
export function dirName(path: string): string {
  return dirname(path);
}

/** True when `path` exists and is a directory (false when it cannot be examined, e.g. a symbolic-link loop). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/**
 * The URL of one of this package's own modules, `specifier` written as in the sources (`./sql-poll-worker.ts`) and
 * resolved against `base` (the caller's `import.meta.url`). Running compiled (`dist/`, `base` ends in `.js`), it
 * names the compiled `.js` module instead, as `rewriteRelativeImportExtensions` does for the imports.
 */
export function ownModuleUrl(specifier: string, base: string): URL {
  const url = new URL(specifier, base);
  if (new URL(base).pathname.endsWith(".js") && url.pathname.endsWith(".ts")) {
    url.pathname = `${url.pathname.slice(0, -3)}.js`;
  }
  return url;
}
