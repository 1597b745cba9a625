/**
 * A scenario with an `ab:` block run by `busmark run`: real rounds A B A B on the shared server, each side judged
 * against the thresholds, the budgets judged on B's change against A, one result for the experiment (valid against
 * the report schema) with every round's report below it; a budget that holds passes and one that cannot fails
 * (exit 1), a side whose service holds every event 20 ms fails its own latency threshold while the other passes, and
 * a side whose service burns 3 ms of CPU on every event fails the CPU cost budget.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { RunResult } from "../../src/result/types.ts";
import { validateResult } from "../../src/result/validate.ts";
import { tsEntryArgv } from "../../src/runtime/spawn.ts";
import { runCli } from "./capture.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/scenarios/run/${name}.yaml`, import.meta.url));
const chaos = tsEntryArgv(fileURLToPath(new URL("../fixtures/services/chaos.ts", import.meta.url))).join(" ");
const service = (flags = "") => `${chaos} --nats {nats} --db {db} --prefix {prefix} ${flags}`.trim();
const out = mkdtempSync(join(tmpdir(), "busmark-ab-job-"));
after(() => {
  rmSync(out, { recursive: true, force: true });
  for (const k of ["TEST_A", "TEST_B"]) delete process.env[k];
});

async function run(name: string, extra: string[] = []) {
  process.env.TEST_PREFIX = `abjob${Date.now().toString(36)}.db`;
  const argv = ["run", fixture(name), "--out", out, "--max-lag", "2000", "--nats", "nats://127.0.0.1:4222", ...extra];
  const cli = await runCli(argv);
  const dir = cli.out.match(/report: (\S+)/)?.[1];
  const result = dir ? (JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as RunResult) : undefined;
  return { ...cli, dir, result };
}

const check = (r: RunResult, key: string) => {
  const c = r.checks.find((x) => x.key === key);
  assert.ok(c, `${key} in ${r.checks.map((x) => x.key).join(", ")}`);
  return c;
};

describe("a scenario with an ab: block under busmark run", () => {
  it("runs interleaved rounds, judges both sides and the budgets, and fails the budget that cannot hold", async () => {
    const cli = await run("ab-paths");
    assert.equal(cli.code, 1, cli.out + cli.err);
    assert.match(cli.out, /round 1 of 3: A\n[^]*round 1 of 3: B\n[^]*round 2 of 3: A\n[^]*round 3 of 3: B\n/);
    const r = cli.result!;
    assert.deepEqual(validateResult(r), [], "the experiment's result.json is a valid result");
    assert.equal(r.verdict, "fail");
    assert.deepEqual([r.ab?.a, r.ab?.b, r.ab?.rounds], ["path:direct", "path:nats", 3]);
    assert.equal(r.ab?.runs.a.length, 3);
    for (const side of ["a", "b"] as const) {
      for (const id of r.ab!.runs[side]) {
        assert.ok(existsSync(join(cli.dir!, side, "ab-paths", id, "report.html")), `${side} round ${id}`);
      }
      assert.equal(check(r, `[${side.toUpperCase()}] events.lost`).pass, true);
      assert.equal(check(r, `[${side.toUpperCase()}] events.persisted`).side, side);
    }
    const cpu = check(r, "[B vs A] cost.cpu");
    assert.equal(cpu.pass, true, JSON.stringify(cpu));
    assert.ok(cpu.observed! > 0, "the NATS path costs more CPU per event than the direct one");
    const rate = check(r, "[B vs A] throughput.persisted");
    assert.equal(rate.pass, false, JSON.stringify(rate));
    assert.ok(rate.interval!.low > -50, "the whole interval lies beyond the bound");
    assert.match(cli.out, /^\[B vs A\] throughput\.persisted +< -50% +[+-][\d.]+% \(95 % CI .*\) +FAIL$/m);
    assert.match(cli.out, /^A\/B: B \(path:nats\) against A \(path:direct\), 3 interleaved round\(s\) each/m);
    const text = readFileSync(join(cli.dir!, "ab.txt"), "utf8");
    assert.match(text, /^verdict: REGRESSION: beyond its budget: throughput\.persisted/m);
    assert.match(
      readFileSync(join(cli.dir!, "junit.xml"), "utf8"),
      /name="\[B vs A\] throughput\.persisted: &lt; -50%"/,
    );
    assert.ok(existsSync(join(cli.dir!, "ab.html")));
    const tree = readdirSync(join(out, "ab-paths"));
    assert.deepEqual(tree, [r.runId], "one directory for the experiment; its rounds are inside it");
  });

  it("fails the side whose service holds every event 20 ms, on its own latency threshold and the budget", async () => {
    process.env.TEST_A = service();
    process.env.TEST_B = service("--delay-ms 20");
    const cli = await run("ab-builds");
    assert.equal(cli.code, 1, cli.out + cli.err);
    const r = cli.result!;
    const a = check(r, "[A] latency.persisted");
    const b = check(r, "[B] latency.persisted");
    assert.equal(a.pass, true, `A p50 ${a.observed} µs`);
    assert.equal(b.pass, false, `B p50 ${b.observed} µs`);
    assert.ok(b.observed! >= 20_000, `${b.observed} µs`);
    assert.equal(check(r, "[B vs A] latency.persisted p50").pass, false);
    assert.equal(r.verdict, "fail");
  });

  it("fails the CPU cost budget against a build that burns 3 ms of CPU on every event", async () => {
    // cost.cpu counts every process's CPU per event, busmark's too (several times larger under coverage), so the
    // burnt 3 ms are a smaller share of it than they look; the budget is tight enough that no share can pass it.
    process.env.TEST_A = service();
    process.env.TEST_B = service("--burn-us-per-event 3000");
    const cli = await run("ab-builds");
    assert.equal(cli.code, 1, cli.out + cli.err);
    const r = cli.result!;
    const cost = check(r, "[B vs A] cost.cpu");
    assert.equal(cost.pass, false, JSON.stringify(cost));
    assert.ok(cost.interval!.low > 5, `the whole interval lies beyond +5 %: ${JSON.stringify(cost.interval)}`);
    assert.match(cli.out, /^\[B vs A\] cost\.cpu +< 5% +\+[\d.]+% \(95 % CI .*\) +FAIL$/m);
    assert.equal(check(r, "[A] events.lost").pass, true, JSON.stringify(check(r, "[A] events.lost")));
    assert.equal(r.verdict, "fail");
  });

  it("refuses run flags an experiment has no use for", async () => {
    const repeat = await run("ab-paths", ["--repeat", "2"]);
    assert.equal(repeat.code, 2);
    assert.match(repeat.err + repeat.out, /`--repeat` does not apply: `ab-paths` is an A\/B experiment/);
  });
});
