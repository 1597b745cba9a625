/**
 * busmark pointed at a service it did not write (the shop fixture), confirming persistence each of the four ways:
 * a downstream subject the service publishes after COMMIT, a query on its SQLite file, a query on its PostgreSQL
 * table, and commit notices it publishes from docs/notices.md. For each way: a clean run passes; dropping 10 % of the
 * orders fails `events.lost` with about 10 % lost and storing some twice is counted in `events.duplicated`; 20 ms
 * before each write fails a latency budget the clean run meets. Driven through the CLI, on the shared NATS server
 * (a unique subject root per run), real SQLite and PostgreSQL (a unique table per run, dropped afterwards).
 *
 * The notices way runs the TypeScript example of docs/notices.md: the fixture imports
 * tests/fixtures/services/notices-snippet.ts, which must be byte-equal to the doc's block, so the doc cannot rot.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { RunResult } from "../../src/result/types.ts";
import { tsEntryArgv } from "../../src/runtime/spawn.ts";
import { runCli } from "../cli/capture.ts";

const NATS = "nats://127.0.0.1:4222";
const PG = "postgres://postgres@127.0.0.1:5432/test";
const docsDir = fileURLToPath(new URL("../../docs/", import.meta.url));
const snippetFile = fileURLToPath(new URL("../fixtures/services/notices-snippet.ts", import.meta.url));
const shopEntry = fileURLToPath(new URL("../fixtures/services/shop-service.ts", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "busmark-any-service-"));
const tables: string[] = [];
after(async () => {
  rmSync(root, { recursive: true, force: true });
  if (tables.length === 0) return;
  const sql = postgres(PG, { max: 1, onnotice: () => {} });
  try {
    for (const t of tables) await sql.unsafe(`DROP TABLE IF EXISTS ${t}`);
  } finally {
    await sql.end({ timeout: 2 });
  }
});

let runs = 0;

/** One way of confirming persistence: the service's flags and the event's `confirm:` block (YAML lines). */
interface Way {
  name: string;
  service(unique: string): { flags: string; db?: string; notices?: boolean };
  confirm(unique: string): string[];
}

const WAYS: Way[] = [
  {
    name: "a downstream subject",
    service: () => ({ flags: "--db {db} --confirm subject", db: "{tmp}/shop.db" }),
    confirm: () => ["    confirm:", "      subject: orders.stored", "      id: { header: Bm-Id }"],
  },
  {
    name: "a SQLite query",
    service: () => ({ flags: "--db {db} --confirm none", db: "{tmp}/shop.db" }),
    confirm: () => [
      "    confirm:",
      "      sql:",
      '        url: "sqlite:{db}"',
      '        query: "SELECT ref AS id, seq AS cursor FROM orders WHERE seq > :cursor ORDER BY seq LIMIT 10000"',
      "        every: 5ms",
    ],
  },
  {
    name: "a PostgreSQL query",
    service: (unique) => {
      tables.push(unique);
      return { flags: `--pg ${PG} --table ${unique} --confirm none` };
    },
    confirm: (unique) => [
      "    confirm:",
      "      sql:",
      `        url: "${PG}"`,
      `        query: "SELECT bm_id AS id, seq AS cursor FROM ${unique} WHERE seq > :cursor ORDER BY seq LIMIT 10000"`,
      "        every: 5ms",
    ],
  },
  {
    name: "commit notices",
    service: () => ({ flags: "--db {db} --confirm notices", db: "{tmp}/shop.db", notices: true }),
    confirm: () => [], // the service's `notices: true` confirms every event
  },
];

/** Writes and runs a 2 s, 200/s scenario of orders against the shop fixture started with `chaos` flags. */
async function runShop(way: Way, chaos: string): Promise<{ code: number; out: string; result: RunResult }> {
  const unique = `t${process.pid}_${Date.now().toString(36)}_${++runs}`;
  const name = `shop-${runs}`;
  const svc = way.service(unique);
  const run = `${tsEntryArgv(shopEntry).join(" ")} --nats {nats} --root {prefix} ${svc.flags} ${chaos}`;
  const lines = [
    "version: 1",
    `name: ${name}`,
    "description: Orders into the shop fixture, confirmed one way.",
    "service:",
    "  command:",
    `    run: ${JSON.stringify(run)}`,
    `    prefix: ${unique}.shop`,
    ...(svc.db ? [`    db: "${svc.db}"`] : []),
    "    ready: { request: orders.count }",
    ...(svc.notices ? ["    notices: true"] : []),
    "events:",
    "  order:",
    "    subject: orders.created",
    "    persist: true",
    '    payload: { ref: "{{ id }}", amount: "{{ int 1 500 }}" }',
    ...way.confirm(unique),
    "phases:",
    "  - { name: warmup, kind: warmup, duration: 300ms, load: { rate: 200 } }",
    "  - { name: steady, kind: steady, duration: 2s, load: { rate: 200 } }",
    "grace: 1s",
    "thresholds:",
    '  events.lost: "== 0"',
    '  events.duplicated: "== 0"',
    '  latency.persisted: "p50 < 18ms"',
    "",
  ];
  const file = join(root, `${name}.yaml`);
  writeFileSync(file, lines.join("\n"));
  const r = await runCli(["run", file, "--out", join(root, "reports"), "--quiet", "--nats", NATS, "--max-lag", "2000"]);
  const dir = r.out.match(/report: (\S+)/)?.[1];
  assert.ok(dir, `a report was written (exit ${r.code}): ${r.out}${r.err}`);
  const result = JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as RunResult;
  return { code: r.code, out: r.out + r.err, result };
}

