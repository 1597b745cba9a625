/**
 * Hostile input: a scenario file, a scenario directory or the command line must never hang busmark, crash it with
 * a stack trace, or exit with the wrong code. Each case goes through the real CLI: in-process with `runCli`, or,
 * where a regression could hang or exhaust memory, as a child process of the real executable (`node bin/busmark.js`,
 * under Deno `deno run -A src/cli/bin.ts`) with a timeout. The small
 * hostile files are in `hostile/`; the large ones and the symbolic-link loops are generated into a temp directory.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { checkScenarioText } from "../../src/scenario/check.ts";
import { runCli } from "../cli/capture.ts";
import { busmarkArgv } from "../support/cli.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const corpus = join(here, "hostile");
const [exe, ...exeArgs] = busmarkArgv();
const tmp = mkdtempSync(join(tmpdir(), "busmark-hostile-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Output budget of one hostile case. */
const MAX_OUTPUT = 5000;
/**
 * Bound of one hostile case, ms: it tells "refused" from "hangs or expands without bound", never measures speed. The
 * process start-up alone takes seconds under coverage on a loaded 2-core runner (one CI run saw 5.06 s), so the bound
 * stays far above it and far below what an unbounded expansion takes (minutes, or the spawn's 20 s kill).
 */
const MAX_MS = 15_000;

