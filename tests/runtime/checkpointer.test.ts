import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { startCheckpointer } from "../../src/runtime/checkpointer.ts";
import { openDatabase } from "../../src/runtime/sqlite.ts";

describe("startCheckpointer", () => {
  it("copies the WAL into the database file from a background thread, and stops", async () => {
    const dir = mkdtempSync(join(tmpdir(), "busmark-ckpt-"));
    const path = join(dir, "x.db");
    const db = await openDatabase(path);
    try {
      db.exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (v TEXT)");
      const insert = db.prepare("INSERT INTO t VALUES (?)");
      db.exec("BEGIN");
      for (let i = 0; i < 2000; i++) insert.run("x".repeat(200));
      db.exec("COMMIT");
      const before = statSync(path).size;
      assert.ok(statSync(`${path}-wal`).size > 300_000, "the rows are in the WAL");
      const checkpointer = startCheckpointer(path, 20);
      const deadline = Date.now() + 10_000;
      while (statSync(path).size <= before + 300_000 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok(statSync(path).size > before + 300_000, `database file grew from ${before} to ${statSync(path).size}`);
      await checkpointer.stop();
      await checkpointer.stop();
      assert.equal(Number(db.prepare("SELECT count(*) AS n FROM t").get()?.n), 2000);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
