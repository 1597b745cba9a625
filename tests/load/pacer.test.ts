import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openLoopSchedule } from "../../src/load/arrivals.ts";
import { createRealClock, realClock, runPacer, sleep } from "../../src/load/pacer.ts";
import { SimulatedClock } from "../../src/load/sim-clock.ts";

/** Collects the (k, intended, now) of every onDue call. */
function recorder(clock: { now(): number }) {
  const ks: number[] = [];
  const intended: number[] = [];
  const at: number[] = [];
  return {
    ks,
    intended,
    at,
    onDue: (k: number, t: number) => {
      ks.push(k);
      intended.push(t);
      at.push(clock.now());
    },
  };
}

describe("runPacer with a simulated clock", () => {
  it("sends exactly the schedule at a constant rate, in order, at the intended times", async () => {
    const clock = new SimulatedClock({ startMs: 5000, minWaitMs: 1 });
    const schedule = openLoopSchedule(1000, 1000, 10_000);
    const rec = recorder(clock);
    const stats = await runPacer(schedule, { clock, startMs: 5000, endMs: 15_000, onDue: rec.onDue });
    assert.equal(stats.due, 10_000);
    assert.equal(stats.scheduled, 10_000);
    assert.deepEqual(rec.ks, Array.from({ length: 10_000 }, (_, k) => k));
    rec.intended.forEach((t, k) => assert.equal(t, 5000 + k));
    rec.at.forEach((t, k) => assert.ok(t >= rec.intended[k]!, "never early"));
    assert.equal(stats.lagUs.count, 10_000);
    assert.ok(stats.lagUs.max <= 1, `lag ${stats.lagUs.max} µs with punctual timers`);
  });

  it("sends exactly the schedule of a ramp", async () => {
    const clock = new SimulatedClock({ minWaitMs: 1 });
    const schedule = openLoopSchedule(100, 1900, 10_000);
    const rec = recorder(clock);
    const stats = await runPacer(schedule, { clock, startMs: 0, endMs: 10_000, onDue: rec.onDue });
    assert.equal(stats.due, schedule.total);
    assert.equal(rec.intended.length, 10_000);
    rec.intended.forEach((t, k) => assert.equal(t, schedule.timeOf(k)));
    rec.at.forEach((t, k) => assert.ok(t >= rec.intended[k]!, "never early"));
  });

  it("does not drift over a long run with late, jittery timers", async () => {
    // One simulated hour at 50/s; every wait fires 0–3 ms late.
    const clock = new SimulatedClock({ minWaitMs: 1, lateness: (n) => (n * 7919) % 4 });
    const schedule = openLoopSchedule(50, 50, 3_600_000);
    let n = 0;
    let lastIntended = -1;
    let exact = true;
    const stats = await runPacer(schedule, {
      clock,
      startMs: 0,
      endMs: 3_600_000,
      onDue: (k, t) => {
        if (t !== k * 20 || k !== n) exact = false;
        lastIntended = t;
        n++;
      },
    });
    assert.equal(stats.due, 180_000);
    assert.ok(exact, "every intended time is k·20 ms");
    assert.equal(lastIntended, 3_599_980);
    // Lag stays bounded by one late timer; it never accumulates.
    assert.ok(stats.lagUs.max <= 3000 * 1.001, `max lag ${stats.lagUs.max} µs`); // 0.1 % histogram precision
    assert.ok(clock.now() < 3_600_000, "returned right after the last arrival");
  });

  it("batches every arrival that is due when a tick is late", async () => {
    // 10 000/s with 1 ms timers: about 10 per tick; one 50 ms stall yields a batch of about 500.
    const clock = new SimulatedClock({ minWaitMs: 1, lateness: (n) => (n === 100 ? 50 : 0) });
    const schedule = openLoopSchedule(10_000, 10_000, 1000);
    const stats = await runPacer(schedule, { clock, startMs: 0, endMs: 1000, onDue: () => {} });
    assert.equal(stats.due, 10_000);
    assert.ok(stats.maxBatch >= 500 && stats.maxBatch <= 520, `max batch ${stats.maxBatch}`);
    assert.ok(stats.ticks < 1100, `${stats.ticks} ticks`);
    assert.ok(stats.lagUs.max >= 50_000 && stats.lagUs.max <= 51_100, `max lag ${stats.lagUs.max}`);
  });

  it("caps a batch at maxBatch and yields between batches", async () => {
    const clock = new SimulatedClock({ minWaitMs: 1, lateness: (n) => (n === 10 ? 100 : 0) });
    const schedule = openLoopSchedule(10_000, 10_000, 1000);
    const rec = recorder(clock);
    const stats = await runPacer(schedule, { clock, startMs: 0, endMs: 1000, onDue: rec.onDue, maxBatch: 64 });
    assert.equal(stats.due, 10_000);
    assert.equal(stats.maxBatch, 64);
    assert.deepEqual(rec.ks.slice(0, 3), [0, 1, 2]);
    assert.equal(rec.ks.at(-1), 9999);
  });

  it("sends nothing intended at or after endMs, but everything before it even when the last tick is late", async () => {
    const clock = new SimulatedClock({ minWaitMs: 1, lateness: (n) => (n === 1998 ? 400 : 0) });
    const schedule = openLoopSchedule(1000, 1000, 10_000);
    const rec = recorder(clock);
    const stats = await runPacer(schedule, { clock, startMs: 0, endMs: 2000, onDue: rec.onDue });
    assert.equal(stats.due, 2000);
    assert.equal(stats.scheduled, 2000);
    assert.equal(rec.intended.at(-1), 1999);
    assert.ok(rec.at.at(-1)! > 2000, "the last arrivals went out late");
    assert.ok(stats.lagUs.max >= 400_000, "and their lag says so");
  });

  it("never lets in the arrival due exactly at the end when the phase starts at a large clock time", async () => {
    // 1000.411 + 500 - 1000.411 is 500.0000000000001 in doubles: the arrival at 500 ms must still stay out.
    const startMs = 1000.411;
    assert.ok(startMs + 500 - startMs > 500, "the float rounding this test is about");
    const clock = new SimulatedClock({ minWaitMs: 1, startMs });
    const schedule = openLoopSchedule(200, 200, 1000);
    const rec = recorder(clock);
    const stats = await runPacer(schedule, { clock, startMs, endMs: startMs + 500, onDue: rec.onDue });
    assert.equal(stats.due, 100, "0, 5, …, 495 ms: 100 arrivals, not the one at 500 ms");
  });

  it("stops when the signal aborts", async () => {
    const clock = new SimulatedClock({ minWaitMs: 1 });
    const ctl = new AbortController();
    const stats = await runPacer(openLoopSchedule(1000, 1000, 10_000), {
      clock,
      startMs: 0,
      endMs: 10_000,
      signal: ctl.signal,
      onDue: (k) => {
        if (k === 500) ctl.abort();
      },
    });
    assert.equal(stats.due, 501);
    assert.equal(stats.scheduled, 10_000);

    const pre = new AbortController();
    pre.abort();
    const none = await runPacer(openLoopSchedule(1000, 1000, 1000), {
      clock,
      startMs: clock.now(),
      endMs: clock.now() + 1000,
      signal: pre.signal,
      onDue: () => assert.fail("no arrival after an abort"),
    });
    assert.equal(none.due, 0);
  });

  it("does nothing for an empty schedule or an end before the start", async () => {
    const clock = new SimulatedClock();
    const fail = () => assert.fail("nothing is due");
    assert.equal(
      (await runPacer(openLoopSchedule(0, 0, 1000), { clock, startMs: 0, endMs: 1000, onDue: fail })).due,
      0,
    );
    assert.equal((await runPacer(openLoopSchedule(10, 10, 1000), { clock, startMs: 0, endMs: 0, onDue: fail })).due, 0);
  });

  it("waits for a late phase start", async () => {
    const clock = new SimulatedClock({ minWaitMs: 1 });
    const rec = recorder(clock);
    await runPacer(openLoopSchedule(10, 10, 1000), { clock, startMs: 250, endMs: 1250, onDue: rec.onDue });
    assert.equal(rec.at[0], 250);
    assert.deepEqual(rec.intended, Array.from({ length: 10 }, (_, k) => 250 + k * 100));
  });
});

