import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { tsEntryArgv } from "../../src/runtime/spawn.ts";
import { runCli } from "./capture.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const INVALID = join(ROOT, "tests/fixtures/scenarios/invalid");
const dir = mkdtempSync(join(tmpdir(), "busmark-validate-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `fn` with the working directory set to `cwd`. */
async function inDir<T>(cwd: string, fn: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await fn();
  } finally {
    process.chdir(before);
  }
}

describe("busmark validate", () => {
  it("validates scenarios/ by default: one summary line per file, exit 0", async () => {
    const r = await inDir(ROOT, () => runCli(["validate"]));
    assert.equal(r.code, 0, r.err + r.out);
    const lines = r.out.trimEnd().split("\n");
    assert.ok(lines.length >= 2);
    assert.ok(
      lines.includes(
        "scenarios/sustained-throughput.yaml: ok — sustained-throughput: 1 event type, 2 phases, 12s (quick 4s), " +
          "4 thresholds",
      ),
      r.out,
    );
    assert.equal(r.err, "");
  });

  it("prints file:line:column: message for each problem, relative to the working directory, exit 2", async () => {
    const r = await inDir(ROOT, () =>
      runCli([
        "validate",
        "tests/fixtures/scenarios/invalid/unknown-property-phase.yaml",
        "scenarios/single-event-latency.yaml",
        join(INVALID, "threshold-unknown-event.yaml"),
      ]));
    assert.equal(r.code, 2);
    assert.equal(
      r.out,
      [
        "tests/fixtures/scenarios/invalid/unknown-property-phase.yaml:14:5: missing required property `duration`",
        "tests/fixtures/scenarios/invalid/unknown-property-phase.yaml:14:35: unknown property `durration` — did you " +
        "mean `duration`?",
        "scenarios/single-event-latency.yaml: ok — single-event-latency: 1 event type, 2 phases, 11s (quick 3.5s), " +
        "4 thresholds",
        "tests/fixtures/scenarios/invalid/threshold-unknown-event.yaml:15:29: unknown event `caht` — did you mean `chat`?",
        "",
      ].join("\n"),
    );
  });

  it("accepts a directory, reports unreadable files and prints JSON on request", async () => {
    const sub = join(dir, "set");
    mkdirSync(sub);
    cpSync(join(ROOT, "scenarios/sustained-throughput.yaml"), join(sub, "sustained-throughput.yaml"));
    writeFileSync(join(sub, "broken.yaml"), "version: [\n");
    const r = await runCli(["validate", sub, join(dir, "missing.yaml"), "--json"]);
    assert.equal(r.code, 2);
    const report = JSON.parse(r.out) as { file: string; valid: boolean; problems: { kind: string }[] }[];
    assert.deepEqual(report.map((x) => [x.file.split("/").pop(), x.valid]), [
      ["broken.yaml", false],
      ["sustained-throughput.yaml", true],
      ["missing.yaml", false],
    ]);
    assert.equal(report[0]!.problems[0]!.kind, "yaml-syntax");
    assert.match(r.err, /Cannot read scenario `[^`]*missing\.yaml`: no such file/);
  });

  it("warns, without failing, about a percentile budget the scenario's rate and duration cannot resolve", async () => {
    const file = join(dir, "unsure.yaml");
    writeFileSync(
      file,
      [
        "version: 1",
        "name: unsure",
        "description: A budget its samples cannot resolve.",
        "service: { reference: {} }",
        "events:",
        "  chat: { subject: message.log, payload: { username: u, message: m } }",
        "phases:",
        "  - { name: steady, kind: steady, duration: 3s, load: { rate: 100 } }",
        "thresholds:",
        '  latency.persisted: ["p99.9 < 50ms", "p50 < 10ms"]',
        "",
      ].join("\n"),
    );
    const r = await runCli(["validate", file]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /unsure\.yaml: ok/);
    assert.match(
      r.out,
      /unsure\.yaml:10:\d+: warning: `latency\.persisted: p99\.9 < 50ms` cannot be resolved in the full variant: p99\.9 from 300 samples/,
    );
    assert.doesNotMatch(r.out, /p50 < 10ms` cannot/);
    const json = JSON.parse((await runCli(["validate", file, "--json"])).out) as { warnings: { kind: string }[] }[];
    assert.equal(json[0]!.warnings[0]!.kind, "unresolved-percentile");
  });

  it("is a usage error when there is nothing to validate", async () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    const r = await runCli(["validate", empty]);
    assert.equal(r.code, 2);
    assert.match(r.err, /no scenario files/);
    assert.equal((await runCli(["validate", "--bogus"])).code, 2);
  });

  it("exits 2 from the real CLI on an invalid scenario and 0 on a valid one", () => {
    const [cmd, ...args] = tsEntryArgv(join(ROOT, "src/cli/bin.ts"));
    const bad = spawnSync(cmd!, [...args, "validate", join(INVALID, "fault-after-end.yaml")], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(bad.status, 2, bad.stderr);
    assert.equal(
      bad.stdout,
      "tests/fixtures/scenarios/invalid/fault-after-end.yaml:15:11: fault at 5s is not before the run ends (2s)\n",
    );
    const good = spawnSync(cmd!, [...args, "validate", "scenarios/sustained-throughput.yaml"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /^scenarios\/sustained-throughput\.yaml: ok — /);
  });
});
