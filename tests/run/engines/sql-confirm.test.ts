/**
 * The sql confirmer on its own, against real SQLite files and a real PostgreSQL: which rows confirm what, what it
 * reports seeing, and how it fails. Runs of whole scenarios are in `sql-confirm-run.test.ts`.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { InfrastructureError } from "../../../src/errors.ts";
import { createRunContext, type RunContext } from "../../../src/run/context.ts";
import type { RunningConfirmer } from "../../../src/run/engines/confirmer.ts";
import { startSqlConfirmer } from "../../../src/run/engines/sql-confirm.ts";
import type { SqlTarget } from "../../../src/run/engines/sql-poll-worker.ts";
import type { Plan, PlannedEvent } from "../../../src/run/plan.ts";
import { PG_URL, pgWriter, type RowWriter, sqliteWriter, uniqueTable } from "../../support/sql.ts";

const RUN = "20261202T120000Z-ab12";
const root = mkdtempSync(join(tmpdir(), "busmark-sql-confirm-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** A context of two event types (0 and 1), `n` events sent alternately: even seqs are type 0, odd ones type 1. */
function context(n: number): RunContext {
  const plan = { phases: [{}], events: [{}, {}] } as unknown as Plan;
  const ctx = createRunContext({
    plan,
    runId: RUN,
    now: () => performance.now(),
    signal: new AbortController().signal,
    confirmsPersistence: [true, true],
  });
  for (let i = 0; i < n; i++) ctx.tracker.add(ctx.now(), i % 2, 0);
  return ctx;
}

const typeZero = [{ index: 0 }] as PlannedEvent[];

async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function counted(ctx: RunContext, counter: "persisted" | "duplicated"): number {
  let total = 0;
  for (let e = 0; e < 2; e++) total += ctx.recorder.counter(counter, 0, e);
  return total;
}

const QUERY = "SELECT ref AS id, seq AS cursor FROM orders WHERE seq > :cursor ORDER BY seq LIMIT 1000";

interface Db {
  name: string;
  /** A writer of a fresh table, the target and the query reading it. */
  open(): Promise<{ writer: RowWriter; target: SqlTarget; query: string }>;
}

const sqlite: Db = {
  name: "SQLite",
  async open() {
    const path = join(root, `${uniqueTable()}.db`);
    return { writer: await sqliteWriter(path), target: { kind: "sqlite", path }, query: QUERY };
  },
};

const pg: Db = {
  name: "PostgreSQL",
  async open() {
    const table = uniqueTable();
    const writer = await pgWriter(table);
    return { writer, target: { kind: "postgres", url: PG_URL }, query: QUERY.replace("orders", table) };
  },
};