describe("runPacer with the real clock", () => {
  it("offers exactly the schedule at 10 000 events/s for 1 s", async () => {
    const schedule = openLoopSchedule(10_000, 10_000, 1000);
    const start = realClock.now() + 5;
    let n = 0;
    let ordered = true;
    const stats = await runPacer(schedule, {
      clock: realClock,
      startMs: start,
      endMs: start + 1000,
      onDue: (k) => {
        if (k !== n) ordered = false;
        n++;
      },
    });
    assert.equal(n, schedule.total);
    assert.equal(stats.due, 10_000);
    assert.ok(ordered);
    assert.equal(stats.lagUs.count, 10_000);
  });

  it("paces with timers only when cheap yields are off or their budget is spent", async () => {
    for (const opts of [{ yieldBelowMs: 0 }, { maxYieldShare: 0 }]) {
      const clock = createRealClock(opts);
      const schedule = openLoopSchedule(2000, 2000, 200);
      const start = clock.now();
      const stats = await runPacer(schedule, { clock, startMs: start, endMs: start + 200, onDue: () => {} });
      assert.equal(stats.due, 400);
      assert.ok(stats.maxBatch > 1, `timer ticks batch the sub-millisecond arrivals (${JSON.stringify(opts)})`);
    }
  });

  it("keeps exact counts with an unlimited yield budget", async () => {
    const clock = createRealClock({ maxYieldShare: 1 });
    const schedule = openLoopSchedule(500, 3000, 300);
    const start = clock.now();
    let n = 0;
    const stats = await runPacer(schedule, { clock, startMs: start, endMs: start + 300, onDue: () => n++ });
    assert.equal(n, schedule.total);
    assert.equal(stats.due, schedule.total);
  });

  it("ends a pending wait at once when the signal aborts", async () => {
    const ctl = new AbortController();
    const t0 = realClock.now();
    setTimeout(() => ctl.abort(), 20);
    const stats = await runPacer(openLoopSchedule(0.1, 0.1, 60_000), {
      clock: realClock,
      startMs: t0,
      endMs: t0 + 60_000,
      signal: ctl.signal,
      onDue: () => {},
    });
    assert.equal(stats.due, 1, "the arrival at 0 only");
    assert.ok(realClock.now() - t0 < 5000, "did not sleep 10 s to the next arrival");
  });

  it("sleep resolves after the time, or at once when already aborted", async () => {
    const t0 = realClock.now();
    await sleep(15);
    assert.ok(realClock.now() - t0 >= 14);
    const ctl = new AbortController();
    ctl.abort();
    await sleep(60_000, ctl.signal);
    await realClock.wait(60_000, ctl.signal);
    await realClock.wait(0);
    await realClock.wait(0.2);
  });
});
