import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NatsConnection } from "nats";
import type { ConfirmKind } from "../../../src/scenario/confirmation.ts";
import { RECENT_CHAT_QUERY } from "../../../src/scenario/confirmation.ts";
import type { RunContext } from "../../../src/run/context.ts";
import { confirmerFor, confirmers, confirmSources, confirmsPersistence } from "../../../src/run/engines/confirmers.ts";
import { idMatcher } from "../../../src/run/engines/id-match.ts";
import { describeTarget, maskDatabaseUrl, sqlitePathOf, sqlTargetOf } from "../../../src/run/engines/sql-confirm.ts";
import type { Plan, PlannedEvent } from "../../../src/run/plan.ts";

// Type-checked exhaustively: tsc rejects this literal when a kind is missing or unknown.
const EVERY_KIND: Record<ConfirmKind, true> = { notices: true, subject: true, sql: true, reply: true, none: true };

function event(subject: string, extra: Partial<PlannedEvent> = {}): PlannedEvent {
  return {
    index: 0,
    name: subject,
    subject,
    persisted: true,
    payload: () => new Uint8Array(),
    carriesId: true,
    confirm: { kind: "notices" },
    ...extra,
  };
}

const chatSql = { kind: "sql", url: "sqlite:{db}", query: RECENT_CHAT_QUERY, pollMs: 10 } as const;
const chat = event("app.db.message.log", { index: 0, confirm: chatSql });
const counter = event("app.db.counter.incr", { index: 1, confirm: { kind: "none" } });
const request = event("app.db.stats.recent_chat.get", {
  index: 2,
  persisted: false,
  requestTimeoutMs: 1000,
  confirm: { kind: "reply" },
});
const noted = event("app.db.user.joined", { index: 3 });
const chat2 = event("app.db.message.log", { index: 4, name: "chat2", confirm: { ...chatSql } });
const noCtx = {} as RunContext;
const deps = { nc: {} as NatsConnection, sut: { prefix: "app.db" }, tmpDir: "/tmp/run", fail: () => {} };

describe("the confirmer registry", () => {
  it("holds exactly one confirmer per ConfirmKind, each under its own kind", () => {
    assert.deepEqual(Object.keys(confirmers).sort(), Object.keys(EVERY_KIND).sort());
    for (const [kind, confirmer] of Object.entries(confirmers)) {
      assert.equal(confirmer.kind, kind);
      assert.equal(confirmerFor(kind as ConfirmKind), confirmer);
    }
  });

  it("refuses a kind it does not hold", () => {
    assert.throws(() => confirmerFor("postgres" as ConfirmKind), /^Error: Cannot confirm persistence: .*"postgres"/);
    assert.throws(() => confirmerFor("toString" as ConfirmKind), /Cannot confirm persistence/);
  });

  it("waits for persistence only of persisted events whose confirmation accounts for it, over the bus", () => {
    const plan = { events: [chat, counter, request, noted, { ...chat2, persisted: false }] } as Plan;
    assert.deepEqual(confirmsPersistence(plan, true), [true, false, false, true, false]);
    assert.deepEqual(confirmsPersistence(plan, false), [true, true, false, true, false], "the direct path");
  });

  it("groups event types that share a source into one", () => {
    const plan = { events: [chat, counter, request, noted, chat2] } as Plan;
    const sources = confirmSources(plan, confirmsPersistence(plan, true));
    assert.deepEqual(sources.map((s) => [s.spec.kind, s.events.map((e) => e.index)]), [["sql", [0, 4]], [
      "notices",
      [3],
    ]]);
  });
});

describe("the notices kind", () => {
  it("subscribes to the service's commit notices and unsubscribes on stop", async () => {
    const calls: string[] = [];
    const nc = {
      subscribe: (subject: string) => {
        calls.push(`sub ${subject}`);
        return { unsubscribe: () => calls.push(`unsub ${subject}`) };
      },
    } as unknown as NatsConnection;
    const running = await confirmers.notices.open(noCtx, { kind: "notices" }, [noted], { ...deps, nc });
    assert.deepEqual(calls, ["sub app.db._busmark.committed"]);
    await running.stop();
    assert.deepEqual(calls, ["sub app.db._busmark.committed", "unsub app.db._busmark.committed"]);
  });
});

describe("the sql kind", () => {
  it("finds the run's id anywhere in the stored text, the run id matched literally", () => {
    const seqOf = idMatcher("20261126T180102Z-3fa9");
    assert.equal(seqOf("20261126T180102Z-3fa9.7"), 7);
    assert.equal(seqOf("hello 20261126T180102Z-3fa9.42 world"), 42);
    assert.equal(seqOf("[20261126T180102Z-3fa9.0]"), 0);
    assert.equal(seqOf("20261126T180102Z-3fa8.7"), -1, "another run");
    assert.equal(seqOf("20261126T180102Z-3fa9"), -1, "no seq");
    assert.equal(seqOf(null), -1);
    assert.equal(idMatcher("r.1")("rx1.5"), -1, "a dot in the run id is not a wildcard");
    assert.equal(idMatcher("r.1")("r.1.5"), 5);
  });

  it("expands {db} and {tmp} in a sqlite: URL", () => {
    assert.equal(sqlitePathOf("sqlite:{db}", { ...deps, sut: { prefix: "p", dbPath: "/x/s.db" } }), "/x/s.db");
    assert.equal(sqlitePathOf("sqlite:{db}", deps), "/tmp/run/service.db");
    assert.equal(sqlitePathOf("sqlite:{tmp}/other.db", deps), "/tmp/run/other.db");
    assert.equal(sqlitePathOf("postgres://h/db", deps), undefined);
  });

  it("polls sqlite:, postgres:// and postgresql:// URLs, and shows them with the password masked", () => {
    assert.deepEqual(sqlTargetOf("sqlite:{tmp}/a.db", deps), { kind: "sqlite", path: "/tmp/run/a.db" });
    const pg = sqlTargetOf("postgres://app:s3cret@127.0.0.1:5999/shop", deps)!;
    assert.deepEqual(pg, { kind: "postgres", url: "postgres://app:s3cret@127.0.0.1:5999/shop" });
    assert.equal(describeTarget(pg), "postgres://app:***@127.0.0.1:5999/shop");
    assert.equal(sqlTargetOf("postgresql://h/db", deps)?.kind, "postgres");
    assert.equal(sqlTargetOf("mysql://h/db", deps), undefined);
    assert.equal(describeTarget({ kind: "sqlite", path: "/x/s.db" }), "sqlite:/x/s.db");
  });

  it("masks a database URL's password, never its user name", () => {
    assert.equal(maskDatabaseUrl("postgres://postgres@127.0.0.1:5432/test"), "postgres://postgres@127.0.0.1:5432/test");
    assert.equal(maskDatabaseUrl("postgresql://a:p%40ss:w@h/db?x=1"), "postgresql://a:***@h/db?x=1");
    assert.equal(
      maskDatabaseUrl("postgres://h/db?user=a&password=pw&ssl=1"),
      "postgres://h/db?user=a&password=***&ssl=1",
    );
    assert.equal(maskDatabaseUrl("postgres://h/db"), "postgres://h/db");
  });
});

describe("the none and reply kinds", () => {
  it("watch nothing", async () => {
    await (await confirmers.none.open(noCtx, { kind: "none" }, [counter], deps)).stop();
    await (await confirmers.reply.open(noCtx, { kind: "reply" }, [request], deps)).stop();
  });
});
