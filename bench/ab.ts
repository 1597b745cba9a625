/**
 * `npm run bench:ab`: the smallest change of the publish→persisted latency that `busmark ab` detects on this
 * machine with 5 rounds of a 5 s scenario. One side is the reference-like chaos service as it is, the other the
 * same service delaying each commit by a known amount (0, 0.5, 1, 2, 5 ms; a delay under 1 ms becomes Node's
 * 1 ms timer minimum, which is why the measured change is shown beside it). Detection is judged by significance
 * alone (tolerance 0): the gated p50 / p99 test at α = 0.05 shared between them (0.025 each).
 *
 * Uses NATS_URL or the server on 127.0.0.1:4222 (an embedded one when nothing answers). About 7 minutes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { parseAbRequest, runAbRounds } from "../src/cli/commands/ab.ts";
import { tsEntryArgv } from "../src/runtime/spawn.ts";

const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 5);
const DELAYS_MS = [0, 0.5, 1, 2, 5];
const chaos = tsEntryArgv(fileURLToPath(new URL("../tests/fixtures/services/chaos.ts", import.meta.url))).join(" ");
const service = (delayMs: number) =>
  `${chaos} --nats {nats} --db {db} --prefix {prefix}${delayMs > 0 ? ` --delay-ms ${delayMs}` : ""}`;

const dir = mkdtempSync(join(tmpdir(), "busmark-bench-ab-"));
const scenario = join(dir, "ab-bench.yaml");
writeFileSync(
  scenario,
  [
    "version: 1",
    "name: ab-bench",
    "description: Five seconds of open-loop chat messages for the A/B detection benchmark.",
    "service:",
    `  reference: { prefix: "abbench${Date.now().toString(36)}" }`,
    "events:",
    "  chat:",
    "    subject: message.log",
    '    payload: { username: "user{{ int 1 9 }}", message: "{{ id }} {{ text 10 30 }}" }',
    "phases:",
    "  - { name: steady, kind: steady, duration: 5s, load: { rate: 200 } }",
    "grace: 2s",
    "",
  ].join("\n"),
);

const fmtMs = (us: number) => `${(us / 1000).toFixed(2)} ms`;
const rows: string[] = [
  "| injected delay | p50 A → B | p50 change | p50 p-value | p50 detected | p99 A → B | p99 change | p99 p-value | p99 detected |",
  "| -------------: | --------- | ---------: | ----------: | :----------: | --------- | ---------: | ----------: | :----------: |",
];
try {
  for (const delay of DELAYS_MS) {
    const request = parseAbRequest([
      scenario,
      "--a",
      service(0),
      "--b",
      service(delay),
      "--rounds",
      String(ROUNDS),
      "--tolerance",
      "0",
      "--out",
      join(dir, "reports"),
      "--max-lag",
      "2000",
    ], process.env);
    const { analysis } = await runAbRounds(request, { signal: new AbortController().signal, write: () => {} });
    if (!analysis) throw new Error("Cannot benchmark: no round finished");
    const cells = ["p50", "p99"].flatMap((stat) => {
      const r = analysis.rows.find((x) => x.row.quantity.key === `latency.persisted ${stat}`)!.row;
      return [
        `${fmtMs(r.baselineMean)} → ${fmtMs(r.candidateMean)}`,
        `${r.candidateMean >= r.baselineMean ? "+" : ""}${fmtMs(r.candidateMean - r.baselineMean)}`,
        (r.pWorse ?? 1).toFixed(3),
        r.verdict === "regression" ? "yes" : "no",
      ];
    });
    rows.push(`| ${delay} ms | ${cells.join(" | ")} |`);
    process.stdout.write(`${rows.at(-1)}\n`);
  }
  process.stdout.write(`\n${ROUNDS} rounds per side, 5 s at 200/s each, tolerance 0, α 0.025 per gated metric\n`);
  process.stdout.write(`${rows.join("\n")}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
