/**
 * The sqlite confirmer against a database in SQLite's default rollback journal (journal_mode = DELETE), the way
 * services that never asked for WAL run: another process keeps taking exclusive write locks, which keep every
 * reader out while they are held. Reading that file must never stall busmark's own loop (the one that paces the
 * load and receives replies): the run stays valid and the schedule lag small, and every event is still confirmed
 * from the rows, which hold exactly the bytes the scenario said (its `{{ id }}`, no rewrite by busmark).
 */
import assert from "node:assert/strict";
import { type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { findMetric } from "../../../src/result/find.ts";
import { runScenario } from "../../../src/run/runner.ts";
import { spawnArgv, tsEntryArgv } from "../../../src/runtime/spawn.ts";
import { openDatabase } from "../../../src/runtime/sqlite.ts";
import type { EventType, PayloadExpr, Scenario } from "../../../src/scenario/types.ts";
import { phase, scenario, uniquePrefix } from "../../support/scenario.ts";
import { LENIENT } from "../../catalogue/support.ts";

const NATS = "nats://127.0.0.1:4222";
/** How long the other writer holds each exclusive lock, ms; a poll on busmark's loop would stall it that long. */
const HOLD_MS = 200;
/**
 * The schedule-lag p99 bound of this test, µs. A loop that waits on the database shows about a second (measured
 * on the code that polled on the main thread: p99 999 ms, max 1015 ms); a calm machine shows a few ms, while the
 * 2-core machine the suite shares with other runs showed up to 44 ms of plain CPU contention even with no lock
 * held, so the bound sits between the two rather than at the 20 ms of the default self-health rule.
 */
const MAX_LAG_P99_US = 100_000;
const plainEntry = fileURLToPath(new URL("../../fixtures/services/plain-service.ts", import.meta.url));
const lockerEntry = fileURLToPath(new URL("../../fixtures/services/db-locker.ts", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "busmark-sqlite-confirm-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** Starts the lock holder on `db` and resolves once it holds its first lock. */
function startLocker(db: string): Promise<ChildProcess> {
  const child = spawnArgv([...tsEntryArgv(lockerEntry), "--db", db, "--hold", String(HOLD_MS), "--pause", "20"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`db-locker exited with ${code}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locking")) resolve(child);
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** A message.log event whose text carries the event's busmark id, as a scenario writes `{{ id }} {{ text }}`. */
function chatWithId(prefix: string, withId = true): EventType {
  const text: PayloadExpr = { kind: "text", min: 5, max: 20 };
  return {
    name: "chat",
    subject: `${prefix}.message.log`,
    payload: {
      kind: "object",
      fields: {
        username: { kind: "literal", value: "user1" },
        message: withId ? { kind: "concat", parts: [{ kind: "id" }, { kind: "literal", value: " " }, text] } : text,
      },
    },
    persisted: true,
    confirm: { kind: "none" },
    confirmDeclared: false,
    pos: { file: "test.yaml", line: 1, column: 1 },
  };
}

describe("the sqlite confirmer on a rollback-journal database another process keeps locked", () => {
  it("never blocks busmark's loop: the run is valid, the lag small, every event confirmed", async () => {
    const db = join(root, "rollback.db");
    const locker = await startLocker(db);
    try {
      const prefix = uniquePrefix();
      const command = `${tsEntryArgv(plainEntry).join(" ")} --nats {nats} --db {db} --prefix {prefix} --journal delete`;
      const result = await runScenario({
        scenario: scenario({
          prefix,
          service: {
            kind: "command",
            prefix,
            command,
            db,
            ready: { kind: "subscription", subject: `${prefix}.message.log`, timeoutMs: 20_000 },
            env: {},
          },
          events: [chatWithId(prefix)],
          phases: [phase("steady", "steady", 3000, { kind: "rate", from: 200, to: 200 })],
          graceMs: 15_000,
        }),
        auth: {},
        env: {},
        natsUrl: NATS,
        health: { maxLagP99Us: MAX_LAG_P99_US },
      });
      assert.equal(result.service.confirm, "sqlite");
      const lag = findMetric(result, "latency.schedule", { phase: "steady" })?.summary;
      assert.ok(lag && lag.count > 0, "the schedule lag was measured");
      console.log(`schedule lag p99 ${(lag.p99 / 1000).toFixed(2)} ms, max ${(lag.max / 1000).toFixed(2)} ms`);
      assert.equal(result.status, "completed", result.invalidReasons.join("; "));
      assert.ok(lag.p99 < MAX_LAG_P99_US, `schedule lag p99 ${lag.p99} µs stays below ${MAX_LAG_P99_US} µs`);
      assert.ok(lag.max < HOLD_MS * 1000 * 0.75, `no send waited for a lock: lag max ${lag.max} µs`);
      const c = result.counts.find((x) => x.event === undefined && x.phase === undefined)!;
      assert.equal(c.published, 600, "3 s at 200/s");
      assert.equal(c.persisted, c.published, "every event found again in the database");
      assert.equal(c.lost, 0);
      assert.equal(c.duplicated, 0);
      const sqlite = await openDatabase(db);
      try {
        sqlite.exec("PRAGMA busy_timeout = 10000");
        const rows = sqlite.prepare("SELECT message FROM recent_chat WHERE username = 'user1'").all();
        assert.equal(rows.length, 600);
        const wire = new RegExp(`^${result.runId.replace(/[.-]/g, "\\$&")}\\.\\d+ \\S`);
        for (const row of rows) assert.match(String(row.message), wire, "stored as the scenario wrote it");
        const noise = sqlite.prepare("SELECT COUNT(*) AS n FROM recent_chat WHERE username = 'locker'").get();
        assert.ok(Number(noise?.n) >= 5, `the other writer kept writing (${noise?.n} rows)`);
      } finally {
        sqlite.close();
      }
    } finally {
      await stopChild(locker);
    }
  });

  it("without {{ id }} in the text, does not count the events lost: they complete on delivery, with a note", async () => {
    const db = join(root, "no-id.db");
    const prefix = uniquePrefix();
    const s: Scenario = scenario({
      prefix,
      service: {
        kind: "command",
        prefix,
        command: `${tsEntryArgv(plainEntry).join(" ")} --nats {nats} --db {db} --prefix {prefix}`,
        db,
        ready: { kind: "subscription", subject: `${prefix}.message.log`, timeoutMs: 20_000 },
        env: {},
      },
      events: [chatWithId(prefix, false)],
      phases: [phase("steady", "steady", 1000, { kind: "rate", from: 100, to: 100 })],
    });
    const result = await runScenario({ scenario: s, auth: {}, env: {}, natsUrl: NATS, health: LENIENT });
    const c = result.counts.find((x) => x.event === undefined && x.phase === undefined)!;
    assert.equal(c.published, 100);
    assert.equal(c.delivered, 100);
    assert.equal(c.expectedPersisted, 0, "nothing busmark could find again is expected persisted");
    assert.equal(c.lost, 0, "the service is not blamed for what busmark cannot see");
    assert.match(
      result.notes.join("\n"),
      /event chat: persistence not confirmed \(its payload carries no \{\{ id \}\}/,
    );
  });
});
