import assert from "node:assert/strict";
import { after, afterEach, beforeEach, describe, it } from "node:test";
import { openDatabase, type SqliteDatabase } from "../../src/runtime/sqlite.ts";
import { EventKind } from "../../src/service/contract.ts";
import { GroupCommitter, type Settle } from "../../src/service/group-commit.ts";
import type { CommitNotice } from "../../src/service/notices.ts";
import { StatsCounters } from "../../src/service/stats.ts";
import { Storage } from "../../src/service/storage.ts";
import { json, tempDb } from "./support.ts";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const chat = (message: string) => json({ username: "u", message });

/** Records how a message was settled. */
class Recorder implements Settle {
  state = "pending";
  ack() {
    this.state = "acked";
  }
  nak() {
    this.state = "naked";
  }
}

describe("GroupCommitter", () => {
  const tmp = tempDb();
  let storage: Storage;
  let reader: SqliteDatabase;
  let counters: StatsCounters;
  let notices: CommitNotice[];
  let problems: string[];
  const committedRows = () => Number(reader.prepare("SELECT count(*) AS n FROM recent_chat").get()?.n);
  const make = (batchMax = 1000) =>
    new GroupCommitter(storage, counters, {
      batchMax,
      maxPayload: 256,
      onNotice: (n) => notices.push(n),
      onProblem: (reason, message) => problems.push(`${reason}: ${message}`),
      clock: () => 1_700_000_000_000,
    });

  beforeEach(async () => {
    storage = await Storage.open(tmp.path);
    reader = await openDatabase(tmp.path);
    storage.db.exec("DELETE FROM recent_chat");
    counters = new StatsCounters();
    notices = [];
    problems = [];
  });
  afterEach(async () => {
    reader.close();
    await storage.close();
  });
  after(() => tmp.dispose());

  it("commits a lone event on the next turn of the event loop, without a timer", async () => {
    const gc = make();
    gc.submit(EventKind.MessageLog, chat("alone"), "r.1");
    assert.equal(gc.pending, 1);
    assert.equal(committedRows(), 0, "not committed synchronously");
    await tick();
    assert.equal(committedRows(), 1);
    assert.equal(gc.pending, 0);
    assert.deepEqual(notices, [{ tx: 1, n: 1, runs: { r: [[1, 1]] } }]);
    assert.equal(counters.transactions, 1);
  });

  it("puts everything that arrived meanwhile in one transaction, capped at batchMax", async () => {
    const gc = make(3);
    for (let i = 0; i < 7; i++) gc.submit(EventKind.MessageLog, chat(`m${i}`), `r.${i}`);
    assert.equal(committedRows(), 6, "two full batches committed at the cap");
    await tick();
    assert.equal(committedRows(), 7);
    assert.deepEqual(notices.map((n) => [n.n, n.runs]), [[3, { r: [[0, 2]] }], [3, { r: [[3, 5]] }], [1, {
      r: [[6, 6]],
    }]]);
    const s = counters.snapshot({
      mode: "direct",
      prefix: null,
      pid: 0,
      runtime: "",
      driver: "",
      queueDepth: 0,
      pruned: 0,
    });
    assert.deepEqual(s.batchSizes, { "1": 1, "4": 2 });
    assert.equal(s.committed, 7);
  });

  it("counts invalid events by reason, reports their ids, and writes nothing for them", async () => {
    const gc = make();
    gc.submit(EventKind.MessageLog, new TextEncoder().encode("{oops"), "r.1");
    gc.submit(EventKind.MessageLog, json({ username: "u" }), "r.2");
    gc.submit(EventKind.MessageLog, json({ username: "u", message: "x".repeat(300) }), "r.3");
    gc.submit(EventKind.MessageLog, chat("fine"), "r.4");
    gc.submit(EventKind.MessageLog, chat("no id"));
    gc.submit(EventKind.MessageLog, chat("bad id"), "no-dot");
    gc.reject("unknown-subject", "no such subject", "x.y", "r.5");
    await tick();
    assert.equal(committedRows(), 3);
    assert.deepEqual(notices, [{ tx: 1, n: 3, runs: { r: [[4, 4]] }, invalid: { r: [[1, 3], [5, 5]] } }]);
    assert.deepEqual(
      { ...counters.invalid },
      { ...counters.invalid, "invalid-json": 1, "missing-field": 1, oversized: 1, "unknown-subject": 1 },
    );
    assert.equal(counters.malformedIds, 1);
    assert.equal(counters.received, 6);
    assert.equal(problems.length, 4);
    assert.match(problems[0]!, /^invalid-json: Cannot store message\.log \(invalid-json\)/);
  });

  it("publishes a notice for rejected marked events even when nothing was written", async () => {
    const gc = make();
    gc.submit(EventKind.UserCount, json({ chat_count: "x", connected_count: 1 }), "r.9");
    await tick();
    assert.deepEqual(notices, [{ tx: 0, n: 0, runs: {}, invalid: { r: [[9, 9]] } }]);
    assert.equal(counters.transactions, 0);
  });

  it("applies a JetStream sequence once, reports redeliveries as `again`, and acks after commit", async () => {
    const gc = make();
    const first = [new Recorder(), new Recorder()];
    gc.submit(EventKind.MessageLog, chat("a"), "r.1", 101, first[0]);
    gc.submit(EventKind.MessageLog, chat("b"), "r.2", 102, first[1]);
    assert.deepEqual(first.map((r) => r.state), ["pending", "pending"], "no ack before commit");
    await tick();
    assert.deepEqual(first.map((r) => r.state), ["acked", "acked"]);
    const again = new Recorder();
    gc.submit(EventKind.MessageLog, chat("a"), "r.1", 101, again);
    const bad = new Recorder();
    gc.submit(EventKind.MessageLog, json([]), "r.3", 103, bad);
    await tick();
    assert.equal(committedRows(), 2);
    assert.equal(again.state, "acked");
    assert.equal(bad.state, "acked", "invalid events are settled, never redelivered");
    assert.equal(counters.duplicates, 1);
    assert.deepEqual(notices[1], { tx: 1, n: 0, runs: {}, invalid: { r: [[3, 3]] }, again: { r: [[1, 1]] } });
  });

  it("rolls back and naks when COMMIT fails, and keeps working", async () => {
    storage.db.exec(`PRAGMA foreign_keys = ON;
      CREATE TABLE IF NOT EXISTS t_parent (id INTEGER PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS t_child (pid INTEGER REFERENCES t_parent(id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TRIGGER IF NOT EXISTS t_poison AFTER INSERT ON recent_chat WHEN NEW.message = 'poison'
        BEGIN INSERT INTO t_child VALUES (999); END;`);
    const gc = make();
    const settles = [new Recorder(), new Recorder(), new Recorder()];
    gc.submit(EventKind.MessageLog, chat("ok"), "r.1", undefined, settles[0]);
    gc.submit(EventKind.MessageLog, chat("poison"), "r.2", undefined, settles[1]);
    gc.submit(EventKind.MessageLog, json({}), "r.3", undefined, settles[2]);
    await tick();
    assert.equal(committedRows(), 0);
    assert.deepEqual(settles.map((s) => s.state), ["naked", "naked", "acked"]);
    assert.equal(counters.failedCommits, 1);
    assert.equal(counters.lostInFailedCommits, 2);
    assert.deepEqual(notices, [{ tx: 0, n: 0, runs: {}, invalid: { r: [[3, 3]] } }], "failed ids are not reported");
    assert.ok(problems.some((p) => /^commit-failed: Cannot commit 2 events/.test(p)));
    gc.submit(EventKind.MessageLog, chat("after"), "r.4");
    await tick();
    assert.equal(committedRows(), 1);
    storage.db.exec("DROP TRIGGER t_poison");
  });

  it("counts a failing statement as storage-error and commits the rest of the batch", async () => {
    storage.db.exec(`CREATE TRIGGER IF NOT EXISTS t_boom BEFORE INSERT ON recent_chat WHEN NEW.message = 'boom'
      BEGIN SELECT RAISE(ABORT, 'boom refused'); END;`);
    const gc = make();
    gc.submit(EventKind.MessageLog, chat("one"), "r.1");
    gc.submit(EventKind.MessageLog, chat("boom"), "r.2");
    gc.submit(EventKind.MessageLog, chat("three"), "r.3");
    await tick();
    assert.equal(committedRows(), 2);
    assert.equal(counters.invalid["storage-error"], 1);
    assert.deepEqual(notices[0], { tx: 1, n: 2, runs: { r: [[1, 1], [3, 3]] }, invalid: { r: [[2, 2]] } });
    storage.db.exec("DROP TRIGGER t_boom");
  });

  it("close() commits what it holds and ignores later events", async () => {
    const gc = make();
    gc.submit(EventKind.MessageLog, chat("held"));
    gc.close();
    assert.equal(committedRows(), 1);
    gc.submit(EventKind.MessageLog, chat("late"));
    gc.reject("unknown-subject", "x", "y");
    await tick();
    assert.equal(committedRows(), 1);
    assert.equal(counters.received, 1);
  });
});
