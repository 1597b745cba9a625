/**
 * `npm run bench:startup`: how long busmark takes to start, as whole processes (spawn to exit, wall time; median,
 * min and max of N runs, `--runs N` or BENCH_STARTUP_RUNS, default 5): `node -e 0` for reference, then
 * `busmark --version`, `busmark list` and `busmark validate <a catalogue scenario>` on Node (the compiled dist/,
 * built first when it is missing or stale), on Deno (the TypeScript sources, with the deno binary of the npm package
 * `deno`, and once more through `npx deno`) and on Node through tsx (the development path, BUSMARK_FROM_SOURCES=1).
 * Target: `busmark list` within 0.4 s on Node and on Deno (median). Exits 1 when a target is missed.
 * @module
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { compiledEntry } from "../bin/build-stamp.js";
import { textTable } from "../src/format/table.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const runsFlag = process.argv.indexOf("--runs");
const RUNS = Number(runsFlag >= 0 ? process.argv[runsFlag + 1] : process.env.BENCH_STARTUP_RUNS ?? 5);
const TARGET_MS = 400;
const SCENARIO = "scenarios/sustained-throughput.yaml";
const DENO = join(ROOT, "node_modules", "deno", "deno");
const BIN = join(ROOT, "bin", "busmark.js");

/** One measured command line. */
interface Case {
  runtime: string;
  command: string;
  argv: string[];
  env?: Record<string, string>;
  /** The target this case is held to, ms (median). */
  targetMs?: number;
}

const commands: [string, string[]][] = [["--version", ["--version"]], ["list", ["list"]], [
  `validate ${SCENARIO}`,
  ["validate", SCENARIO],
]];
const cases: Case[] = [
  { runtime: "node (reference)", command: "node -e 0", argv: [process.execPath, "-e", "0"] },
  ...commands.map(([command, args]): Case => ({
    runtime: "node, compiled",
    command,
    argv: [process.execPath, BIN, ...args],
    env: { BUSMARK_FROM_SOURCES: "" },
    ...(command === "list" ? { targetMs: TARGET_MS } : {}),
  })),
  ...commands.map(([command, args]): Case => ({
    runtime: "deno",
    command,
    argv: [DENO, "run", "-A", "src/cli/bin.ts", ...args],
    ...(command === "list" ? { targetMs: TARGET_MS } : {}),
  })),
  { runtime: "npx deno", command: "list", argv: ["npx", "deno", "run", "-A", "src/cli/bin.ts", "list"] },
  ...commands.map(([command, args]): Case => ({
    runtime: "node, tsx (dev)",
    command,
    argv: [process.execPath, BIN, ...args],
    env: { BUSMARK_FROM_SOURCES: "1" },
  })),
];

/** Wall time of one run in ms; throws when the command fails. */
function time(c: Case): number {
  const [cmd, ...args] = c.argv;
  const started = performance.now();
  const r = spawnSync(cmd!, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...c.env } });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${c.argv.join(" ")}: exit ${r.status ?? r.signal}\n${r.stderr}${r.error ?? ""}`);
  return ms;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

if (!compiledEntry(ROOT)) {
  console.log("dist/ is missing or older than src/: building it first (npm run build)");
  const built = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { stdio: "inherit" });
  if (built.status !== 0) process.exit(1);
}
const deno = spawnSync(DENO, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0] ?? "deno ?";
console.log(`busmark bench:startup — node ${process.versions.node}, ${deno}, ${cpus().length} × ${cpus()[0]?.model}`);
console.log(`load average at start: ${load()} (the machine is shared; figures move with it)`);
console.log(`${RUNS} runs of each, whole processes (spawn to exit), wall time\n`);

const rows: string[][] = [["RUNTIME", "COMMAND", "MEDIAN", "MIN", "MAX"]];
const verdicts: string[] = [];
for (const c of cases) {
  time(c); // one unmeasured run: Deno compiles the sources into its cache the first time
  const ms = Array.from({ length: RUNS }, () => time(c)).sort((a, b) => a - b);
  const median = RUNS % 2 === 1 ? ms[(RUNS - 1) / 2]! : (ms[RUNS / 2 - 1]! + ms[RUNS / 2]!) / 2;
  rows.push([c.runtime, c.command, seconds(median), seconds(ms[0]!), seconds(ms.at(-1)!)]);
  if (c.targetMs !== undefined) {
    const ok = median <= c.targetMs;
    verdicts.push(
      `   ${ok ? "PASS" : "FAIL"}  ${c.runtime}: busmark ${c.command} ≤ ${seconds(c.targetMs)} (median ${
        seconds(median)
      })`,
    );
  }
}
console.log(textTable(rows));
console.log("\nTargets");
console.log(verdicts.join("\n"));
console.log(`\nload average at end: ${load()}`);
process.exitCode = verdicts.some((v) => v.includes("FAIL")) ? 1 : 0;
