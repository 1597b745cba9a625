import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { realClock } from "../../src/load/pacer.ts";
import { SimulatedClock } from "../../src/load/sim-clock.ts";
import { offeredIn, streamCounts } from "../../src/aggregate/entries.ts";
import { createRunContext, type SendFn } from "../../src/run/context.ts";
import { runPhases } from "../../src/run/phases.ts";
import { compilePlan, type PlannedStream } from "../../src/run/plan.ts";
import type { LoadStream, Phase, StreamLoad } from "../../src/scenario/types.ts";
import { chatEvent, phase, recentChatRequest, scenario } from "../support/scenario.ts";

const prefix = "app.db";
const events = [chatEvent(prefix), recentChatRequest(prefix), chatEvent(prefix, "shout"), chatEvent(prefix, "note")];

const rate = (r: number): StreamLoad => ({ kind: "rate", from: r, to: r });
const one = (event: string, load: StreamLoad): LoadStream => ({ mix: [{ event, weight: 1 }], load });
const mixed = (load: StreamLoad): LoadStream => ({
  mix: [{ event: "shout", weight: 0.5 }, { event: "note", weight: 0.5 }],
  load,
});

function streamsPhase(streams: LoadStream[], durationMs = 2000): Phase {
  return phase("steady", "steady", durationMs, { kind: "streams", streams });
}

function planOf(streams: LoadStream[], seed = 1, share = { index: 0, count: 1 }) {
  return compilePlan(scenario({ prefix, events, phases: [streamsPhase(streams)] }), seed, share);
}

/** The first `n` draws of a stream, as event names. */
function draws(plan: ReturnType<typeof planOf>, s: PlannedStream, n = 64): string[] {
  return Array.from({ length: n }, () => plan.events[s.choose()]!.name);
}

/** Every arrival time of a stream's schedule. */
function times(s: PlannedStream): number[] {
  return Array.from({ length: s.schedule?.total ?? 0 }, (_, k) => s.schedule!.timeOf(k));
}

describe("the plan of a phase of streams", () => {
  it("gives each stream its own events, load and schedule, totals from its own rate", () => {
    const plan = planOf([
      one("chat", rate(200)),
      one("recent", rate(10)),
      mixed({ kind: "concurrency", workers: 3, thinkTimeMs: 5 }),
    ]);
    const [chat, recent, pair] = plan.phases[0]!.streams;
    assert.deepEqual(plan.phases[0]!.streams.map((s) => s.label), ["chat", "recent", "shout+note"]);
    assert.equal(chat!.schedule!.total, 400);
    assert.equal(recent!.schedule!.total, 20);
    assert.equal(pair!.schedule, undefined);
    assert.deepEqual(pair!.load, { kind: "concurrency", workers: 3, thinkTimeMs: 5 });
    assert.deepEqual(new Set(draws(plan, chat!)), new Set(["chat"]));
    assert.deepEqual(new Set(draws(plan, pair!)), new Set(["shout", "note"]));
    assert.deepEqual(pair!.events, [2, 3]);
  });

  it("keeps a stream's schedule and draws when another stream is added, removed or moved", () => {
    const a = planOf([one("chat", rate(200)), mixed(rate(50))]);
    const b = planOf([one("recent", rate(10)), mixed(rate(50)), one("chat", rate(200))]);
    const c = planOf([mixed(rate(50))]);
    const pairOf = (p: ReturnType<typeof planOf>) => p.phases[0]!.streams.find((s) => s.label === "shout+note")!;
    const reference = draws(a, pairOf(a));
    assert.deepEqual(draws(b, pairOf(b)), reference);
    assert.deepEqual(draws(c, pairOf(c)), reference);
    assert.deepEqual(times(pairOf(b)), times(pairOf(a)));
    assert.deepEqual(times(b.phases[0]!.streams[2]!), times(a.phases[0]!.streams[0]!));
    // The check can fail: another seed draws another sequence.
    const other = planOf([one("chat", rate(200)), mixed(rate(50))], 2);
    assert.notDeepEqual(draws(other, pairOf(other)), reference);
  });

  it("splits every stream over shares, so the shares' union is the whole", () => {
    const streams = [
      one("chat", rate(200)),
      one("recent", rate(10)),
      mixed({ kind: "concurrency", workers: 4, thinkTimeMs: 0 }),
    ];
    const whole = planOf(streams).phases[0]!.streams;
    const parts = [0, 1, 2].map((index) => planOf(streams, 1, { index, count: 3 }).phases[0]!.streams);
    for (const i of [0, 1]) {
      const union = parts.flatMap((p) => times(p[i]!)).sort((x, y) => x - y);
      assert.deepEqual(union, times(whole[i]!), `stream ${i}'s arrivals`);
    }
    const workers = parts.map((p) => (p[2]!.load.kind === "concurrency" ? p[2]!.load.workers : -1));
    assert.deepEqual(workers, [2, 1, 1]);
    const load = planOf(streams, 1, { index: 2, count: 3 }).phases[0]!.load;
    assert.equal(
      load.kind === "streams" && load.streams[2]!.load.kind === "concurrency" && load.streams[2]!.load.workers,
      1,
    );
  });

  it("makes a rate or concurrency phase one stream with the phase's own chooser and schedule, a count phase none", () => {
    const plan = compilePlan(scenario({
      prefix,
      events,
      phases: [
        phase("open", "steady", 1000, { kind: "rate", from: 10, to: 10 }),
        phase("closed", "steady", 1000, { kind: "concurrency", workers: 2, thinkTimeMs: 0 }),
        phase("burst", "burst", 1000, { kind: "count", count: 10, concurrency: 1 }),
      ],
    }));
    const [open, closed, burst] = plan.phases;
    assert.equal(open!.streams.length, 1);
    assert.equal(open!.streams[0]!.schedule, open!.schedule);
    assert.equal(open!.streams[0]!.choose, open!.choose);
    assert.equal(closed!.streams[0]!.choose, closed!.choose);
    assert.deepEqual(closed!.streams[0]!.load, { kind: "concurrency", workers: 2, thinkTimeMs: 0 });
    assert.deepEqual(burst!.streams, []);
  });
});

