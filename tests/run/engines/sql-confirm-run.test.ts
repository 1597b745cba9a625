/**
 * Whole runs confirmed by `sql:` sources, on real NATS, SQLite and PostgreSQL: a small in-test service subscribes
 * to the event subject and stores each event's id (its `Bm-Id` header, or the payload's `ref`) as a row, the way a
 * service of any language would; busmark polls the table. What it drops is lost, what it stores twice duplicated;
 * a source busmark cannot use fails the run (InfrastructureError, exit 3) instead of reporting everything lost.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { connect, type NatsConnection } from "nats";
import { InfrastructureError } from "../../../src/errors.ts";
import type { RunResult } from "../../../src/result/types.ts";
import { runScenario } from "../../../src/run/runner.ts";
import type { ConfirmSpec, EventType, Scenario } from "../../../src/scenario/types.ts";
import { LENIENT } from "../../catalogue/support.ts";
import { phase, scenario, uniquePrefix } from "../../support/scenario.ts";
import { PG_URL, pgWriter, type RowWriter, sqliteWriter, uniqueTable } from "../../support/sql.ts";

const NATS = "nats://127.0.0.1:4222";
const root = mkdtempSync(join(tmpdir(), "busmark-sql-run-"));
let nc: NatsConnection;
before(async () => (nc = await connect({ servers: NATS })));
after(async () => {
  await nc.close();
  rmSync(root, { recursive: true, force: true });
});

/** An order event on `subject`, its payload carrying its id in `ref`, confirmed by `confirm`. */
function order(subject: string, confirm: ConfirmSpec): EventType {
  return {
    name: "order",
    subject,
    payload: { kind: "object", fields: { ref: { kind: "id" }, amount: { kind: "int", min: 1, max: 500 } } },
    persisted: true,
    confirm,
    confirmDeclared: true,
    pos: { file: "test.yaml", line: 1, column: 1 },
  };
}

/** What the in-test service does with the event of seq `seq`: store it, drop it, or store it twice. */
interface Behaviour {
  drop?: (seq: number) => boolean;
  twice?: (seq: number) => boolean;
  /** Where the id is read from. */
  from: "header" | "payload";
}

/** Subscribes a small service to `subject` that stores each event's id with `writer`. */
function storingService(subject: string, writer: RowWriter, how: Behaviour) {
  return nc.subscribe(subject, {
    callback: (_err, msg) => {
      const id = how.from === "header" ? msg.headers?.get("Bm-Id") ?? "" : String(msg.json<{ ref: string }>().ref);
      const seq = Number(id.slice(id.lastIndexOf(".") + 1));
      if (how.drop?.(seq)) return;
      writer.insert(id);
      if (how.twice?.(seq)) writer.insert(id);
    },
  });
}

/** 1 s at 200 events/s to `subject`, confirmed by `confirm`. */
function orders(subject: string, confirm: ConfirmSpec, graceMs = 1500): Scenario {
  const prefix = uniquePrefix();
  return scenario({
    prefix,
    service: { kind: "none", prefix },
    events: [order(subject, confirm)],
    phases: [phase("steady", "steady", 1000, { kind: "rate", from: 200, to: 200 })],
    graceMs,
  });
}

function run(s: Scenario): Promise<RunResult> {
  return runScenario({ scenario: s, auth: {}, env: {}, natsUrl: NATS, health: LENIENT });
}

function overall(result: RunResult) {
  const c = result.counts.find((x) => x.event === undefined && x.phase === undefined);
  assert.ok(c, "overall counts exist");
  return c;
}

const QUERY = "SELECT ref AS id, seq AS cursor FROM orders WHERE seq > :cursor ORDER BY seq LIMIT 10000";

interface Db {
  name: string;
  open(): Promise<{ writer: RowWriter; url: string; query: string }>;
}

const databases: Db[] = [
  {
    name: "SQLite",
    async open() {
      const path = join(root, `${uniqueTable()}.db`);
      return { writer: await sqliteWriter(path), url: `sqlite:${path}`, query: QUERY };
    },
  },
  {
    name: "PostgreSQL",
    async open() {
      const table = uniqueTable();
      return { writer: await pgWriter(table), url: PG_URL, query: QUERY.replace("orders", table) };
    },
  },
];

