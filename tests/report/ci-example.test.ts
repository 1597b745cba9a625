/**
 * The GitHub Actions example of docs/reports.md, exercised: its steps' shell scripts run under bash with `npx busmark`
 * pointing at this checkout, on a tiny scenario with two repeats instead of five, and the JUnit pattern it gives the
 * report action must find one junit.xml per scenario, none of the baseline's.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { busmarkShell } from "../support/cli.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "busmark-ci-example-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}

/** The workflow of the "CI example" section. */
function workflow(): { jobs: { busmark: { env: Record<string, string>; steps: Step[] } } } {
  const doc = readFileSync(join(root, "docs", "reports.md"), "utf8");
  const section = doc.slice(doc.indexOf("## CI example"));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, "the CI example has a YAML block");
  return parse(block);
}

/** Paths under `dir` matching a glob of `*` (one path segment) and `**` (any number of segments). */
function glob(dir: string, pattern: string): string[] {
  const walk = (base: string, parts: string[]): string[] => {
    if (parts.length === 0) return [base];
    const [head, ...rest] = parts;
    if (!existsSync(base)) return [];
    const entries = readdirSync(base, { withFileTypes: true });
    if (head === "**") {
      return [
        ...walk(base, rest),
        ...entries.filter((e) => e.isDirectory()).flatMap((e) => walk(join(base, e.name), parts)),
      ];
    }
    const re = new RegExp(`^${head!.replace(/[.]/g, "\\.").replace(/\*/g, "[^/]*")}$`);
    return entries.filter((e) => re.test(e.name)).flatMap((e) =>
      rest.length === 0 ? [join(base, e.name)] : e.isDirectory() ? walk(join(base, e.name), rest) : []
    );
  };
  return [...new Set(walk(dir, pattern.split("/")))];
}

describe("the GitHub Actions example of docs/reports.md", () => {
  it("runs its busmark commands, counts each scenario's junit.xml once and keeps the baseline in its own tree", () => {
    const { env, steps } = workflow().jobs.busmark;
    assert.ok(env.SCENARIOS);
    const workspace = join(tmp, "workspace");
    const base = join(tmp, "base");
    const shims = join(tmp, "bin");
    for (const d of [workspace, base, shims]) mkdirSync(d, { recursive: true });
    writeFileSync(
      join(shims, "npx"),
      `#!/usr/bin/env bash\n[ "$1" = busmark ] || exit 99\nshift\nexec ${busmarkShell()} "$@"\n`,
    );
    chmodSync(join(shims, "npx"), 0o755);
    const scenario = join(root, "tests", "fixtures", "scenarios", "run", "tiny-pass.yaml");
    // One subject prefix for both sides: it is part of the scenario, and compare refuses different scenarios.
    const prefix = `ci${Date.now().toString(36)}.db`;
    const busmarkSteps = steps.filter((s) => s.run?.includes("busmark"));
    assert.deepEqual(busmarkSteps.map((s) => s.name?.split(" ")[0]), ["Baseline", "Candidate", "Compare"]);
    for (const step of busmarkSteps) {
      // What only makes sense on a runner (checking out and installing the target branch) is left out; the rest
      // runs as written, on a tiny scenario, with 2 repeats instead of 5 to stay quick, and a lenient generator
      // bound (a shared test machine must not make the run invalid, exit 4).
      const script = step.run!.split("\n").filter((l) => !/^\s*git worktree|npm ci/.test(l)).join("\n")
        .replaceAll("../base", base).replaceAll("--repeat 5", "--repeat 2")
        .replaceAll(" --quiet", " --quiet --max-lag 2000");
      const r = spawnSync("bash", ["-eo", "pipefail", "-c", script], {
        cwd: workspace,
        env: {
          ...process.env,
          PATH: `${shims}:${process.env.PATH}`,
          SCENARIOS: scenario,
          GITHUB_WORKSPACE: workspace,
          GITHUB_STEP_SUMMARY: join(workspace, "summary.md"),
          TEST_PREFIX: prefix,
          CI: "true",
        },
        encoding: "utf8",
        timeout: 120_000,
      });
      assert.equal(r.status, 0, `${step.name}:\n${r.stdout}\n${r.stderr}`);
    }
    const junitStep = steps.find((s) => s.uses?.startsWith("mikepenz/action-junit-report"));
    const pattern = junitStep?.with?.report_paths;
    assert.equal(pattern, "reports/*/*/junit.xml");
    const counted = glob(workspace, pattern!);
    assert.equal(counted.length, 1, `one junit.xml for the one scenario: ${counted.join(", ")}`);
    assert.match(readFileSync(counted[0]!, "utf8"), /<testsuite[^>]* name="tiny-pass"/);
    assert.equal(glob(workspace, "reports/**/junit.xml").length, 3, "the old `**` also counted each repeat's runs");
    assert.equal(glob(workspace, "baseline-reports/*/*/junit.xml").length, 1, "the baseline's reports, apart");
    assert.ok(existsSync(join(workspace, "baseline-reports", "baselines", "base", "tiny-pass")));
    assert.ok(
      existsSync(join(workspace, "reports", "baselines", "candidate", "compare.md")),
      "compare.md by the candidate",
    );
    assert.match(readFileSync(join(workspace, "summary.md"), "utf8"), /busmark compare: candidate vs/);
  });
});
