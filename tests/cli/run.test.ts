import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { exitCodeFor } from "../../src/cli/commands/run.ts";
import { validateResult } from "../../src/result/validate.ts";
import { freePort } from "../../src/runtime/nats-server.ts";
import { runCli } from "./capture.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/scenarios/${name}`, import.meta.url));
const out = mkdtempSync(join(tmpdir(), "busmark-cli-run-"));
after(() => rmSync(out, { recursive: true, force: true }));

/** Runs a tiny fixture scenario on the shared server, on a fresh subject prefix, with a lenient generator bound. */
function runTiny(name: string) {
  process.env.TEST_PREFIX = `t${Date.now().toString(36)}.db`;
  return runCli(["run", fixture(`run/${name}.yaml`), "--out", out, "--quiet", "--nats", NATS, "--max-lag", "2000"]);
}

const NATS = "nats://127.0.0.1:4222";

describe("busmark run", () => {
  it("exits 0 when every threshold passes and writes a valid result.json", async () => {
    const run = await runTiny("tiny-pass");
    assert.equal(run.code, 0, run.out + run.err);
    assert.match(run.out, /verdict: PASS/);
    const dir = run.out.match(/report: (\S+)/)?.[1];
    assert.ok(dir && existsSync(join(dir, "result.json")));
    const result = JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
    assert.deepEqual(validateResult(result), []);
    assert.equal(result.counts[0].persisted, 100);
    assert.match(result.notes.join("\n"), /reproduce: busmark run .*tiny-pass\.yaml/);
  });

  it("prints a progress line every --progress-interval seconds without a terminal", async () => {
    process.env.TEST_PREFIX = `t${Date.now().toString(36)}.db`;
    // Three seconds of load, so the run outlasts a tick or two whatever the machine's speed.
    mkdirSync(join(out, "longer"), { recursive: true });
    const longer = join(out, "longer", "tiny-pass.yaml");
    writeFileSync(longer, readFileSync(fixture("run/tiny-pass.yaml"), "utf8").replace("duration: 1s", "duration: 3s"));
    const args = ["run", longer, "--out", out, "--nats", NATS, "--max-lag", "2000"];
    const run = await runCli([...args, "--progress-interval", "1"]);
    assert.equal(run.code, 0, run.out + run.err);
    assert.ok((run.out.match(/^progress /gm) ?? []).length >= 2, run.out);
    assert.match(
      run.out,
      /^progress \[steady\] \d+s elapsed, \d+s left \| offered \S+, achieved \S+ \| published \d+, persisted \d+, lost 0.* \| p99 \S+ \| errors 0$/m,
    );
  });

  it("exits 1 when a threshold fails and prints the observed value", async () => {
    const run = await runTiny("tiny-fail");
    assert.equal(run.code, 1, run.out + run.err);
    assert.match(run.out, /latency\.persisted\s+avg < 1us\s+\S+ms\s+FAIL/);
  });

  it("exits 2 for an invalid scenario, naming file, line and column", async () => {
    const bad = fixture("invalid/unknown-property.yaml");
    const run = await runCli(["run", bad, "--out", out]);
    assert.equal(run.code, 2);
    assert.match(run.err, /unknown-property\.yaml:\d+:\d+: /);
  });

  it("exits 2 for an unknown scenario name or option", async () => {
    assert.equal((await runCli(["run", "no-such-scenario"])).code, 2);
    assert.equal((await runCli(["run", fixture("run/tiny-pass.yaml"), "--bogus"])).code, 2);
  });

  it("exits 3 when the named NATS server does not answer, with the URL masked", async () => {
    const port = await freePort();
    const run = await runCli([
      "run",
      fixture("run/tiny-pass.yaml"),
      "--out",
      out,
      "--quiet",
      "--nats",
      `nats://alice:hunter22@127.0.0.1:${port}`,
    ]);
    assert.equal(run.code, 3, run.out + run.err);
    assert.match(run.err, /Cannot connect to NATS at nats:\/\/alice:\*\*\*@127\.0\.0\.1/);
    assert.doesNotMatch(run.err + run.out, /hunter22/);
  });

  it("exits 4, not 3, when busmark could not drive the load, with the reason in one line", async () => {
    process.env.TEST_PREFIX = `t${Date.now().toString(36)}.db`;
    const run = await runCli([
      "run",
      fixture("run/tiny-pass.yaml"),
      "--out",
      out,
      "--quiet",
      "--nats",
      NATS,
      "--max-lag",
      "0",
    ]);
    assert.equal(run.code, 4, run.out + run.err);
    assert.match(
      run.out,
      /^invalid run \(exit 4\): phase steady: schedule lag p99 .* busmark could not offer the load$/m,
    );
    assert.match(run.out, /verdict: INVALID/);
    const dir = run.out.match(/report: (\S+)/)?.[1];
    const junit = readFileSync(join(dir!, "junit.xml"), "utf8");
    assert.match(junit, /<error message="invalid run \(exit 4, busmark could not drive the load\): phase steady: /);
  });

  it("documents every exit code in --help", async () => {
    const help = await runCli(["run", "--help"]);
    for (const code of ["0", "1", "2", "3", "4", "130"]) assert.match(help.out, new RegExp(`^  ${code} +\\S`, "m"));
    assert.match(help.out, /4 +invalid run: busmark could not drive the load/);
    assert.match(help.out, /130 interrupted > 2 an invalid scenario > 3 infrastructure > 4 an invalid\s+run > 1/);
  });

  it("maps verdicts to exit codes", () => {
    assert.equal(exitCodeFor("pass"), 0);
    assert.equal(exitCodeFor("fail"), 1);
    assert.equal(exitCodeFor("invalid"), 4);
    assert.equal(exitCodeFor("interrupted"), 130);
  });
});
