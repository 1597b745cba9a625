import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  exitCodeForVerdict,
  failedChecks,
  formatOutcomes,
  runAll,
  type RunAllOptions,
  selectScenarios,
  worstExitCode,
} from "../../src/cli/run-all.ts";
import { parseRunRequest, singleRunArgs } from "../../src/cli/run-request.ts";
import { InfrastructureError } from "../../src/errors.ts";
import type { RunResult } from "../../src/result/types.ts";
import { fixture } from "../support/results.ts";
import { uniquePrefix } from "../support/scenario.ts";
import { runCli } from "./capture.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-run-all-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** A small valid scenario file's text. */
function scenarioText(name: string, tags: string[], opts: { prefix?: string; threshold?: string } = {}): string {
  return [
    "version: 1",
    `name: ${name}`,
    "description: A tiny scenario for the catalogue runner.",
    `tags: [${tags.join(", ")}]`,
    `service: { reference: { prefix: ${opts.prefix ?? "rosey.db"} } }`,
    'events: { chat: { subject: message.log, payload: { username: u, message: "{{ text 5 10 }}" } } }',
    "phases:",
    // A closed loop: the generator's self-health check (schedule lag of open loops) cannot void the run.
    "  - { name: steady, kind: steady, duration: 1s, load: { concurrency: 1 } }",
    "grace: 1s",
    `thresholds: { ${opts.threshold ?? 'events.lost: "== 0"'} }`,
    "quick: { phases: { steady: { duration: 500ms } } }",
    "",
  ].join("\n");
}

function makeDir(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** Request fields a test may set, besides the options of runAll itself. */
type Overrides = Partial<Omit<RunAllOptions, "request">> & { tags?: string[]; quick?: boolean; args?: string[] };

function options(dir: string, overrides: Overrides = {}): RunAllOptions & { output: string[] } {
  const output: string[] = [];
  const { tags = [], quick = true, args = ["--all", "--quick"], ...rest } = overrides;
  return {
    request: {
      all: { dir, tags },
      quick,
      quiet: false,
      out: join(root, "reports"),
      extras: { repeat: 1, benchmarkAction: false },
      auth: {},
      env: {},
      args,
    },
    signal: new AbortController().signal,
    write: (text) => output.push(text),
    output,
    ...rest,
  };
}

/** A recorded result with the given verdict (and a failed check when it fails). */
function resultWith(verdict: RunResult["verdict"]): RunResult {
  const r = fixture("single-event-latency");
  r.verdict = verdict;
  if (verdict === "fail") r.checks[0] = { ...r.checks[0]!, pass: false, observed: 12_345, unit: "us" };
  return r;
}

// The command-line tests come first: while they capture standard output, the test reporter's own output of
// earlier tests would be captured with it.
describe("busmark run --all", () => {
  it("runs the tagged scenarios for real, writes their reports and exits 1 when a threshold fails", async () => {
    const dir = makeDir("real", {
      "pass.yaml": scenarioText("pass", ["ci"], { prefix: uniquePrefix() }),
      "fail.yaml": scenarioText("fail", ["ci"], {
        prefix: uniquePrefix(),
        threshold: 'latency.persisted: "avg < 1us"',
      }),
      "skipped.yaml": scenarioText("skipped", ["soak"], { prefix: uniquePrefix() }),
    });
    const out = join(root, "real-reports");
    const r = await runCli([
      "run",
      "--all",
      "--quick",
      "--dir",
      dir,
      "--tag",
      "ci",
      "--out",
      out,
      "--nats",
      "nats://127.0.0.1:4222",
    ]);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /\[1\/2\] fail \(quick\): FAIL in .*\n {6}latency\.persisted avg < 1us: observed /);
    assert.match(r.out, /\[2\/2\] pass \(quick\): PASS in /);
    assert.match(r.out, /1 of 2 passed; exit 1\n$/);
    assert.deepEqual(readdirSync(out).sort(), ["fail", "pass"]);
    for (const name of ["fail", "pass"]) {
      const [id] = readdirSync(join(out, name));
      assert.ok(existsSync(join(out, name, id!, "result.json")));
    }
  });

  it("refuses a scenario name with --all, and --tag or --dir without it", async () => {
    const named = await runCli(["run", "--all", "burst"]);
    assert.equal(named.code, 2);
    assert.match(named.err, /`--all` runs every scenario; remove `burst`/);
    const tagOnly = await runCli(["run", "burst", "--tag", "ci"]);
    assert.equal(tagOnly.code, 2);
    assert.match(tagOnly.err, /`--tag` selects scenarios for `--all`/);
    const dirOnly = await runCli(["run", "burst", "--dir", "x"]);
    assert.match(dirOnly.err, /`--dir` selects scenarios for `--all`/);
    const help = await runCli(["run", "--help"]);
    assert.match(help.out, /busmark run --all \[--tag TAG \.\.\.\]/);
  });
});

