/**
 * Signals reach the real busmark process whichever wrapper started it. `npx busmark` runs the bin through
 * `sh -c`, and npm forwards a SIGINT only to that shell, which catches it and keeps waiting; a CI step's
 * `bash -c '...; ...'` does the same. busmark must still stop promptly as interrupted: the run ends, the report is
 * written marked interrupted, the process exits 130, and nothing it started (the reference service, the embedded
 * nats-server) stays alive. Under Deno the wrappers are Deno's: `deno task busmark` and `bash -c 'deno run ...'`.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { busmarkShell, onDeno, wrapperArgv } from "../support/cli.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const scenario = fileURLToPath(new URL("../fixtures/scenarios/run/interruptible.yaml", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "busmark-signals-"));
after(() => rmSync(out, { recursive: true, force: true }));

/** Every descendant of `pid` (Linux `/proc`), depth first. */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(
      Number,
    );
  } catch {
    return [];
  }
  return children.flatMap((c) => [c, ...descendants(c)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z");
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

async function waitFor(what: string, done: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`Cannot see ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Interrupted {
  stdout: string;
  exit: { code: number | null; signal: NodeJS.Signals | null };
  /** ms from the SIGINT until busmark and everything it started had ended. */
  settledMs: number;
  started: string[];
}

/** Starts `argv` (a wrapper around busmark), SIGINTs the wrapper once the phase runs, and watches everything end. */
async function interruptWrapper(argv: string[], prefix: string): Promise<Interrupted> {
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), {
    cwd: repo,
    env: { ...process.env, TEST_PREFIX: prefix, CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Interrupted["exit"]>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal }))
  );
  try {
    await waitFor("the phase start", () => stdout.includes("phase 1: steady"), 90_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${stdout}\n${stderr}`);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const tree = descendants(child.pid!);
  const kill = () => [child.pid!, ...tree].filter(alive).forEach((pid) => process.kill(pid, "SIGKILL"));
  const started = tree.map(commandOf);
  try {
    const has = (re: RegExp) => started.some((c) => re.test(c));
    assert.ok(
      has(/(bin\/busmark(\.js)?|src\/cli\/bin\.ts) run /),
      `busmark runs under the wrapper:\n${started.join("\n")}`,
    );
    assert.ok(has(/nats-server/), "the embedded nats-server runs");
    // dist/service/main.js when busmark runs compiled (a fresh dist/), src/service/main.ts from the sources
    assert.ok(has(/(src\/service\/main\.ts|dist\/service\/main\.js) /), "the reference service runs");
  } catch (error) {
    kill();
    throw error;
  }
  const sent = Date.now();
  child.kill("SIGINT");
  try {
    await waitFor("every process end", () => tree.every((pid) => !alive(pid)), 20_000);
  } catch (error) {
    const left = tree.filter(alive).map((pid) => `${pid} ${commandOf(pid)}`);
    kill();
    throw new Error(`${(error as Error).message}; still alive:\n${left.join("\n")}\n${stdout}\n${stderr}`);
  }
  const settledMs = Date.now() - sent;
  const exit = await exited;
  return { stdout: stdout + stderr, exit, settledMs, started };
}

function reportOf(stdout: string): Record<string, unknown> {
  const dir = stdout.match(/report: (\S+)/)?.[1];
  assert.ok(dir && existsSync(join(dir, "result.json")), `a report was written:\n${stdout}`);
  return JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
}

describe("a SIGINT sent to the wrapper busmark runs under", () => {
  const wrapper = onDeno ? "deno task busmark" : "npx busmark";
  it(`${wrapper}: the run stops as interrupted and nothing stays alive`, async () => {
    const dir = join(out, "npx");
    const run = await interruptWrapper([...wrapperArgv(), "run", scenario, "--out", dir], "sigA.db");
    console.log(`${wrapper}: everything ended ${run.settledMs} ms after the SIGINT; exit ${JSON.stringify(run.exit)}`);
    assert.match(run.stdout, /verdict: INTERRUPTED/);
    const result = reportOf(run.stdout);
    assert.equal(result.status, "interrupted");
    assert.equal(result.verdict, "interrupted");
    assert.ok(run.settledMs < 10_000, `ended promptly (${run.settledMs} ms)`);
    // npm re-raises the signal its child died of, deno task exits 130: the caller's shell sees 130 either way.
    assert.ok(run.exit.signal === "SIGINT" || run.exit.code === 130, JSON.stringify(run.exit));
    assert.equal(readdirSync(dir).length, 1);
  });

  it("bash -c 'node bin/busmark.js ...; ...': busmark exits 130 with its report marked interrupted", async () => {
    const dir = join(out, "bash");
    const line = `${busmarkShell()} run '${scenario}' --out '${dir}'; echo "busmark exit $?"`;
    const run = await interruptWrapper(["bash", "-c", line], "sigB.db");
    console.log(`bash -c: everything ended ${run.settledMs} ms after the SIGINT`);
    assert.match(run.stdout, /busmark exit 130/, run.stdout);
    assert.equal(reportOf(run.stdout).status, "interrupted");
    assert.ok(run.settledMs < 10_000, `ended promptly (${run.settledMs} ms)`);
  });
});
