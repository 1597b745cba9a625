import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ArrivalSchedule, openLoopSchedule, ScheduleError } from "../../src/load/arrivals.ts";

function times(s: ArrivalSchedule): number[] {
  return Array.from({ length: s.total }, (_, k) => s.timeOf(k));
}

/** dueBy must agree with timeOf everywhere: at each arrival time and just before it. */
function assertConsistent(s: ArrivalSchedule, step = 1): void {
  for (let k = 0; k < s.total; k += step) {
    const t = s.timeOf(k);
    assert.ok(s.dueBy(t) >= k + 1, `dueBy(timeOf(${k}))`);
    if (k > 0 && s.timeOf(k - 1) < t) {
      const before = t - Math.max(1e-9, (t - s.timeOf(k - 1)) / 2);
      assert.equal(s.dueBy(before), k, `dueBy just before arrival ${k}`);
    }
  }
}

describe("openLoopSchedule: constant rate", () => {
  it("places arrival k at k·1000/rate", () => {
    const s = openLoopSchedule(2000, 2000, 10_000);
    assert.equal(s.total, 20_000);
    assert.equal(s.timeOf(0), 0);
    assert.equal(s.timeOf(1), 0.5);
    assert.equal(s.timeOf(19_999), 9999.5);
    assert.equal(s.timeOf(20_000), Number.POSITIVE_INFINITY);
    assert.equal(s.timeOf(-1), Number.POSITIVE_INFINITY);
    assertConsistent(s, 97);
  });

  it("counts arrivals due by a time, inclusive", () => {
    const s = openLoopSchedule(1000, 1000, 1000);
    assert.equal(s.dueBy(-1), 0);
    assert.equal(s.dueBy(0), 1);
    assert.equal(s.dueBy(0.999), 1);
    assert.equal(s.dueBy(1), 2);
    assert.equal(s.dueBy(999), 1000);
    assert.equal(s.dueBy(5000), 1000);
    assert.equal(s.dueBy(Number.NaN), 0);
  });

  it("holds only arrivals strictly before the end, for awkward rates", () => {
    assert.deepEqual(times(openLoopSchedule(3, 3, 1000)), [0, 1000 / 3, 2000 / 3]);
    assert.equal(openLoopSchedule(3, 3, 1001).total, 4);
    assert.equal(openLoopSchedule(7, 7, 3000).total, 21);
    assert.equal(openLoopSchedule(0.5, 0.5, 10_000).total, 5);
    const s = openLoopSchedule(333.3, 333.3, 60_000);
    assert.equal(s.total, Math.ceil(333.3 * 60));
    assertConsistent(s, 101);
  });

  it("is empty for a zero rate or duration", () => {
    for (const s of [openLoopSchedule(0, 0, 5000), openLoopSchedule(100, 100, 0), openLoopSchedule(0, 50, 0)]) {
      assert.equal(s.total, 0);
      assert.equal(s.dueBy(1e9), 0);
      assert.equal(s.timeOf(0), Number.POSITIVE_INFINITY);
    }
  });
});

describe("openLoopSchedule: linear ramp", () => {
  /** Expected arrivals by t (ms) of a ramp from a to b over d ms. */
  const expected = (a: number, b: number, d: number, t: number) => (a * t + ((b - a) * t * t) / (2 * d)) / 1000;

  it("solves the integral of the rate for each arrival", () => {
    for (const [a, b, d] of [[0, 1000, 10_000], [100, 2000, 5000], [1000, 0, 10_000], [2000, 500, 3000]] as const) {
      const s = openLoopSchedule(a, b, d);
      assert.equal(s.total, Math.ceil(expected(a, b, d, d) - 1e-9), `total of ${a}→${b}`);
      let prev = -1;
      for (let k = 0; k < s.total; k++) {
        const t = s.timeOf(k);
        assert.ok(t > prev, `arrival ${k} after ${k - 1}`);
        assert.ok(t >= 0 && t < d);
        assert.ok(Math.abs(expected(a, b, d, t) - k) < 1e-6, `N(t_${k}) = ${expected(a, b, d, t)}`);
        prev = t;
      }
      assertConsistent(s, 7);
      assert.equal(s.dueBy(d * 10), s.total);
    }
  });

  it("follows the rate: few arrivals early on a ramp up, many late", () => {
    const s = openLoopSchedule(100, 1900, 10_000);
    const first = s.dueBy(999.999);
    const last = s.total - s.dueBy(8999.999);
    // Rate over the first second averages 190/s, over the last 1810/s.
    assert.ok(Math.abs(first - 190) <= 1, `first second ${first}`);
    assert.ok(Math.abs(last - 1810) <= 1, `last second ${last}`);
    assert.equal(s.total, 10_000);
  });
});

describe("openLoopSchedule: shares", () => {
  it("splits a schedule so the union of the shares is exactly the whole", () => {
    for (const [a, b, d] of [[1000, 1000, 2000], [50, 3000, 4000]] as const) {
      const whole = openLoopSchedule(a, b, d);
      for (const count of [1, 2, 3, 7]) {
        const shares = Array.from({ length: count }, (_, index) => openLoopSchedule(a, b, d, { index, count }));
        assert.equal(shares.reduce((n, s) => n + s.total, 0), whole.total, `${count} shares`);
        const union = shares.flatMap(times).sort((x, y) => x - y);
        assert.deepEqual(union, times(whole));
        for (const t of [-1, 0, 0.3, 17, 999.9, 1000, d / 2, d + 5]) {
          assert.equal(shares.reduce((n, s) => n + s.dueBy(t), 0), whole.dueBy(t), `dueBy(${t}) over ${count}`);
        }
        shares.forEach((s) => assertConsistent(s, 13));
      }
    }
  });

  it("maps share-local k to global index + k·count", () => {
    const whole = openLoopSchedule(100, 100, 1000);
    const share = openLoopSchedule(100, 100, 1000, { index: 2, count: 3 });
    assert.equal(share.total, 33); // global 2, 5, ..., 98
    assert.equal(share.timeOf(0), whole.timeOf(2));
    assert.equal(share.timeOf(32), whole.timeOf(98));
    assert.equal(share.timeOf(33), Number.POSITIVE_INFINITY);
    const tiny = openLoopSchedule(1, 1, 1000, { index: 1, count: 2 });
    assert.equal(tiny.total, 0);
  });
});

describe("openLoopSchedule: invalid arguments", () => {
  it("throws ScheduleError", () => {
    const bad: [number, number, number, { index: number; count: number }?][] = [
      [-1, -1, 1000],
      [10, Number.NaN, 1000],
      [10, 10, Number.POSITIVE_INFINITY],
      [10, 10, 1000, { index: 3, count: 3 }],
      [10, 10, 1000, { index: 0, count: 0 }],
      [10, 10, 1000, { index: -1, count: 2 }],
      [10, 10, 1000, { index: 0.5, count: 2 }],
    ];
    for (const args of bad) {
      assert.throws(() => openLoopSchedule(...args), (e: unknown) => {
        assert.ok(e instanceof ScheduleError);
        assert.match(e.message, /^Cannot build an arrival schedule: /);
        return true;
      }, JSON.stringify(args));
    }
  });
});
