/**
 * busmark as another project gets it: `npm pack`, then `npm i <tarball>` into a fresh folder, then the commands a new
 * user types there (`--version`, `init`, `validate`, `list`, and the scaffolded workflow's quick run against the NATS
 * on 127.0.0.1:4222). Node only: it is npm's install path (the Deno-alone leg of `.ci/run` covers Deno).
 *
 * npm installs with `--prefer-offline` (the cache npm ci filled; the registry only for what is missing) and
 * `--ignore-scripts`: better-sqlite3's install script would compile it for minutes (its prebuilt binary comes from
 * GitHub), so the native module this checkout already built, of the same version, is copied in instead.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { compiledEntry } from "../../bin/build-stamp.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "busmark-install-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const version = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;

interface Ran {
  code: number | null;
  out: string;
  ms: number;
}

function sh(cmd: string, args: string[], cwd: string, timeoutMs = 60_000): Ran {
  const started = performance.now();
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    timeout: timeoutMs,
    killSignal: "SIGKILL",
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
  });
  return {
    code: r.status,
    out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`,
    ms: performance.now() - started,
  };
}

describe(
  "the packed tarball installed into another project",
  { skip: "Deno" in globalThis && "npm's install path" },
  () => {
    it("ships only what runs, and init, validate, list and a quick run work from the project", () => {
      const pack = sh("npm", ["pack", "--silent", "--pack-destination", tmp], ROOT);
      assert.equal(pack.code, 0, pack.out);
      const tarball = join(tmp, pack.out.trim().split("\n").pop()!);
      const project = join(tmp, "project");
      mkdirSync(project);
      writeFileSync(join(project, "package.json"), JSON.stringify({ name: "tryout", private: true }));
      const install = sh("npm", ["i", "-D", tarball, "--prefer-offline", "--ignore-scripts"], project, 120_000);
      assert.equal(install.code, 0, install.out);
      console.log(`npm pack ${Math.round(pack.ms)} ms, npm i of the tarball ${Math.round(install.ms)} ms`);

      const installed = join(project, "node_modules", "busmark");
      assert.deepEqual(readdirSync(installed).sort(), [
        "README.md",
        "bin",
        "dist",
        "docs",
        "package.json",
        "scenarios",
        "schemas",
        "src",
      ]);
      assert.equal(
        compiledEntry(installed),
        join(installed, "dist", "cli", "bin.js"),
        "the installed package runs the tarball's dist/",
      );
      const sqlite = (dir: string) => join(dir, "node_modules", "better-sqlite3");
      assert.equal(version(sqlite(project)), version(sqlite(ROOT)), "the copied native module is of the same version");
      mkdirSync(join(sqlite(project), "build", "Release"), { recursive: true });
      const addon = join("build", "Release", "better_sqlite3.node");
      copyFileSync(join(sqlite(ROOT), addon), join(sqlite(project), addon));

      const busmark = (...args: string[]) => sh("npx", ["--no-install", "busmark", ...args], project);
      const v = busmark("--version");
      assert.equal(v.code, 0, v.out);
      assert.equal(v.out, `busmark ${version(ROOT)}\n`);

      const init = busmark("init");
      assert.equal(init.code, 0, init.out);
      assert.doesNotMatch(init.out, /note:/, "busmark is under node_modules: a portable schema line");
      const file = join(project, "scenarios", "smoke.yaml");
      const schemaRef = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(file, "utf8"))![1]!;
      assert.equal(schemaRef, "../node_modules/busmark/schemas/scenario.schema.json");
      assert.ok(existsSync(resolve(dirname(file), schemaRef)));

      const validate = busmark("validate");
      assert.equal(validate.code, 0, validate.out);
      assert.match(validate.out, /^scenarios\/smoke\.yaml: ok — smoke: /);

      const list = busmark("list");
      assert.equal(list.code, 0, list.out);
      assert.match(list.out, /^smoke +12s +4s +ci +/m);
      assert.match(list.out, /^builtin:sustained-throughput +/m);
      const missing = busmark("run", "builtin:nope");
      assert.equal(missing.code, 2, missing.out);
      assert.match(missing.out, /among busmark's bundled scenarios \(bundled: builtin:burst, /);

      // The workflow's own step, as written, with a private subject prefix on the shared NATS and a lenient generator
      // bound (a busy test machine must not make the run invalid, exit 4).
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace("prefix: rosey.db", `prefix: inst${Date.now().toString(36)}.db`),
      );
      const workflow = parse(readFileSync(join(project, ".github", "workflows", "busmark.yml"), "utf8")) as {
        jobs: { busmark: { steps: { run?: string }[] } };
      };
      const step = workflow.jobs.busmark.steps.find((s) => s.run?.includes("busmark run"))!.run!.trim();
      const args = step.replace(/^npx busmark /, "").split(" ");
      const run = sh("npx", ["--no-install", "busmark", ...args, "--max-lag", "2000"], project, 90_000);
      assert.equal(run.code, 0, run.out);
      const reports = join(project, "reports", "smoke");
      const runs = readdirSync(reports);
      assert.equal(runs.length, 1);
      assert.ok(existsSync(join(reports, runs[0]!, "junit.xml")), "where the workflow's report_paths looks");
      console.log(`quick run from the project: ${Math.round(run.ms)} ms`);
    });
  },
);
