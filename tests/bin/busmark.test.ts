/**
 * Node's entry, `bin/busmark.js`: the compiled CLI in dist/ runs (`--version`, `list`), and the entry runs the
 * sources instead when dist/ is stale or BUSMARK_FROM_SOURCES=1. The staleness is checked on a made-up package root
 * in a temporary directory, never on this checkout's tree. Node only: dist/ is what npm builds and runs; Deno runs
 * src/cli/bin.ts itself (and the Deno-alone leg has no node to spawn).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { COMPILED_ENTRY, compiledEntry, sourceStamp, STAMP_FILE } from "../../bin/build-stamp.js";
import { REPO_ROOT } from "../support/cli.ts";

const tmp = mkdtempSync(join(tmpdir(), "busmark-bin-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function node(args: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: `${r.stderr}${r.error ? String(r.error) : ""}` };
}

/**
 * This checkout's compiled entry when dist/ is fresh; else one built now (`scripts/build.mjs --out`) into a package
 * root under the temporary directory, beside links to this checkout's package.json, schemas, scenarios and
 * node_modules (the compiled modules find those from their own place, as from src/).
 */
function builtEntry(): string {
  const fresh = compiledEntry(REPO_ROOT);
  if (fresh) return fresh;
  const root = join(tmp, "package");
  mkdirSync(root);
  for (const name of ["package.json", "schemas", "scenarios", "node_modules"]) {
    symlinkSync(join(REPO_ROOT, name), join(root, name));
  }
  const built = node([join(REPO_ROOT, "scripts", "build.mjs"), "--out", join(root, "dist")]);
  assert.equal(built.code, 0, built.out + built.err);
  return join(root, COMPILED_ENTRY);
}

describe("bin/busmark.js and dist/", { skip: "Deno" in globalThis && "Node's entry; Deno runs src/cli/bin.ts" }, () => {
  it("the compiled CLI prints the package's version and lists the catalogue", () => {
    const entry = builtEntry();
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    assert.deepEqual(node([entry, "--version"]), { code: 0, out: `busmark ${pkg.version}\n`, err: "" });
    const list = node([entry, "list"], { BUSMARK_FROM_SOURCES: "" });
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /^NAME +DURATION +QUICK +TAGS +DESCRIPTION$/m);
    assert.match(list.out, /^sustained-throughput +\d/m);
    assert.match(list.out, /^recent-chat-correctness +\d/m);
  });

  it("runs dist/ while its stamp holds, the sources once one is edited or with BUSMARK_FROM_SOURCES=1", () => {
    const root = join(tmp, "stale");
    const files: Record<string, string> = {
      "package.json": `{ "type": "module" }\n`,
      "src/cli/bin.ts": `const from: string = "sources";\nconsole.log(from);\n`,
      [COMPILED_ENTRY]: `console.log("dist");\n`,
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    mkdirSync(join(root, "bin"));
    for (const file of ["busmark.js", "build-stamp.js"]) {
      copyFileSync(join(REPO_ROOT, "bin", file), join(root, "bin", file));
    }
    symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
    const bin = join(root, "bin", "busmark.js");
    const run = (env: Record<string, string> = {}) => node([bin], { BUSMARK_FROM_SOURCES: "", ...env });

    assert.deepEqual(run(), { code: 0, out: "sources\n", err: "" }, "not built: no stamp");
    writeFileSync(join(root, STAMP_FILE), `${sourceStamp(root)}\n`);
    assert.deepEqual(run(), { code: 0, out: "dist\n", err: "" }, "built and fresh");
    assert.equal(run({ BUSMARK_FROM_SOURCES: "1" }).out, "sources\n", "BUSMARK_FROM_SOURCES=1");
    const later = Date.now() / 1000 + 60;
    utimesSync(join(root, "src/cli/bin.ts"), later, later);
    assert.deepEqual(run(), { code: 0, out: "sources\n", err: "" }, "a source edited after the build");
  });
});
