import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { formatList, shortDescription } from "../../src/cli/commands/list.ts";
import { runCli } from "./capture.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "busmark-list-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("busmark list", () => {
  it("lists scenarios/ with durations, tags and descriptions", async () => {
    const before = process.cwd();
    process.chdir(ROOT);
    const r = await runCli(["list"]).finally(() => process.chdir(before));
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split("\n");
    assert.match(lines[0]!, /^NAME +DURATION +QUICK +TAGS +DESCRIPTION$/);
    const row = lines.find((l) => l.startsWith("sustained-throughput "));
    assert.ok(row, r.out);
    assert.match(row, /^sustained-throughput +12s +4s +throughput, latency, ci +Sustained /);
    assert.ok(lines.some((l) => /^single-event-latency +11s +3\.5s +latency, ci +/.test(l)));
  });

  it("falls back to the package's scenarios outside a project", async () => {
    const before = process.cwd();
    process.chdir(dir);
    const r = await runCli(["list"]).finally(() => process.chdir(before));
    assert.equal(r.code, 0);
    assert.match(r.out, /sustained-throughput/);
  });

  it("lists scenarios/ and then the bundled ones as builtin:NAME, and says so; --json gives the source", async () => {
    const project = join(dir, "project");
    mkdirSync(join(project, "scenarios"), { recursive: true });
    writeFileSync(
      join(project, "scenarios", "burst.yaml"),
      readFileSync(join(ROOT, "tests/fixtures/scenarios/valid/mixed-chat.yaml"), "utf8").replace(
        /^name: .*$/m,
        "name: burst",
      ),
    );
    const before = process.cwd();
    process.chdir(project);
    let r, json;
    try {
      r = await runCli(["list"]);
      json = await runCli(["list", "--json"]);
    } finally {
      process.chdir(before);
    }
    assert.equal(r.code, 0, r.out + r.err);
    const names = r.out.split("\n").slice(1).map((l) => l.split(" ")[0]).filter(Boolean);
    assert.equal(names[0], "burst", "the local one first, by its bare name");
    assert.ok(names.includes("builtin:burst"), "the bundled one of the same name, by the name that reaches it");
    assert.ok(names.includes("builtin:sustained-throughput"));
    assert.match(r.out, /^builtin:NAME is bundled with busmark; the others are in scenarios\//m);
    const sources = (JSON.parse(json.out) as { name: string; source: string }[]).map((s) => `${s.source}:${s.name}`);
    assert.equal(sources[0], "local:burst");
    assert.ok(sources.includes("builtin:burst"));
  });

  it("marks invalid scenarios and exits 2; --json gives the summaries", async () => {
    const sub = join(dir, "mixed");
    mkdirSync(sub);
    writeFileSync(join(sub, "broken.yaml"), "version: 1\n");
    const r = await runCli(["list", "--dir", sub]);
    assert.equal(r.code, 2);
    assert.match(r.out, /^broken +- +- +INVALID: 4 problems \(busmark validate .*broken\.yaml\)$/m);
    const json = await runCli(["list", "--dir", sub, "--json"]);
    assert.equal(JSON.parse(json.out)[0].name, "broken");
    const empty = join(dir, "none");
    mkdirSync(empty);
    assert.deepEqual(await runCli(["list", "--dir", empty]), { code: 0, out: `No scenarios in ${empty}\n`, err: "" });
    assert.equal((await runCli(["list", "extra"])).code, 2);
  });

  it("shortens descriptions to their first sentence", () => {
    assert.equal(shortDescription("One.  Two."), "One.");
    assert.equal(shortDescription("No full stop"), "No full stop");
    assert.equal(shortDescription("x".repeat(120), 10), "xxxxxxxxx…");
    assert.equal(shortDescription("v1.2 is out. Yes."), "v1.2 is out.");
    assert.equal(formatList([]).split("\n")[0], "NAME  DURATION  QUICK  TAGS  DESCRIPTION");
  });
});
