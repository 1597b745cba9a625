import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NatsConnection } from "nats";
import type { RunContext } from "../../../src/run/context.ts";
import { confirmerFor, confirmers, confirmsPersistence, runConfirmer } from "../../../src/run/engines/confirmers.ts";
import { idMatcher } from "../../../src/run/engines/sqlite-confirm.ts";
import type { Plan, PlannedEvent } from "../../../src/run/plan.ts";
import type { ConfirmKind } from "../../../src/run/sut.ts";

// Type-checked exhaustively: tsc rejects this literal when a kind is missing or unknown.
const EVERY_KIND: Record<ConfirmKind, true> = { notices: true, sqlite: true, none: true };

function event(subject: string, extra: Partial<PlannedEvent> = {}): PlannedEvent {
  return {
    index: 0,
    name: subject,
    subject,
    persisted: true,
    payload: () => new Uint8Array(),
    carriesId: true,
    ...extra,
  };
}

const chat = event("app.db.message.log");
const counter = event("app.db.counter.incr");
const request = event("app.db.stats.recent_chat.get", { persisted: false, requestTimeoutMs: 1000 });
const noCtx = {} as RunContext;

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

  it("uses the service's kind when events go to it over the bus, else the direct path's notices", () => {
    for (const kind of Object.keys(EVERY_KIND) as ConfirmKind[]) {
      assert.equal(runConfirmer(kind, true).kind, kind);
      assert.equal(runConfirmer(kind, false).kind, "notices");
    }
  });

  it("waits for persistence only of persisted events the confirmer can account for", () => {
    const plan = { events: [chat, counter, request, event("app.db.message.log", { persisted: false })] } as Plan;
    assert.deepEqual(confirmsPersistence(plan, confirmers.notices), [true, true, false, false]);
    assert.deepEqual(confirmsPersistence(plan, confirmers.sqlite), [true, false, false, false]);
    assert.deepEqual(confirmsPersistence(plan, confirmers.none), [false, false, false, false]);
  });
});

describe("the notices kind", () => {
  it("confirms every event, whether or not its payload carries the id", () => {
    for (const e of [chat, counter, request, { ...chat, carriesId: false }]) {
      assert.equal(confirmers.notices.confirms(e), true);
    }
  });

  it("subscribes to the service's commit notices and unsubscribes on stop", async () => {
    const calls: string[] = [];
    const nc = {
      subscribe: (subject: string) => {
        calls.push(`sub ${subject}`);
        return { unsubscribe: () => calls.push(`unsub ${subject}`) };
      },
    } as unknown as NatsConnection;
    const running = await confirmers.notices.open(noCtx, { nc, sut: { prefix: "app.db" } });
    assert.deepEqual(calls, ["sub app.db._busmark.committed"]);
    await running.stop();
    assert.deepEqual(calls, ["sub app.db._busmark.committed", "unsub app.db._busmark.committed"]);
  });
});

describe("the sqlite kind", () => {
  it("confirms message.log events whose payload carries their id, only those", () => {
    assert.equal(confirmers.sqlite.confirms(chat), true);
    assert.equal(confirmers.sqlite.confirms({ ...chat, carriesId: false }), false, "it cannot find them again");
    assert.equal(confirmers.sqlite.confirms(counter), false);
    assert.equal(confirmers.sqlite.confirms(request), false);
  });

  it("has no way to rewrite what is sent", () => {
    assert.equal("rewrite" in confirmers.sqlite, false);
    for (const c of Object.values(confirmers)) assert.deepEqual(Object.keys(c).sort(), ["confirms", "kind", "open"]);
  });

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

  it("watches nothing when the service's database file is unknown", async () => {
    const running = await confirmers.sqlite.open(noCtx, { nc: {} as NatsConnection, sut: { prefix: "app.db" } });
    await running.stop();
  });
});

describe("the none kind", () => {
  it("confirms nothing and watches nothing", async () => {
    for (const e of [chat, counter, request]) assert.equal(confirmers.none.confirms(e), false);
    const running = await confirmers.none.open(noCtx, { nc: {} as NatsConnection, sut: { prefix: "app.db" } });
    await running.stop();
  });
});