for (const db of databases) {
  describe(`a run confirmed from ${db.name}`, () => {
    it("of a service that stores everything: every published event persisted, none lost", async () => {
      const { writer, url, query } = await db.open();
      const subject = `${uniquePrefix()}.orders.created`;
      const sub = storingService(subject, writer, { from: "header" });
      try {
        const result = await run(orders(subject, { kind: "sql", url, query, pollMs: 10 }));
        const c = overall(result);
        assert.equal(result.status, "completed", result.invalidReasons.join("; "));
        assert.equal(c.published, 200);
        assert.equal(c.expectedPersisted, 200);
        assert.equal(c.persisted, 200);
        assert.equal(c.lost, 0);
        assert.equal(c.duplicated, 0);
      } finally {
        sub.unsubscribe();
        await writer.close();
      }
    });

    it("of a service that drops 10 % and stores some twice: those lost, these duplicated", async () => {
      const { writer, url, query } = await db.open();
      const subject = `${uniquePrefix()}.orders.created`;
      const sub = storingService(subject, writer, {
        from: "payload",
        drop: (seq) => seq % 10 === 3,
        twice: (seq) => seq % 25 === 7,
      });
      try {
        const result = await run(orders(subject, { kind: "sql", url, query, pollMs: 10 }));
        const c = overall(result);
        assert.equal(c.published, 200);
        assert.equal(c.persisted, 180);
        assert.equal(c.lost, 20, "one in ten dropped");
        assert.equal(c.duplicated, 8, "seqs 7, 32, …, 182 stored twice");
      } finally {
        sub.unsubscribe();
        await writer.close();
      }
    });

    it("whose query returns no id column: the run fails before any load, naming the problem", async () => {
      const { writer, url, query } = await db.open();
      const subject = `${uniquePrefix()}.orders.created`;
      try {
        await assert.rejects(
          run(orders(subject, { kind: "sql", url, query: query.replace("ref AS id", "ref AS ident"), pollMs: 10 })),
          (e: unknown) =>
            e instanceof InfrastructureError &&
            /^Cannot confirm from sql .*: the query returns no `id` column \(it returns: ident, cursor\)$/.test(
              e.message,
            ),
        );
      } finally {
        await writer.close();
      }
    });

    it("whose table goes away mid-run: the run stops early with an error, not with everything lost", async () => {
      const { writer, url, query } = await db.open();
      const table = /FROM (\S+)/.exec(query)![1]!;
      const subject = `${uniquePrefix()}.orders.created`;
      const sub = storingService(subject, writer, { from: "header" });
      const s = orders(subject, { kind: "sql", url, query, pollMs: 10 }, 1500);
      s.phases = [phase("steady", "steady", 10_000, { kind: "rate", from: 50, to: 50 })];
      s.durationMs = 10_000;
      const dropAt = setTimeout(() => {
        sub.unsubscribe();
        void writer.exec(`DROP TABLE ${table}`);
      }, 1000);
      const started = Date.now();
      try {
        await assert.rejects(
          run(s),
          (e: unknown) => e instanceof InfrastructureError && /^Cannot confirm from sql .*\(for 2 s\)$/.test(e.message),
        );
        const took = Date.now() - started;
        assert.ok(took < 8000, `stopped after ${took} ms, before the 10 s phase ended`);
      } finally {
        clearTimeout(dropAt);
        sub.unsubscribe();
        await writer.close();
      }
    });
  });
}

describe("a run confirmed from a PostgreSQL server nobody runs", () => {
  it("fails before any load with an InfrastructureError, the password masked", async () => {
    const url = "postgres://app:s3cret@127.0.0.1:5999/shop";
    await assert.rejects(
      run(orders(`${uniquePrefix()}.orders.created`, { kind: "sql", url, query: QUERY, pollMs: 10 })),
      (e: unknown) =>
        e instanceof InfrastructureError &&
        e.message === "Cannot poll postgres://app:***@127.0.0.1:5999/shop: connection refused",
    );
  });
});