interface Spawned {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

/** Runs the real executable with a hard timeout, so a regression fails instead of hanging the suite. */
function busmark(args: string[], env: Record<string, string> = {}, timeoutMs = 20_000): Spawned {
  const started = performance.now();
  const r = spawnSync(exe!, [...exeArgs, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: timeoutMs,
    killSignal: "SIGKILL",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout ?? "", err: r.stderr ?? "", ms: performance.now() - started };
}

/** Exit 2 within the time budget, little output, and no stack trace. */
function assertRefused(r: { code: number | null; out: string; err: string; ms?: number }, what: string): void {
  const all = r.out + r.err;
  assert.equal(r.code, 2, `${what}: exit code\n${all.slice(0, 2000)}`);
  if (r.ms !== undefined) assert.ok(r.ms < MAX_MS, `${what}: took ${Math.round(r.ms)} ms`);
  assert.ok(all.length < MAX_OUTPUT, `${what}: ${all.length} bytes of output`);
  assert.doesNotMatch(all, /\n\s+at [^\n]+:\d+:\d+\)?\n/, `${what}: a stack trace`);
}

const base = readFileSync(join(corpus, "base.yaml"), "utf8");

/** A generated hostile file in the temp directory. */
function generated(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe("hostile input: size and aliases", () => {
  it("refuses a 50 MB description before parsing it (exit 2, the 1 MiB cap named)", () => {
    const file = generated("huge.yaml", base.replace("name: base", "name: huge") + `notes: "${"x".repeat(50e6)}"\n`);
    const r = busmark(["validate", file]);
    assertRefused(r, "50 MB file");
    assert.match(r.err, /huge\.yaml`: it is 50,000,\d{3} bytes; a scenario file is at most 1 MiB/);
  });

  it("refuses a 7 MB file of aliases expanding to a million phases", () => {
    const lines = ["version: 1", "name: phases", "description: x", "events: { chat: { subject: message.log } }"];
    lines.push("p: &p { name: steady, kind: steady, duration: 1s, load: { rate: 10 } }", "phases:");
    for (let i = 0; i < 1e6; i++) lines.push("  - *p");
    const r = busmark(["validate", generated("million-phases.yaml", lines.join("\n") + "\n")]);
    assertRefused(r, "7 MB of aliases");
  });

  it("refuses 20,000 aliases in 140 kB within the bound with one positioned problem", () => {
    const lines = ["version: 1", "name: aliases", "description: x", "a: &a [x, x, x, x, x, x, x, x, x, x]", "events:"];
    for (let i = 0; i < 20_000; i++) lines.push(`  e${i}: *a`);
    const file = generated("aliases.yaml", lines.join("\n") + "\n");
    const r = busmark(["validate", file]);
    assertRefused(r, "20k aliases");
    assert.match(r.out, /aliases\.yaml:6:3: has more than 100 entries \(the cap/);
  });

  it("bounds the expansion of aliases of aliases (a billion laughs)", () => {
    const lines = ["version: 1", "name: laughs", "description: x", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(", ")}]`);
    const r = busmark(["validate", generated("laughs.yaml", lines.join("\n") + "\n")]);
    assertRefused(r, "billion laughs");
    assert.match(r.out, /laughs\.yaml:\d+:\d+: aliases expand to more than 10,000 nodes/);
  });

  it("prints at most a handful of problems of one kind, with a count of the rest", async () => {
    const extra = Array.from({ length: 2000 }, (_, i) => `unknown${i}: 1`).join("\n");
    const file = generated("many-problems.yaml", base.replace("name: base", "name: many-problems") + extra + "\n");
    const r = await runCli(["validate", file]);
    assertRefused(r, "2,000 problems");
    assert.match(r.out, /many-problems\.yaml:11:1: unknown property `unknown0`/);
    assert.match(r.out, /… and 1,995 more problems of this kind \(unknown-property\)/);
  });
});

describe("hostile input: the file system", () => {
  const loopDir = join(tmp, "loop");
  mkdirSync(loopDir);
  symlinkSync("self.yaml", join(loopDir, "self.yaml"));
  writeFileSync(join(loopDir, "base.yaml"), base);

  for (
    const [what, args] of [
      ["validate DIR", ["validate", loopDir]],
      ["validate FILE", ["validate", join(loopDir, "self.yaml")]],
      ["list --dir", ["list", "--dir", loopDir]],
      ["run --all --dir", ["run", "--all", "--dir", loopDir, "--quick", "--out", join(tmp, "loop-reports")]],
    ] as const
  ) {
    it(`a symbolic-link loop is exit 2 with the path, no stack trace: ${what}`, () => {
      const r = busmark([...args]);
      assertRefused(r, what);
      assert.match(r.out + r.err, /self\.yaml(`: too many symbolic links encountered \(ELOOP\)|\))/);
      assert.match(r.out + r.err, /ELOOP|INVALID: 1 problem/);
    });
  }

  it("refuses a report directory that cannot be created, before running, and does not hang", {
    skip: !existsSync("/proc/self") && "no /proc",
  }, () => {
    const run = busmark(["run", join(corpus, "base.yaml"), "--out", "/proc/nope"], {}, 10_000);
    assertRefused(run, "run --out /proc/nope");
    assert.match(run.err, /Cannot write reports to `\/proc\/nope`: /);
    const all = busmark(["run", "--all", "--dir", corpus, "--out", "/proc/nope/x"], {}, 10_000);
    assertRefused(all, "run --all --out /proc/nope/x");
    assert.match(all.err, /Cannot write reports to `\/proc\/nope`: /);
  });

  it("refuses a report directory that is a file", async () => {
    const file = generated("not-a-dir", "");
    const r = await runCli(["run", join(corpus, "base.yaml"), "--out", file]);
    assertRefused(r, "--out FILE");
    assert.match(r.err, /Cannot write reports to `[^`]*not-a-dir`: not a directory/);
  });
});

describe("hostile input: scenarios that run commands", () => {
  const file = join(corpus, "runs-command.yaml");

  it("validate prints the command a scenario runs", async () => {
    const r = await runCli(["validate", file]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\n {2}runs command: echo hostile; exit 1\n/);
    const json = await runCli(["validate", file, "--json"]);
    assert.deepEqual(JSON.parse(json.out)[0].commands, ["echo hostile; exit 1"]);
  });

  it("list marks it and list --json names the command", async () => {
    const dir = join(tmp, "commands");
    mkdirSync(dir);
    writeFileSync(join(dir, "runs-command.yaml"), readFileSync(file, "utf8"));
    writeFileSync(join(dir, "base.yaml"), base);
    const r = await runCli(["list", "--dir", dir]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\nruns-command \[cmd\] /);
    assert.match(r.out, /\nbase +1s/);
    const json = JSON.parse((await runCli(["list", "--dir", dir, "--json"])).out) as { commands: string[] }[];
    assert.deepEqual(json.map((s) => s.commands), [[], ["echo hostile; exit 1"]]);

    const refused = await runCli(["run", "--all", "--dir", dir, "--quick", "--out", join(tmp, "cmd-reports")]);
    assertRefused(refused, "run --all --dir outside the project");
    assert.match(refused.err, /`runs-command` runs a shell command \(`echo hostile; exit 1`\).*--allow-commands/);
    assert.ok(!existsSync(join(tmp, "cmd-reports")), "nothing ran");
  });

  it("--allow-commands is a run flag, in the usage text, and only with --all", async () => {
    const help = await runCli(["run", "--help"]);
    assert.match(help.out, /--allow-commands/);
    const r = await runCli(["run", "base", "--allow-commands"]);
    assertRefused(r, "--allow-commands without --all");
    assert.match(r.err, /`--allow-commands` selects scenarios for `--all`/);
  });
});

describe("hostile input: interpolation, flags and names", () => {
  it("nested defaults resolve instead of yielding the literal inner reference", () => {
    const file = join(corpus, "nested-default.yaml");
    const check = (env: Record<string, string>) => checkScenarioText(readFileSync(file, "utf8"), file, { env });
    assert.equal(check({}).scenario?.events[0]?.subject, "rosey.db.message.log");
    assert.equal(check({ FALLBACK_SUBJECT: "user.joined" }).scenario?.events[0]?.subject, "rosey.db.user.joined");
    assert.equal(check({ SUBJECT: "x.y", FALLBACK_SUBJECT: "u" }).scenario?.events[0]?.subject, "rosey.db.x.y");
  });

  it("a value from the environment is literal text, never a template", () => {
    const file = join(corpus, "env-template.yaml");
    for (const evil of ["{{ seq 1000 }}", "{{ text 1000000 1000000 }}", "}} {{ bogus", "{{ nope"]) {
      const r = checkScenarioText(readFileSync(file, "utf8"), file, { env: { HOSTILE_TEXT: evil } });
      assert.deepEqual(r.problems, [], evil);
      assert.deepEqual(r.scenario?.events[0]?.payload, {
        kind: "object",
        fields: { message: { kind: "literal", value: evil }, n: { kind: "seq", start: 1 } },
      });
    }
  });

  it("a template error after an interpolated line points at its own line", async () => {
    const r = await runCli(["validate", join(corpus, "template-error-after-env.yaml")]);
    assertRefused(r, "template error");
    assert.match(r.out, /template-error-after-env\.yaml:11:17: unknown template function `bogus`/);
  });

  it("--service-db without --service-command is a usage error", async () => {
    const r = await runCli(["run", join(corpus, "base.yaml"), "--service-db", "x.db"]);
    assertRefused(r, "--service-db alone");
    assert.match(r.err, /`--service-db` names the database of `--service-command`/);
  });

  it("a 10 kB event name is refused for its length, at its position", async () => {
    const name = `e${"x".repeat(10_000)}`;
    const file = generated(
      "long-name.yaml",
      base.replace("name: base", "name: long-name").replace("  chat:", `  ${name}:`),
    );
    const r = await runCli(["validate", file]);
    assertRefused(r, "10 kB name");
    assert.match(r.out, /long-name\.yaml:6:3: a key is over 1024 characters long: names are at most 64 characters/);
  });
});

describe("hostile input: an unrunnable nats-server", () => {
  it("is exit 3 naming the binary, not an unhandled 'error' event", () => {
    const fake = join(tmp, "nats-server");
    writeFileSync(fake, "#!/bin/sh\n");
    chmodSync(fake, 0o644);
    const r = busmark(["run", join(corpus, "embedded.yaml"), "--quiet", "--out", join(tmp, "nats-reports")], {
      NATS_SERVER_BIN: fake,
    });
    assert.equal(r.code, 3, r.out + r.err);
    assert.match(r.err, new RegExp(`Cannot run nats-server \`${fake}\`: permission denied`));
    assert.doesNotMatch(r.err, /Unhandled 'error' event/);
  });
});
