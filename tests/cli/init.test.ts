/**
 * `busmark init`: the scaffolded scenario is valid as written (checked by `busmark validate`), its schema line
 * resolves from the project, the workflow matches docs/reports.md's example, and nothing is ever overwritten
 * without --force.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { runCli } from "./capture.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "busmark-init-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The `$schema` target of a scenario's first line. */
function schemaLine(file: string): string {
  const first = readFileSync(file, "utf8").split("\n")[0]!;
  const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
  assert.ok(m, first);
  return m[1]!;
}

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}

function steps(yamlText: string): Step[] {
  const doc = parse(yamlText) as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(doc.jobs).flatMap((j) => j.steps);
}

describe("busmark init", () => {
  it("scaffolds a scenario that validates cleanly, with a schema line into node_modules/busmark", async () => {
    const project = join(tmp, "installed");
    mkdirSync(join(project, "node_modules"), { recursive: true });
    symlinkSync(ROOT, join(project, "node_modules", "busmark"));
    const r = await runCli(["init", project, "--name", "orders-latency"]);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, /note:/);
    const file = join(project, "scenarios", "orders-latency.yaml");
    assert.equal(schemaLine(file), "../node_modules/busmark/schemas/scenario.schema.json");
    assert.ok(existsSync(resolve(dirname(file), schemaLine(file))));
    const v = await runCli(["validate", file]);
    assert.equal(v.code, 0, v.out + v.err);
    assert.match(
      v.out,
      /orders-latency\.yaml: ok — orders-latency: 1 event type, 2 phases, 12s \(quick 4s\), 3 thresh/,
    );
    assert.doesNotMatch(v.out, /warning/, "no threshold the run cannot resolve");
    assert.match(readFileSync(file, "utf8"), /^tags: \[ci\]/m, "the workflow's --tag ci selects it");
  });

  it("points the schema line at this busmark's schema, and says so, when busmark is not under node_modules", async () => {
    const project = join(tmp, "bare");
    const r = await runCli(["init", project]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /note: busmark is not installed in this project's node_modules/);
    const file = join(project, "scenarios", "smoke.yaml");
    const ref = schemaLine(file);
    assert.doesNotMatch(ref, /node_modules/);
    assert.equal(resolve(dirname(file), ref), join(ROOT, "schemas", "scenario.schema.json"));
    assert.equal((await runCli(["validate", file])).code, 0);
  });

  it("writes a workflow that runs the quick ci catalogue and uploads JUnit as docs/reports.md does", async () => {
    const project = join(tmp, "workflow");
    assert.equal((await runCli(["init", project])).code, 0);
    const ours = steps(readFileSync(join(project, ".github", "workflows", "busmark.yml"), "utf8"));
    const doc = readFileSync(join(ROOT, "docs", "reports.md"), "utf8");
    const example = steps(/```yaml\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf("## CI example")))![1]!);
    assert.deepEqual(ours.filter((s) => s.run?.includes("busmark")).map((s) => s.run!.trim()), [
      "npx busmark run --all --quick --tag ci --quiet",
    ]);
    const junit = (list: Step[]) => list.find((s) => s.uses?.startsWith("mikepenz/action-junit-report"));
    assert.ok(junit(ours));
    assert.equal(junit(ours)!.uses, junit(example)!.uses);
    assert.equal(junit(ours)!.with!.report_paths, junit(example)!.with!.report_paths);
    const actions = (list: Step[]) => list.map((s) => s.uses).filter((u) => u !== undefined).sort();
    assert.deepEqual(actions(ours), actions(example), "the same actions at the same versions");
    for (const cmd of ["sudo apt-get install -y nats-server", "npm ci"]) {
      assert.ok(ours.some((s) => s.run?.includes(cmd)), cmd);
    }
  });

  it("never overwrites: exits 2 naming the existing files and writes nothing, unless --force", async () => {
    const project = join(tmp, "existing");
    const workflow = join(project, ".github", "workflows", "busmark.yml");
    mkdirSync(dirname(workflow), { recursive: true });
    writeFileSync(workflow, "mine\n");
    const r = await runCli(["init", project]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^busmark init: Cannot scaffold: .*busmark\.yml already exists; nothing was written/);
    assert.equal(readFileSync(workflow, "utf8"), "mine\n");
    assert.equal(existsSync(join(project, "scenarios", "smoke.yaml")), false, "not even the missing one");
    const forced = await runCli(["init", project, "--force"]);
    assert.equal(forced.code, 0, forced.err);
    assert.match(readFileSync(workflow, "utf8"), /npx busmark run --all --quick --tag ci/);
  });

  it("refuses a name that is not kebab-case, a second directory and a file as the directory", async () => {
    assert.match((await runCli(["init", join(tmp, "n"), "--name", "My Scenario"])).err, /not a kebab-case name/);
    assert.equal((await runCli(["init", join(tmp, "a"), join(tmp, "b")])).code, 2);
    const file = join(tmp, "plain-file");
    writeFileSync(file, "");
    const r = await runCli(["init", file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /is not a directory/);
    assert.equal(existsSync(join(tmp, "n")), false);
  });
});
