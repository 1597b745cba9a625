/**
 * The subject confirmer against real NATS: a tiny responder in the test plays a foreign service that publishes a
 * downstream `orders.stored` message for each `orders.created` it receives, with the busmark id in a header or in a
 * JSON field. Dropping, duplicating and delaying those messages must show as lost, duplicated and slower.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { connect, headers, type NatsConnection } from "nats";
import { findMetric } from "../../../src/result/find.ts";
import { validateResult } from "../../../src/result/validate.ts";
import type { RunResult } from "../../../src/result/types.ts";
import { runScenario } from "../../../src/run/runner.ts";
import { BM_ID_HEADER } from "../../../src/service/notices.ts";
import type { EventType, IdLocation, ServiceSpec } from "../../../src/scenario/types.ts";
import { phase, scenario, uniquePrefix } from "../../support/scenario.ts";
import { LENIENT } from "../../catalogue/support.ts";

const NATS = "nats://127.0.0.1:4222";
/** Events per run: 1 s at 200/s. */
const EVENTS = 200;

/** What the responder does with the event of busmark seq `seq`: how many copies, after how long. */
interface Behaviour {
  copies?: (seq: number) => number;
  delayMs?: number;
  /** Extra messages on the downstream subject that confirm nothing (garbage, another run's id). */
  noise?: boolean;
}

/** Subscribes `nc` to `prefix.orders.created` and answers each event on `prefix.orders.stored`. */
async function respond(nc: NatsConnection, prefix: string, id: IdLocation, b: Behaviour): Promise<void> {
  const out = `${prefix}.orders.stored`;
  nc.subscribe(`${prefix}.orders.created`, {
    callback: (_err, msg) => {
      const bmId = msg.headers?.get(BM_ID_HEADER) ?? "";
      const seq = Number(bmId.slice(bmId.lastIndexOf(".") + 1));
      const publish = () => {
        for (let i = 0; i < (b.copies?.(seq) ?? 1); i++) {
          if (id.kind === "header") {
            const h = headers();
            h.set(id.name, `stored ${bmId}`);
            nc.publish(out, "", { headers: h });
          } else nc.publish(out, JSON.stringify({ order: { ref: bmId, n: seq } }));
        }
        if (b.noise) {
          nc.publish(out, "not json {");
          nc.publish(out, JSON.stringify({ order: { ref: `20990101T000000Z-beef.${seq}` } }));
        }
      };
      if (b.delayMs) setTimeout(publish, b.delayMs);
      else publish();
    },
  });
  await nc.flush();
}

function orderEvent(prefix: string, id: IdLocation): EventType {
  return {
    name: "order",
    subject: `${prefix}.orders.created`,
    payload: { kind: "object", fields: { ref: { kind: "id" }, amount: { kind: "int", min: 1, max: 500 } } },
    persisted: true,
    confirm: { kind: "subject", subject: `${prefix}.orders.stored`, id },
    confirmDeclared: true,
    pos: { file: "test.yaml", line: 1, column: 1 },
  };
}

/** One run of a foreign service played by the responder; the responder's connection is closed afterwards. */
async function run(id: IdLocation, b: Behaviour = {}): Promise<RunResult> {
  const prefix = uniquePrefix();
  const nc = await connect({ servers: NATS });
  try {
    await respond(nc, prefix, id, b);
    const service: ServiceSpec = { kind: "external", prefix, ready: { kind: "delay", ms: 0 } };
    const s = scenario({
      prefix,
      service,
      events: [orderEvent(prefix, id)],
      phases: [phase("steady", "steady", 1000, { kind: "rate", from: EVENTS, to: EVENTS })],
      graceMs: 500,
    });
    return await runScenario({ scenario: s, auth: {}, env: {}, natsUrl: NATS, health: LENIENT });
  } finally {
    await nc.close();
  }
}

function counts(result: RunResult) {
  const c = result.counts.find((x) => x.event === "order" && x.phase === undefined);
  assert.ok(c, "counts of order exist");
  return c;
}

function p50(result: RunResult): number {
  const s = findMetric(result, "latency.persisted", { event: "order" })?.summary;
  assert.ok(s && s.count > 0, "latency.persisted has samples");
  return s.p50;
}

const HEADER: IdLocation = { kind: "header", name: "Bm-Id" };
const FIELD: IdLocation = { kind: "field", pointer: "/order/ref" };