describe("worstExitCode", () => {
  it("ranks interrupted over invalid scenario over infrastructure over invalid run over failed thresholds over pass", () => {
    assert.equal(worstExitCode([]), 0);
    assert.equal(worstExitCode([0, 0]), 0);
    assert.equal(worstExitCode([0, 1, 0]), 1);
    assert.equal(worstExitCode([1, 3, 0]), 3);
    assert.equal(worstExitCode([3, 2, 1]), 2);
    assert.equal(worstExitCode([1, 4, 0]), 4, "an invalid run outranks a failed threshold");
    assert.equal(worstExitCode([4, 3]), 3, "infrastructure outranks an invalid run");
    assert.equal(worstExitCode([4, 2]), 2);
    assert.equal(worstExitCode([2, 130, 3]), 130);
    assert.equal(worstExitCode([1, 42]), 42, "an unknown code counts as infrastructure");
  });

  it("maps verdicts to exit codes", () => {
    assert.deepEqual(
      (["pass", "fail", "invalid", "interrupted"] as const).map(exitCodeForVerdict),
      [0, 1, 4, 130],
    );
  });
});

describe("singleRunArgs", () => {
  it("keeps what applies to one scenario and drops the selection", () => {
    assert.deepEqual(
      singleRunArgs([
        "--all",
        "--tag",
        "ci",
        "--quick",
        "--dir=x",
        "--out",
        "r",
        "--tag=a",
        "--dir",
        "d",
        "--seed",
        "3",
      ]),
      ["--out", "r", "--seed", "3"],
    );
  });
});

describe("selectScenarios", () => {
  it("keeps scenarios carrying every tag, and every invalid one", () => {
    const dir = makeDir("select", {
      "a.yaml": scenarioText("a", ["x", "ci"]),
      "b.yaml": scenarioText("b", ["x"]),
      "c.yaml": "version: 1\nname: c\n",
      "d.yaml": scenarioText("d", ["ci"]),
    });
    assert.deepEqual(selectScenarios(dir, ["x", "ci"], {}).map((s) => s.summary.name), ["a", "c"]);
    assert.deepEqual(selectScenarios(dir, ["ci"], {}).map((s) => s.summary.name), ["a", "c", "d"]);
    assert.deepEqual(selectScenarios(dir, [], {}).map((s) => s.summary.name), ["a", "b", "c", "d"]);
  });
});