for (const db of [sqlite, pg]) {
  describe(`the sql confirmer on ${db.name}`, () => {
    it("marks the first row of each of its events, counts a second one duplicated, and counts the rest as seen", async () => {
      const { writer, target, query } = await db.open();
      const ctx = context(10);
      let failure: Error | undefined;
      let running: RunningConfirmer | undefined;
      try {
        writer.insert("another run: 20261202T120000Z-ffff.0");
        writer.insert(`${RUN}.0`); // type 0
        writer.insert(`${RUN}.1`); // type 1: another source's, counted only
        await writer.flush();
        running = await startSqlConfirmer(ctx, target, { query, pollMs: 10 }, typeZero, (e) => (failure = e));
        writer.insert(`order ${RUN}.2 placed`); // the id anywhere in the text
        writer.insert(`${RUN}.0`); // a second row of event 0
        writer.insert(`${RUN}.99`); // an id this run never sent
        await writer.flush();
        await eventually(() => running!.sightings!().seen === 6, "six rows seen");
        assert.equal(failure, undefined);
        assert.deepEqual(running.sightings!(), { seen: 6, matched: 3 });
        assert.ok(ctx.tracker.isPersisted(0) && ctx.tracker.isPersisted(2), "events 0 and 2 confirmed");
        assert.ok(!ctx.tracker.isPersisted(1), "type 1 is not this source's");
        assert.equal(counted(ctx, "persisted"), 2);
        assert.equal(counted(ctx, "duplicated"), 1);
      } finally {
        await running?.stop();
        await writer.close();
      }
    });

    it("reads each row once: a row whose cursor is not above the largest seen is skipped as already read", async () => {
      const { writer, target, query } = await db.open();
      const ctx = context(4);
      let running: RunningConfirmer | undefined;
      try {
        writer.insert(`${RUN}.0`);
        await writer.flush();
        running = await startSqlConfirmer(ctx, target, { query, pollMs: 10 }, typeZero, () => {});
        // The query reads the whole table every time; only rows above the cursor count.
        const again = await startSqlConfirmer(
          ctx,
          target,
          { query: query.replace(/WHERE seq > :cursor/, "WHERE seq >= 0 OR seq > :cursor"), pollMs: 10 },
          typeZero,
          () => {},
        );
        writer.insert(`${RUN}.2`);
        await writer.flush();
        await eventually(() => again.sightings!().seen === 2 && running!.sightings!().seen === 2, "two rows each");
        await new Promise((r) => setTimeout(r, 100)); // many more polls of the same rows
        assert.deepEqual(again.sightings!(), { seen: 2, matched: 2 });
        assert.equal(counted(ctx, "persisted"), 2);
        assert.equal(counted(ctx, "duplicated"), 2, "the two sources each saw both once: one duplicate each");
        await again.stop();
      } finally {
        await running?.stop();
        await writer.close();
      }
    });

    it("reads the rows of one poll in cursor order, whatever order the query gives them in", async () => {
      const { writer, target, query } = await db.open();
      const ctx = context(6);
      let running: RunningConfirmer | undefined;
      try {
        for (const seq of [0, 2, 4]) writer.insert(`${RUN}.${seq}`);
        await writer.flush();
        const descending = query.replace("ORDER BY seq", "ORDER BY seq DESC");
        running = await startSqlConfirmer(ctx, target, { query: descending, pollMs: 10 }, typeZero, () => {});
        assert.deepEqual(running.sightings!(), { seen: 3, matched: 3 }, "the first poll read all three");
        assert.equal(counted(ctx, "persisted"), 3);
      } finally {
        await running?.stop();
        await writer.close();
      }
    });

    it("refuses a query without an id or a cursor column, naming what it returns", async () => {
      const { writer, target, query } = await db.open();
      try {
        const ctx = context(1);
        const noCursor = query.replace("seq AS cursor", "seq");
        await assert.rejects(
          startSqlConfirmer(ctx, target, { query: noCursor, pollMs: 10 }, typeZero, () => {}),
          (e: unknown) =>
            e instanceof InfrastructureError &&
            /^Cannot confirm from sql .*: the query returns no `cursor` column \(it returns: id, seq\)$/.test(
              e.message,
            ),
        );
        await assert.rejects(
          startSqlConfirmer(ctx, target, { query: query.replace("ref AS id", "ref"), pollMs: 10 }, typeZero, () => {}),
          /the query returns no `id` column \(it returns: ref, cursor\)/,
        );
        await assert.rejects(
          startSqlConfirmer(ctx, target, { query: query.replace("SELECT", "SELEC"), pollMs: 10 }, typeZero, () => {}),
          (e: unknown) => e instanceof InfrastructureError && /syntax error/.test(e.message),
        );
      } finally {
        await writer.close();
      }
    });

    it("waits a while for a table the service has not created yet, then fails the run if it stays missing", async () => {
      const { writer, target, query } = await db.open();
      const late = query.replace(/FROM (\S+)/, "FROM $1_late");
      const table = /FROM (\S+)/.exec(late)![1]!;
      const ctx = context(2);
      let failure: Error | undefined;
      let running: RunningConfirmer | undefined;
      try {
        running = await startSqlConfirmer(ctx, target, { query: late, pollMs: 10 }, typeZero, (e) => (failure = e));
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(failure, undefined, "a missing table is tolerated at first");
        assert.match(running.sightings!().error ?? "", /nosuch|no such table|does not exist/);
        await writer.exec(`CREATE TABLE ${table} (seq ${writer.serial}, ref TEXT)`);
        await writer.exec(`INSERT INTO ${table} (ref) VALUES ('${RUN}.0')`);
        await eventually(() => ctx.tracker.isPersisted(0), "event 0 confirmed once the table exists");
        assert.equal(running.sightings!().error, undefined, "the problem is over");
        await writer.exec(`DROP TABLE ${table}`);
        await eventually(() => failure !== undefined, "the run failed", 6000);
        const error = failure as Error | undefined;
        assert.ok(error instanceof InfrastructureError);
        assert.match(
          error.message,
          /^Cannot confirm from sql .*: (no such table: \S+|relation \S+ does not exist) \(for 2 s\)$/,
        );
      } finally {
        await running?.stop();
        await writer.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
        await writer.close();
      }
    });
  });
}

describe("the sql confirmer on a SQLite file the service has not created yet", () => {
  it("waits for the file, then reads it", async () => {
    const path = join(root, "later.db");
    const ctx = context(1);
    const running = await startSqlConfirmer(
      ctx,
      { kind: "sqlite", path },
      { query: QUERY, pollMs: 10 },
      typeZero,
      () => {},
    );
    try {
      await new Promise((r) => setTimeout(r, 200));
      assert.match(running.sightings!().error ?? "", /later\.db does not exist yet/);
      const writer = await sqliteWriter(path);
      writer.insert(`${RUN}.0`);
      await eventually(() => ctx.tracker.isPersisted(0), "event 0 confirmed");
      await writer.close();
    } finally {
      await running.stop();
    }
  });

  it("fails at open when the file's directory does not exist", async () => {
    const path = join(root, "no-such-dir", "s.db");
    await assert.rejects(
      startSqlConfirmer(context(1), { kind: "sqlite", path }, { query: QUERY, pollMs: 10 }, typeZero, () => {}),
      (e: unknown) =>
        e instanceof InfrastructureError &&
        e.message === `Cannot poll sqlite:${path}: the directory ${join(root, "no-such-dir")} does not exist`,
    );
  });
});

describe("the sql confirmer on a PostgreSQL server it cannot use", () => {
  it("fails at open, the URL's password masked", async () => {
    const refused = { kind: "postgres", url: "postgres://app:s3cret@127.0.0.1:5999/shop" } as const;
    await assert.rejects(
      startSqlConfirmer(context(1), refused, { query: QUERY, pollMs: 10 }, typeZero, () => {}),
      (e: unknown) =>
        e instanceof InfrastructureError &&
        e.message === "Cannot poll postgres://app:***@127.0.0.1:5999/shop: connection refused",
    );
    const unknownDb = { kind: "postgres", url: PG_URL.replace(/\/[^/]*$/, "/no_such_db_bm") } as const;
    await assert.rejects(
      startSqlConfirmer(context(1), unknownDb, { query: QUERY, pollMs: 10 }, typeZero, () => {}),
      /^InfrastructureError: Cannot poll postgres:.*\/no_such_db_bm: database "no_such_db_bm" does not exist$/,
    );
  });
});
