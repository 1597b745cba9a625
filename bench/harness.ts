/**
 * `npm run bench:harness`: what busmark itself costs, against the physical references measured in the same run.
 *
 * 1. Generator ceiling: events/s busmark's publish engine offers flat out (id tracking, header, compiled payload,
 *    counters) vs a raw nats.js publish loop of the same payload. Target ≥ 70 % of raw.
 * 2. Measurement floor: busmark's reported publish→delivered p50/p99 at 1000/s (open loop, from the intended
 *    time) vs a raw nats.js probe at the same rate (timer-paced, measured from the moment of publish, and also
 *    from its own intended time). Target ≤ 1.3× raw.
 * 3. Pacer accuracy at 1k, 10k and 50k events/s: achieved within 1 % of target; schedule lag p99.
 *
 * Uses NATS_URL or the server on 127.0.0.1:4222 (an embedded one when nothing answers). Bounded in count and time.
 */
import { connect, headers, type NatsConnection } from "nats";
import process from "node:process";
import { setImmediate } from "node:timers";
import { openLoopSchedule } from "../src/load/arrivals.ts";
import { realClock, runPacer } from "../src/load/pacer.ts";
import { Histogram } from "../src/metrics/histogram.ts";
import { resolveTarget } from "../src/nats/target.ts";
import type { RunContext } from "../src/run/context.ts";
import { createPublishEngine } from "../src/run/engines/publish.ts";
import { compilePlan } from "../src/run/plan.ts";
import { Recorder } from "../src/run/recorder.ts";
import { runScenario } from "../src/run/runner.ts";
import { EventTracker } from "../src/run/tracker.ts";
import type { Scenario } from "../src/scenario/types.ts";

const pos = { file: "bench", line: 1, column: 1 };
const PREFIX = `bench${Date.now().toString(36)}`;
const SUBJECT = `${PREFIX}.message.log`;
const payloadExpr = {
  kind: "object" as const,
  fields: {
    username: { kind: "literal" as const, value: "bench-user" },
    message: { kind: "text" as const, min: 40, max: 40 },
  },
};

function benchScenario(rate: number, durationMs: number): Scenario {
  return {
    version: 1,
    name: "bench-harness",
    description: "harness benchmark",
    tags: [],
    file: "bench",
    quick: false,
    target: {},
    service: { kind: "none", prefix: PREFIX },
    path: "nats",
    pools: [],
    events: [{
      name: "chat",
      subject: SUBJECT,
      payload: payloadExpr,
      persisted: false,
      confirm: { kind: "none" },
      confirmDeclared: false,
      pos,
    }],
    mix: [{ event: "chat", weight: 1 }],
    phases: [
      {
        name: "warmup",
        kind: "warmup",
        durationMs: 1000,
        load: { kind: "rate", from: rate, to: rate },
        mix: [],
        startMs: 0,
        pos,
      },
      {
        name: "steady",
        kind: "steady",
        durationMs,
        load: { kind: "rate", from: rate, to: rate },
        mix: [],
        startMs: 1000,
        pos,
      },
    ],
    faults: [],
    thresholds: [],
    durationMs: 1000 + durationMs,
    graceMs: 1000,
    seed: 1,
  };
}

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
const us = (n: number) => `${n.toFixed(0)} µs`;

async function drainPublishes(nc: NatsConnection): Promise<void> {
  await nc.flush();
}

/** Publishes `count` events as fast as possible with `send`, yielding every 1000 so the socket drains. */
async function flatOut(nc: NatsConnection, count: number, send: (i: number) => void): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    send(i);
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
  }
  await drainPublishes(nc);
  return count / ((performance.now() - t0) / 1000);
}

async function generatorCeiling(url: string): Promise<void> {
  const nc = await connect({ servers: url });
  const scenario = benchScenario(1000, 1000);
  const plan = compilePlan(scenario);
  const count = 300_000;
  const ctx: RunContext = {
    plan,
    runId: "bench",
    now: () => performance.now(),
    tracker: new EventTracker(count * 3),
    recorder: new Recorder(plan.phases.length, plan.events.length),
    signal: new AbortController().signal,
    confirmsPersistence: [false],
    firstSendMs: new Float64Array(2).fill(Number.NaN),
    lastPersistMs: new Float64Array(2).fill(Number.NaN),
    lastPersistAny: Number.NaN,
    persistWatchers: [],
  };
  ctx.recorder.runStartMs = performance.now();
  const send = createPublishEngine(ctx, nc);
  const fixed = plan.events[0]!.payload();
  const payload = compilePlan(scenario).events[0]!.payload;
  type Round = { fixed: number; same: number; busmark: number };
  const rounds: Round[] = [];
  for (let round = 0; round < 3; round++) {
    const rawFixed = await flatOut(nc, count, () => nc.publish(SUBJECT, fixed));
    // The same messages busmark sends: a freshly generated payload and a Bm-Id header each.
    const rawSame = await flatOut(nc, count, (i) => {
      const h = headers();
      h.set("Bm-Id", `bench.${i}`);
      nc.publish(SUBJECT, payload(), { headers: h });
    });
    const busmark = await flatOut(nc, count, () => send(0, 1, performance.now()));
    rounds.push({ fixed: rawFixed, same: rawSame, busmark });
  }
  await nc.close();
  const best = (f: (r: Round) => number) => Math.max(...rounds.map(f));
  const rawFixed = best((r) => r.fixed);
  const rawSame = best((r) => r.same);
  const bm = best((r) => r.busmark);
  console.log("\n1. Generator ceiling (flat-out publish, 300k events, best of 3 alternating rounds)");
  console.log(`   raw nats.js, one fixed payload, no header     ${fmt(rawFixed)} events/s`);
  console.log(`   raw nats.js, busmark's messages (payload+id)  ${fmt(rawSame)} events/s`);
  console.log(
    `   busmark publish engine                        ${fmt(bm)} events/s   = ${
      ((bm / rawSame) * 100).toFixed(0)
    } % of ` +
      `the same messages raw (target ≥ 70 %), ${((bm / rawFixed) * 100).toFixed(0)} % of the fixed-payload loop`,
  );
}