describe("the subject confirmer against real NATS", () => {
  it("confirms every event from a header (any case, id inside the value) and passes", async () => {
    const result = await run({ kind: "header", name: "bm-id" });
    const c = counts(result);
    assert.deepEqual([c.published, c.persisted, c.lost, c.duplicated], [EVENTS, EVENTS, 0, 0]);
    assert.equal(result.verdict, "pass", JSON.stringify(result.checks));
    const entry = result.confirmation?.find((e) => e.kind === "subject");
    assert.deepEqual(entry?.observed, {
      published: EVENTS,
      persisted: EVENTS,
      sightings: { seen: EVENTS, matched: EVENTS },
    });
    assert.ok(p50(result) < 15_000, `p50 ${p50(result)} µs`);
    assert.deepEqual(validateResult(JSON.parse(JSON.stringify(result))), []);
  });

  it("confirms from a JSON field; counts unreadable and foreign messages as seen, never as confirmed", async () => {
    const result = await run(FIELD, { noise: true });
    const c = counts(result);
    assert.deepEqual([c.published, c.persisted, c.lost, c.duplicated], [EVENTS, EVENTS, 0, 0]);
    const s = result.confirmation?.find((e) => e.kind === "subject")?.observed?.sightings;
    assert.equal(s?.seen, EVENTS * 3);
    assert.equal(s?.matched, EVENTS);
    assert.match(s?.error ?? "", new RegExp(`^${EVENTS} unreadable, the last: its payload is not JSON`));
    assert.equal(result.verdict, "pass", JSON.stringify(result.checks));
  });

  it("counts dropped downstream messages as lost and repeated ones as duplicates", async () => {
    const dropped = await run(FIELD, { copies: (seq) => (seq % 10 === 0 ? 0 : 1) });
    const d = counts(dropped);
    assert.deepEqual([d.published, d.persisted, d.lost], [EVENTS, EVENTS - EVENTS / 10, EVENTS / 10]);
    const twice = await run(HEADER, { copies: (seq) => (seq % 5 === 0 ? 2 : 1) });
    const t = counts(twice);
    assert.deepEqual([t.persisted, t.lost, t.duplicated], [EVENTS, 0, EVENTS / 5]);
  });

  it("measures intended send → downstream seen: a 20 ms later republish shows in p50", async () => {
    const slow = await run(HEADER, { delayMs: 20 });
    assert.equal(counts(slow).persisted, EVENTS);
    assert.ok(p50(slow) >= 20_000, `p50 ${p50(slow)} µs`);
  });

  it("ignores ids of event types the source does not confirm", async () => {
    const prefix = uniquePrefix();
    // `ping` events go to `orders.created` too, so the responder confirms them on the order's subject: seen,
    // not matched, and `ping` (confirmed by nothing) completes on delivery.
    const ping: EventType = {
      name: "ping",
      subject: `${prefix}.orders.created`,
      payload: { kind: "literal", value: {} },
      persisted: false,
      confirm: { kind: "none" },
      confirmDeclared: false,
      pos: { file: "test.yaml", line: 1, column: 1 },
    };
    const nc = await connect({ servers: NATS });
    try {
      await respond(nc, prefix, HEADER, {});
      const s = scenario({
        prefix,
        service: { kind: "external", prefix, ready: { kind: "delay", ms: 0 } },
        events: [orderEvent(prefix, HEADER), ping],
        phases: [phase("steady", "steady", 1000, { kind: "rate", from: EVENTS, to: EVENTS })],
        graceMs: 500,
      });
      const result = await runScenario({ scenario: s, auth: {}, env: {}, natsUrl: NATS, health: LENIENT });
      const order = counts(result);
      const pings = result.counts.find((x) => x.event === "ping" && x.phase === undefined)!;
      assert.equal(order.published + pings.published, EVENTS);
      assert.deepEqual([order.persisted, order.lost, pings.persisted], [order.published, 0, 0]);
      const seen = result.confirmation?.find((e) => e.kind === "subject")?.observed?.sightings;
      assert.deepEqual(seen, { seen: EVENTS, matched: order.published });
    } finally {
      await nc.close();
    }
  });

  it("fails a run whose source confirmed nothing, saying what it saw (no silent zeros)", async () => {
    const silent = await run(HEADER, { copies: () => 0 });
    assert.equal(counts(silent).lost, EVENTS);
    const check = silent.checks.find((c) => c.key === "confirmation");
    assert.equal(check?.pass, false);
    assert.equal(check?.implicit, true);
    assert.equal(
      check?.reason,
      `no confirmation from subject ${silent.confirmation![0]!.source.slice("subject ".length)} for ${EVENTS} ` +
        "published events (order): it saw no messages",
    );
    assert.equal(silent.verdict, "fail");
    // A service that stores other ids (here: none of this run's) is seen, and said so.
    const foreign = await run(FIELD, { copies: () => 0, noise: true });
    const reason = foreign.checks.find((c) => c.key === "confirmation")?.reason ?? "";
    assert.match(
      reason,
      new RegExp(
        `it saw ${EVENTS * 2} messages, none carrying this run's ids of these events; ` +
          `the last error: ${EVENTS} unreadable`,
      ),
    );
    assert.equal(foreign.verdict, "fail");
  });
});