describe("running a phase of streams", () => {
  it("sends every stream's arrivals at their own intended times, and accounts offered per stream", async () => {
    const plan = planOf([one("chat", rate(200)), one("recent", rate(10)), mixed({ kind: "rate", from: 0, to: 100 })]);
    const clock = new SimulatedClock();
    const ctx = createRunContext({
      plan,
      runId: "r1",
      now: () => clock.now(),
      signal: new AbortController().signal,
      confirmsPersistence: plan.events.map(() => false),
    });
    const sent: { event: number; t: number }[] = [];
    const send: SendFn = (event, phaseIx, t) => {
      sent.push({ event, t });
      ctx.recorder.count("published", phaseIx, event);
      return -1;
    };
    const outcomes = await runPhases(ctx, {
      clock,
      runStartMs: 0,
      senders: { nats: plan.events.map(() => send) },
      cpuNow: () => 0,
      micro: () => Promise.resolve([]),
    });
    const of = (names: string[]) => sent.filter((s) => names.includes(plan.events[s.event]!.name));
    assert.equal(of(["chat"]).length, 400);
    assert.equal(of(["recent"]).length, 20);
    assert.equal(of(["shout", "note"]).length, 100); // a ramp 0→100/s over 2 s: 100 arrivals
    assert.deepEqual(of(["chat"]).map((s) => s.t), Array.from({ length: 400 }, (_, k) => k * 5));
    assert.deepEqual(of(["recent"]).map((s) => s.t), Array.from({ length: 20 }, (_, k) => k * 100));
    const span = { elapsedMs: outcomes[0]!.elapsedMs, cut: false };
    assert.deepEqual([0, 1, 2].map((i) => streamCounts(ctx, 0, i, span)), [
      { offered: 400, published: 400 },
      { offered: 20, published: 20 },
      { offered: 100, published: 100 },
    ]);
    assert.equal(offeredIn(ctx, 0, span), 520);
    // Cut after 1 s: each open-loop stream offered only what was due by then.
    assert.equal(offeredIn(ctx, 0, { elapsedMs: 1000, cut: true }), 201 + 11 + 26);
    assert.equal(ctx.recorder.lag(0).count, 520);
  });
});

describe("streams side by side on the real clock", () => {
  it("a closed-loop stream whose events complete at once does not starve an open-loop stream's pacer", async () => {
    const plan = planOf([one("chat", rate(200)), one("recent", { kind: "concurrency", workers: 2, thinkTimeMs: 0 })]);
    plan.phases[0]!.durationMs = 500; // bounded: half a second
    const ctx = createRunContext({
      plan,
      runId: "r1",
      now: () => realClock.now(),
      signal: new AbortController().signal,
      confirmsPersistence: plan.events.map(() => false),
    });
    let closedSends = 0;
    const send: SendFn = (event, phaseIx, t) => {
      const id = ctx.tracker.add(t, event, phaseIx);
      ctx.recorder.count("published", phaseIx, event);
      if (plan.events[event]!.name === "recent") {
        closedSends++;
        ctx.tracker.markDone(id); // completes before the worker waits: its wait never leaves the microtask queue
      }
      return id;
    };
    await runPhases(ctx, {
      clock: realClock,
      runStartMs: realClock.now(),
      senders: { nats: plan.events.map(() => send) },
      cpuNow: () => 0,
      micro: () => Promise.resolve([]),
    });
    const lag = ctx.recorder.lag(0);
    assert.equal(lag.count, 100, "every chat arrival of 0.5 s at 200/s was sent");
    assert.ok(closedSends > 100, `the closed loop ran flat out: ${closedSends} events`);
    // Starved, every arrival would wait for the phase end: a median lag of about 250 ms.
    assert.ok(lag.percentile(50) < 50_000, `chat lag p50 ${lag.percentile(50)} µs`);
  });
});
