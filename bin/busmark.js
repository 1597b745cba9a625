#!/usr/bin/env node
// Node entry for `npx busmark`: the compiled CLI in dist/ (built by `npm run build`, which npm runs as `prepare` on
// `npm ci` and before `npm pack`) when it is there and as new as src/ (see build-stamp.js); otherwise, or with
// BUSMARK_FROM_SOURCES=1, the TypeScript sources through tsx (development: an edit in src/ runs at once).
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compiledEntry } from "./build-stamp.js";

const compiled = process.env.BUSMARK_FROM_SOURCES === "1"
  ? undefined
  : compiledEntry(fileURLToPath(new URL("..", import.meta.url)));
if (compiled) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/bin.ts");
}