describe("runAll", () => {
  it("runs each selected scenario, reports each, and exits with the worst code", async () => {
    const dir = makeDir("mixed", {
      "good.yaml": scenarioText("good", ["ci"]),
      "bad.yaml": scenarioText("bad", ["ci"]),
      "broken.yaml": scenarioText("broken", ["ci"]).replace("duration: 1s", "durration: 1s"),
      "other.yaml": scenarioText("other", ["soak"]),
    });
    const ran: string[] = [];
    const opts = options(dir, {
      tags: ["ci"],
      run: (o) => {
        ran.push(o.scenario.name);
        assert.equal(o.scenario.quick, true);
        assert.equal(o.command, `busmark run ${o.scenario.name} --quick`);
        return Promise.resolve(resultWith(o.scenario.name === "bad" ? "fail" : "pass"));
      },
    });
    const { outcomes, exitCode } = await runAll(opts);
    assert.deepEqual(ran, ["bad", "good"]);
    assert.deepEqual(outcomes.map((o) => [o.name, o.status, o.exitCode]), [
      ["bad", "fail", 1],
      ["broken", "invalid scenario", 2],
      ["good", "pass", 0],
    ]);
    assert.equal(exitCode, 2);
    const text = opts.output.join("");
    assert.match(text, /^Running 3 scenarios tagged ci from /);
    assert.match(
      text,
      /\[1\/3\] bad \(quick\): FAIL in [\d.]+s {2}\S+single-event-latency\S+\n {6}latency\.persisted .*: observed 12\.35ms\n/,
    );
    assert.match(text, /\[2\/3\] broken \(quick\): INVALID SCENARIO\n {6}.*broken\.yaml:\d+:\d+: /);
    assert.match(text, /\nSCENARIO +RESULT +EXIT +TIME +CHECKS +REPORT\nbad +fail +1 +[\d.]+s +\d+\/\d+ +\S+\n/);
    assert.match(text, /1 of 3 passed; exit 2\n$/);
    assert.equal(outcomes[0]!.details.length, 1);
    assert.ok(existsSync(join(outcomes[2]!.reportDir!, "result.json")), "the report is written");
  });

  it("honours every run flag for each scenario: `run --all --max-lag 50` bounds the schedule lag at 50 ms", async () => {
    const dir = makeDir("max-lag", { "a.yaml": scenarioText("a", ["ci"]), "b.yaml": scenarioText("b", ["ci"]) });
    const args = ["--all", "--dir", dir, "--quick", "--max-lag", "50", "--seed", "7", "--out", join(root, "ml")];
    const seen: [string, number | undefined, number | undefined][] = [];
    const { exitCode } = await runAll({
      request: parseRunRequest(args, {}),
      signal: new AbortController().signal,
      write: () => {},
      run: (o) => {
        seen.push([o.scenario.name, o.health?.maxLagP99Us, o.seed]);
        return Promise.resolve(resultWith("pass"));
      },
    });
    assert.equal(exitCode, 0);
    assert.deepEqual(seen, [["a", 50_000, 7], ["b", 50_000, 7]]);
  });

  it("reads and validates each scenario file once: a file changed after selection is not read again", async () => {
    const dir = makeDir("once", { "a.yaml": scenarioText("a", []), "b.yaml": scenarioText("b", []) });
    const ran: string[] = [];
    const opts = options(dir, {
      run: (o) => {
        ran.push(o.scenario.name);
        // Breaking b while a runs: b was already validated, so it runs as it was when selected.
        writeFileSync(join(dir, "b.yaml"), "version: 1\nname: b\n");
        return Promise.resolve(resultWith("pass"));
      },
    });
    const { outcomes } = await runAll(opts);
    assert.deepEqual(ran, ["a", "b"]);
    assert.deepEqual(outcomes.map((o) => o.status), ["pass", "pass"]);
  });

  it("counts a run that cannot start as infrastructure and goes on with the next", async () => {
    const dir = makeDir("infra", { "a.yaml": scenarioText("a", []), "b.yaml": scenarioText("b", []) });
    const opts = options(dir, {
      quick: false,
      args: ["--all", "--dir", dir, "--nats", "nats://x:1"],
      run: (o) => {
        assert.equal(o.command, `busmark run ${o.scenario.name} --nats nats://x:1`);
        return o.scenario.name === "a"
          ? Promise.reject(new InfrastructureError("nats", "Cannot connect to NATS: nobody home"))
          : Promise.reject(new TypeError("boom"));
      },
    });
    const { outcomes, exitCode } = await runAll(opts);
    assert.deepEqual(outcomes.map((o) => [o.status, o.exitCode, o.details]), [
      ["error", 3, ["Cannot connect to NATS: nobody home"]],
      ["error", 3, ["Cannot run the scenario: boom"]],
    ]);
    assert.equal(exitCode, 3);
    assert.match(opts.output.join(""), /\[1\/2\] a: ERROR in/);
  });

  it("exits 4 for an invalid run among passes and failures, and 3 once infrastructure also broke", async () => {
    const dir = makeDir("invalid-run", {
      "a.yaml": scenarioText("a", []),
      "b.yaml": scenarioText("b", []),
      "c.yaml": scenarioText("c", []),
    });
    const verdicts: Record<string, RunResult["verdict"]> = { a: "pass", b: "invalid", c: "fail" };
    const mixed = options(dir, {
      quick: false,
      args: ["--all", "--dir", dir],
      run: (o) => Promise.resolve(resultWith(verdicts[o.scenario.name]!)),
    });
    const first = await runAll(mixed);
    assert.deepEqual(first.outcomes.map((o) => [o.status, o.exitCode]), [["pass", 0], ["invalid", 4], ["fail", 1]]);
    assert.equal(first.exitCode, 4);
    const broken = options(dir, {
      quick: false,
      args: ["--all", "--dir", dir],
      run: (o) =>
        o.scenario.name === "c"
          ? Promise.reject(new InfrastructureError("nats", "Cannot connect to NATS: nobody home"))
          : Promise.resolve(resultWith(verdicts[o.scenario.name]!)),
    });
    assert.equal((await runAll(broken)).exitCode, 3);
  });

  it("lists the rest as not run after an interrupt, and says when nothing matches", async () => {
    const dir = makeDir("interrupt", { "a.yaml": scenarioText("a", ["ci"]) });
    const controller = new AbortController();
    controller.abort();
    const stopped = await runAll(
      options(dir, { signal: controller.signal, run: () => Promise.reject(new Error("no")) }),
    );
    assert.deepEqual(stopped.outcomes.map((o) => [o.status, o.exitCode]), [["not run", 130]]);
    assert.equal(stopped.exitCode, 130);
    const none = options(dir, { tags: ["nope"] });
    assert.deepEqual(await runAll(none), { outcomes: [], exitCode: 2 });
    assert.match(none.output.join(""), /^No scenarios tagged nope in /);
  });

  it("describes failed checks with their observed values", () => {
    const r = resultWith("fail");
    r.checks.push({
      key: "events.lost",
      metric: "events.lost",
      selector: {},
      condition: "== 0",
      observed: null,
      unit: "",
      pass: false,
      abortOnFail: false,
      reason: "no data",
    });
    const lines = failedChecks(r);
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /: observed 12\.35ms$/);
    assert.equal(lines[1], "events.lost == 0: no data");
    assert.equal(
      formatOutcomes([{ name: "x", file: "x.yaml", status: "not run", exitCode: 130, elapsedMs: 0, details: [] }]),
      "SCENARIO  RESULT   EXIT  TIME  CHECKS  REPORT\nx         not run  130   -     -\n",
    );
  });
});
