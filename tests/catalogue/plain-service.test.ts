/**
 * The catalogue against a service busmark did not write: a quick scenario run with the interpreter's command
 * override (`--service-command` / `--service-db`) and the small independent fixture service, which publishes no
 * commit notices, so persistence is confirmed by reading its SQLite file. The scenario carries each event's busmark
 * id in its text (`{{ id }}`), where busmark finds it again; busmark itself sends the bytes as the scenario says.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { tsEntryArgv } from "../../src/runtime/spawn.ts";
import { openDatabase } from "../../src/runtime/sqlite.ts";
import { catalogueScenario, checkOf, overallCounts, runOnPrivateNats } from "./support.ts";

const plainEntry = fileURLToPath(new URL("../fixtures/services/plain-service.ts", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "busmark-plain-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("a quick catalogue scenario against an independent service", () => {
  it("confirms every event from the service's SQLite file", async () => {
    const db = join(root, "plain.db");
    // What `busmark run sustained-throughput --quick --service-command "..." --service-db PATH` does.
    const result = await runOnPrivateNats(catalogueScenario("sustained-throughput"), {
      serviceCommand: { command: `${tsEntryArgv(plainEntry).join(" ")} --nats {nats} --db {db} --prefix {prefix}`, db },
    });
    assert.equal(result.status, "completed", result.invalidReasons.join("; "));
    assert.equal(result.service.kind, "command");
    assert.equal(result.service.confirm, "sqlite");
    assert.match(
      result.service.command ?? "",
      /plain-service\.ts --nats nats:\/\/127\.0\.0\.1:\d+ --db \S+plain\.db --prefix rosey\.db$/,
    );
    const c = overallCounts(result);
    assert.equal(c.published, 6000, "3 s at 2000/s");
    assert.equal(c.persisted, c.published);
    assert.equal(c.lost, 0);
    assert.equal(c.duplicated, 0);
    assert.equal(checkOf(result, "events.lost", "== 0").pass, true);
    const latency = result.metrics.find((m) => m.metric === "latency.persisted" && !m.phase && !m.event);
    assert.equal(latency?.summary?.count, 6000);
    // The rows are really there, written by the other service: warmup and steady, each text as the scenario wrote
    // it, starting with the event's id (`{{ id }} `), nothing added by busmark.
    const sqlite = await openDatabase(db);
    try {
      const row = sqlite.prepare("SELECT COUNT(*) AS n FROM recent_chat WHERE message LIKE ?").get(`${result.runId}.%`);
      assert.equal(Number(row?.n), 6500);
      const tagged = sqlite.prepare("SELECT COUNT(*) AS n FROM recent_chat WHERE message LIKE 'bm:%'").get();
      assert.equal(Number(tagged?.n), 0);
    } finally {
      sqlite.close();
    }
  });
});
