import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../../src/runtime/sqlite.ts";
import { runCli } from "./capture.ts";

const tiny = fileURLToPath(new URL("../fixtures/scenarios/run/tiny-pass.yaml", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "busmark-service-files-"));
after(() => rmSync(out, { recursive: true, force: true }));
const NATS = "nats://127.0.0.1:4222";

async function runTiny(...extra: string[]) {
  process.env.TEST_PREFIX = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.db`;
  const run = await runCli(["run", tiny, "--out", out, "--quiet", "--nats", NATS, "--max-lag", "2000", ...extra]);
  assert.equal(run.code, 0, run.out + run.err);
  const dir = run.out.match(/report: (\S+)/)?.[1];
  assert.ok(dir, run.out);
  return dir;
}

describe("the service's files in the report directory", () => {
  it("keeps the service's log by default, linked from the report, and not its database", async () => {
    const dir = await runTiny();
    const result = JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
    assert.deepEqual(result.serviceFiles, ["service.log"]);
    assert.ok(existsSync(join(dir, "service.log")));
    assert.equal(existsSync(join(dir, "service.db")), false);
    assert.match(
      readFileSync(join(dir, "report.md"), "utf8"),
      /\| service files \| \[service\.log\]\(service\.log\) \|/,
    );
  });

  it("with --keep-service-files also keeps the database, holding every event the run persisted", async () => {
    const dir = await runTiny("--keep-service-files");
    const result = JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
    assert.deepEqual(result.serviceFiles, ["service.log", "service.db"]);
    assert.match(readFileSync(join(dir, "report.md"), "utf8"), /\[service\.db\]\(service\.db\)/);
    const db = await openDatabase(join(dir, "service.db"));
    try {
      const row = db.prepare("SELECT COUNT(*) AS n FROM recent_chat").get() as { n: number };
      assert.equal(Number(row.n), result.counts[0].persisted, "the kept database is the one the run measured");
    } finally {
      db.close();
    }
  });

  it("puts each repeated run's files in that run's own directory", async () => {
    const dir = await runTiny("--repeat", "2");
    const runs = readdirSync(join(dir, "runs"));
    assert.equal(runs.length, 2);
    for (const id of runs) assert.ok(existsSync(join(dir, "runs", id, "service.log")), id);
    assert.equal(existsSync(join(dir, "service.log")), false, "the combined view has no service of its own");
  });
});
