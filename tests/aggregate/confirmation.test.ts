import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { combineConfirmation, confirmationEntries } from "../../src/aggregate/confirmation.ts";
import { confirmationChecks, implicitChecks } from "../../src/aggregate/implicit.ts";
import { fixture } from "../support/results.ts";
import type { ResultConfirmation } from "../../src/result/types.ts";
import { createRunContext } from "../../src/run/context.ts";
import { compilePlan } from "../../src/run/plan.ts";
import type { EventType } from "../../src/scenario/types.ts";
import { chatEvent, phase, recentChatRequest, scenario } from "../support/scenario.ts";

const pos = { file: "t.yaml", line: 1, column: 1 };
const sql = {
  kind: "sql",
  url: "sqlite:{db}",
  query: "SELECT id, c AS cursor FROM t WHERE c > :cursor",
  pollMs: 10,
} as const;

function context() {
  const prefix = "shop";
  const order: EventType = { ...chatEvent(prefix, "order"), confirm: sql, confirmDeclared: true };
  const refund: EventType = { ...chatEvent(prefix, "refund"), confirm: sql, confirmDeclared: true };
  const audit: EventType = {
    name: "audit",
    subject: "audit",
    payload: { kind: "literal", value: 1 },
    persisted: false,
    confirm: { kind: "none" },
    confirmDeclared: false,
    pos,
  };
  const s = scenario({
    prefix,
    service: { kind: "external", prefix, ready: { kind: "delay", ms: 0 } },
    events: [order, refund, audit, recentChatRequest(prefix)],
    phases: [
      phase("warm", "warmup", 100, { kind: "rate", from: 10, to: 10 }),
      phase("direct", "steady", 100, { kind: "rate", from: 10, to: 10 }, { path: "direct" }),
      phase("steady", "steady", 100, { kind: "rate", from: 10, to: 10 }),
    ],
  });
  const plan = compilePlan(s);
  return createRunContext({
    plan,
    runId: "r",
    now: () => 0,
    signal: new AbortController().signal,
    confirmsPersistence: [true, true, false, false],
  });
}

describe("confirmation entries", () => {
  it("group every event type by source, with resolution and, for sources read, the NATS-path figures", () => {
    const ctx = context();
    ctx.recorder.count("published", 0, 0, 5); // warmup counts: the diagnostic is about the whole run
    ctx.recorder.count("published", 1, 0, 7); // direct path: not this source's
    ctx.recorder.count("persisted", 1, 0, 7);
    ctx.recorder.count("published", 2, 1, 3);
    ctx.recorder.count("persisted", 2, 1, 2);
    const entries = confirmationEntries(ctx, [{ spec: sql, sightings: { seen: 4, matched: 2 } }]);
    assert.deepEqual(entries, [
      {
        events: ["order", "refund"],
        kind: "sql",
        source: "sql sqlite:{db} every 10 ms",
        resolutionUs: 10_000,
        observed: { published: 8, persisted: 2, sightings: { seen: 4, matched: 2 } },
      },
      { events: ["audit"], kind: "none", source: "none" },
      { events: ["recent"], kind: "reply", source: "reply" },
    ]);
    assert.equal(confirmationEntries(ctx, [])[0]!.observed, undefined, "a source not read has no figures");
  });

  it("sum the figures of repeated runs", () => {
    const a: ResultConfirmation[] = [{
      events: ["o"],
      kind: "subject",
      source: "s",
      observed: { published: 2, persisted: 1, sightings: { seen: 3, matched: 1 } },
    }];
    const b: ResultConfirmation[] = [{
      events: ["o"],
      kind: "subject",
      source: "s",
      observed: { published: 4, persisted: 0, sightings: { seen: 1, matched: 0, error: "x" } },
    }];
    assert.deepEqual(combineConfirmation([{ confirmation: a }, { confirmation: b }])?.[0]?.observed, {
      published: 6,
      persisted: 1,
      sightings: { seen: 4, matched: 1, error: "x" },
    });
    assert.equal(combineConfirmation([{}]), undefined);
  });
});

describe("the implicit confirmation check", () => {
  const entry = (
    observed: ResultConfirmation["observed"],
    kind: ResultConfirmation["kind"] = "sql",
  ): ResultConfirmation => ({
    events: ["order", "refund"],
    kind,
    source: "sql sqlite:/tmp/x.db every 10 ms",
    ...(observed ? { observed } : {}),
  });

  it("fails a source that confirmed none of its published events, with what it saw", () => {
    const checks = confirmationChecks({
      status: "completed",
      confirmation: [entry({ published: 1200, persisted: 0, sightings: { seen: 1200, matched: 0 } })],
    });
    assert.equal(checks.length, 1);
    assert.deepEqual({ ...checks[0], reason: undefined }, {
      key: "confirmation",
      metric: "events.persisted",
      selector: {},
      condition: "> 0",
      observed: 0,
      unit: "",
      pass: false,
      abortOnFail: false,
      reason: undefined,
      implicit: true,
    });
    assert.equal(
      checks[0]!.reason,
      "no confirmation from sql sqlite:/tmp/x.db every 10 ms for 1200 published events (order, refund): it saw 1200 " +
        "rows, none carrying this run's ids of these events",
    );
    const failing = confirmationChecks({
      status: "aborted",
      confirmation: [
        entry({ published: 3, persisted: 0, sightings: { seen: 0, matched: 0, error: "no such table: orders" } }),
      ],
    });
    assert.equal(
      failing[0]?.reason,
      "no confirmation from sql sqlite:/tmp/x.db every 10 ms for 3 published events " +
        "(order, refund): it saw no rows; the last error: no such table: orders",
    );
    const blind = confirmationChecks({
      status: "completed",
      confirmation: [entry({ published: 3, persisted: 0 }, "notices")],
    });
    assert.match(blind[0]!.reason!, /: it reported nothing about what it saw$/);
  });

  it("passes silently when something was confirmed, nothing was published, the source was not read or the run was interrupted", () => {
    const none = (status: "completed" | "interrupted", observed: ResultConfirmation["observed"]) =>
      confirmationChecks({ status, confirmation: [entry(observed)] });
    assert.deepEqual(none("completed", { published: 10, persisted: 1 }), []);
    assert.deepEqual(none("completed", { published: 0, persisted: 0 }), []);
    assert.deepEqual(none("completed", undefined), []);
    assert.deepEqual(none("interrupted", { published: 10, persisted: 0 }), []);
    assert.deepEqual(confirmationChecks({ status: "completed" }), [], "an old result without entries");
  });

  it("events.invalid is checked when an event type declares notices, not only a notices service", () => {
    const r = fixture("single-event-latency");
    r.counts.push({ ...r.counts[0]!, event: "chat", invalid: 3 });
    const external = { ...r, service: { ...r.service, confirm: "none" as const } };
    assert.deepEqual(implicitChecks(external, []).map((c) => c.metric), []);
    const declared = { ...external, confirmation: [{ events: ["chat"], kind: "notices" as const, source: "notices" }] };
    assert.deepEqual(implicitChecks(declared, []).map((c) => c.metric), ["events.invalid"]);
  });
});