async function rawProbe(
  url: string,
  rate: number,
  durationMs: number,
): Promise<{ fromSend: Histogram; fromIntended: Histogram }> {
  const pub = await connect({ servers: url });
  const sub = await connect({ servers: url });
  const fromSend = new Histogram();
  const fromIntended = new Histogram();
  const sentAt = new Float64Array(rate * (durationMs / 1000) + 10);
  const intendedAt = new Float64Array(sentAt.length);
  const subject = `${PREFIX}.raw`;
  const decoder = new TextDecoder();
  sub.subscribe(subject, {
    callback: (_e, m) => {
      const t = performance.now();
      const i = Number(decoder.decode(m.data));
      fromSend.record((t - sentAt[i]!) * 1000);
      fromIntended.record((t - intendedAt[i]!) * 1000);
    },
  });
  await sub.flush();
  const encoder = new TextEncoder();
  const start = performance.now();
  const total = Math.floor((rate * durationMs) / 1000);
  for (let i = 0; i < total; i++) {
    const intended = start + (i * 1000) / rate;
    const wait = intended - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    intendedAt[i] = intended;
    sentAt[i] = performance.now();
    pub.publish(subject, encoder.encode(String(i)));
  }
  await pub.flush();
  await new Promise((r) => setTimeout(r, 200));
  await pub.close();
  await sub.close();
  return { fromSend, fromIntended };
}

async function measurementFloor(url: string): Promise<void> {
  const rate = 1000;
  const durationMs = 5000;
  const raw = await rawProbe(url, rate, durationMs);
  const result = await runScenario({ scenario: benchScenario(rate, durationMs), auth: {}, env: {}, natsUrl: url });
  const delivered = result.metrics.find((m) => m.metric === "latency.delivered" && !m.phase && !m.event)!.summary!;
  const lag = result.metrics.find((m) => m.metric === "latency.schedule" && !m.phase)!.summary!;
  console.log(`\n2. Measurement floor at ${rate}/s for ${durationMs / 1000} s (publish→delivered)`);
  console.log("                                         p50        p99        max");
  const row = (name: string, h: { p50: number; p99: number; max: number }) =>
    console.log(`   ${name.padEnd(38)}${us(h.p50).padEnd(11)}${us(h.p99).padEnd(11)}${us(h.max)}`);
  row("raw probe, from publish call", raw.fromSend.summary());
  row("raw probe, from intended time", raw.fromIntended.summary());
  row("busmark latency.delivered (intended)", delivered);
  row("busmark schedule lag", lag);
  const s = raw.fromIntended.summary();
  console.log(
    `   ratio busmark / raw (both from intended time): p50 ${(delivered.p50 / s.p50).toFixed(2)}×, p99 ${
      (delivered.p99 / s.p99).toFixed(2)
    }× (target ≤ 1.3×)`,
  );
  const f = raw.fromSend.summary();
  console.log(
    `   ratio busmark / raw from publish call: p50 ${(delivered.p50 / f.p50).toFixed(2)}×, p99 ${
      (delivered.p99 / f.p99).toFixed(2)
    }×`,
  );
}

async function pacerAccuracy(): Promise<void> {
  console.log("\n3. Pacer accuracy (3 s per rate, onDue counts only)");
  console.log("   target/s    achieved/s    error     lag p50    lag p99    max batch");
  for (const rate of [1000, 10_000, 50_000]) {
    const durationMs = 3000;
    const schedule = openLoopSchedule(rate, rate, durationMs);
    let n = 0;
    const start = realClock.now();
    const stats = await runPacer(schedule, {
      clock: realClock,
      startMs: start,
      endMs: start + durationMs,
      onDue: () => n++,
    });
    const elapsed = (realClock.now() - start) / 1000;
    const achieved = n / Math.max(elapsed, durationMs / 1000);
    const lag = stats.lagUs.summary();
    console.log(
      `   ${fmt(rate).padEnd(12)}${fmt(achieved).padEnd(14)}${
        (((achieved - rate) / rate) * 100).toFixed(2).padStart(6)
      } %  ${us(lag.p50).padEnd(11)}${us(lag.p99).padEnd(11)}${stats.maxBatch}`,
    );
  }
}

const target = await resolveTarget({ env: process.env });
try {
  console.log(`busmark harness benchmark — NATS ${target.maskedUrl}${target.embedded ? " (embedded)" : ""}`);
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
  if (!only || only === "ceiling") await generatorCeiling(target.url);
  if (!only || only === "floor") await measurementFloor(target.url);
  if (!only || only === "pacer") await pacerAccuracy();
} finally {
  await target.dispose();
}