function counts(result: RunResult) {
  const c = result.counts.find((x) => x.event === undefined && x.phase === undefined);
  assert.ok(c, "overall counts exist");
  return c;
}

function check(result: RunResult, key: string) {
  const c = result.checks.find((x) => x.key === key);
  assert.ok(c, `a check on ${key} exists`);
  return c;
}

describe("docs/notices.md", () => {
  it("its TypeScript example is byte-equal to the snippet the shop fixture publishes notices with", () => {
    const doc = readFileSync(join(docsDir, "notices.md"), "utf8");
    const marker = doc.indexOf("<!-- notices-snippet:typescript -->");
    assert.ok(marker >= 0, "the doc marks its TypeScript example");
    const start = doc.indexOf("```ts\n", marker) + "```ts\n".length;
    const block = doc.slice(start, doc.indexOf("```\n", start));
    assert.equal(block, readFileSync(snippetFile, "utf8"));
    assert.match(doc, /Python.*\*\*Not tested in CI\*\*/);
    assert.match(doc, /Go.*\*\*Not tested in CI\*\*/);
  });
});

describe("docs/any-service.md's worked example", () => {
  const example = fileURLToPath(new URL("../../scenarios/examples/shop-orders.yaml", import.meta.url));

  it("quotes the example scenario as it is and gives the exact command", () => {
    const doc = readFileSync(join(docsDir, "any-service.md"), "utf8");
    const section = doc.slice(doc.indexOf("## 6."));
    const start = section.indexOf("```yaml\n") + "```yaml\n".length;
    const quoted = section.slice(start, section.indexOf("```\n", start));
    assert.ok(quoted.length > 200 && readFileSync(example, "utf8").includes(quoted), "the quoted YAML is in the file");
    assert.match(section, /npm ci && npx busmark run scenarios\/examples\/shop-orders\.yaml\n/);
  });

  it("runs from the repository's root: every order persisted once, every count answered (quick variant)", async () => {
    const r = await runCli(["run", example, "--quick", "--out", join(root, "reports"), "--quiet", "--max-lag", "2000"]);
    // Its latency budgets are judged on a busy shared machine too: a latency failure (exit 1) is the machine's, not
    // the example's; everything else must pass.
    assert.ok(r.code === 0 || r.code === 1, r.out + r.err);
    const dir = r.out.match(/report: (\S+)/)?.[1];
    assert.ok(dir);
    const result = JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as RunResult;
    const orders = result.counts.find((x) => x.event === "order" && x.phase === undefined);
    assert.ok(orders && orders.published >= 300, `orders ${JSON.stringify(orders)}`);
    assert.equal(orders.persisted, orders.published);
    const others = result.checks.filter((x) => !x.metric.startsWith("latency."));
    assert.ok(others.length >= 3 && others.every((x) => x.pass), r.out);
    assert.ok(r.code === 0 || result.checks.some((x) => x.metric.startsWith("latency.") && !x.pass), r.out);
  });
});

for (const way of WAYS) {
  describe(`the shop service confirmed through ${way.name}`, () => {
    it("a clean run passes: every order persisted once, p50 under 18 ms", async () => {
      const { code, out, result } = await runShop(way, "");
      assert.equal(code, 0, out);
      const c = counts(result);
      assert.ok(c.published >= 400, `published ${c.published}`);
      assert.equal(c.persisted, c.published);
      assert.equal(c.lost, 0);
      assert.equal(c.duplicated, 0);
      assert.ok(result.checks.every((x) => x.pass), out);
    });

    it("dropping 10 % fails events.lost with about 10 % lost; storing 5 % twice counts duplicates", async () => {
      const { code, out, result } = await runShop(way, "--drop 0.1 --duplicate 0.05");
      assert.equal(code, 1, out);
      const c = counts(result);
      const lostShare = c.lost / c.published;
      assert.ok(lostShare > 0.05 && lostShare < 0.15, `lost ${c.lost} of ${c.published}`);
      assert.equal(c.persisted + c.lost, c.published);
      const dupShare = c.duplicated / c.persisted;
      assert.ok(dupShare > 0.01 && dupShare < 0.1, `duplicated ${c.duplicated} of ${c.persisted}`);
      const lost = check(result, "events.lost");
      assert.equal(lost.pass, false);
      assert.equal(lost.observed, c.lost);
      const duplicated = check(result, "events.duplicated");
      assert.equal(duplicated.pass, false);
      assert.equal(duplicated.observed, c.duplicated);
    });

    it("20 ms before each write fails the latency budget, and nothing is lost", async () => {
      const { code, out, result } = await runShop(way, "--delay-ms 20");
      assert.equal(code, 1, out);
      const latency = check(result, "latency.persisted");
      assert.equal(latency.pass, false);
      assert.ok((latency.observed ?? 0) >= 20_000, `p50 ${latency.observed} us`);
      assert.equal(check(result, "events.lost").pass, true, out);
      assert.equal(counts(result).persisted, counts(result).published);
    });
  });
}
