import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CHUNK } from "../../src/run/tracker-chunks.ts";
import { Awaits, EventTracker, Mark } from "../../src/run/tracker.ts";

describe("EventTracker.overdue", () => {
  it("counts events still unconfirmed when the cutoff passes them, and takes a late confirmation off", () => {
    const t = new EventTracker();
    const ids = [0, 100, 200, 300, 400].map((ms, i) => t.add(ms, i === 4 ? 1 : 0, 0));
    t.markPersisted(ids[0]!);
    t.markInvalid(ids[1]!);
    const persists = (e: number) => e === 0;
    assert.equal(t.overdue(0, persists), 0, "nothing is before the cutoff");
    assert.equal(t.overdue(250, persists), 1, "event 2 is overdue; 0 was persisted and 1 rejected");
    t.markDelivered(ids[2]!);
    assert.equal(t.overdue(250, persists), 1, "a delivery is not a confirmation");
    t.markPersisted(ids[2]!);
    assert.equal(t.overdue(250, persists), 0, "a late confirmation takes it off");
    t.markPersisted(ids[2]!);
    assert.equal(t.overdue(1000, persists), 1, "a duplicate changes nothing; event 3 is overdue, 4 is not expected");
  });
});

/** The tracker as it was before chunks were released: plain arrays, every event kept whole. */
class ReferenceTracker {
  intended: number[] = [];
  event: number[] = [];
  phase: number[] = [];
  flags: number[] = [];
  #cursor = 0;
  #overdue = 0;

  add(ms: number, e: number, p: number): number {
    this.intended.push(ms);
    this.event.push(e);
    this.phase.push(p);
    this.flags.push(1);
    return this.intended.length - 1;
  }

  mark(id: number, bit: number): Mark {
    if (id < 0 || id >= this.flags.length || !Number.isInteger(id)) return Mark.Unknown;
    const f = this.flags[id]!;
    if (f & bit) return Mark.Duplicate;
    if (f & 32 && bit & 12 && !(f & 12)) this.#overdue--;
    this.flags[id] = f | bit;
    return Mark.First;
  }

  overdue(cutoff: number, expects: (e: number, p: number) => boolean): number {
    while (this.#cursor < this.flags.length && this.intended[this.#cursor]! < cutoff) {
      const id = this.#cursor++;
      const f = this.flags[id]!;
      if (!(f & 12) && expects(this.event[id]!, this.phase[id]!)) {
        this.flags[id] = f | 32;
        this.#overdue++;
      }
    }
    return this.#overdue;
  }

  unconfirmedBetween(from: number, to: number, confirms: (e: number) => boolean): number {
    let n = 0;
    for (let id = 0; id < this.flags.length; id++) {
      const t = this.intended[id]!;
      if (t >= from && t <= to && confirms(this.event[id]!) && !(this.flags[id]! & 12)) n++;
    }
    return n;
  }
}

/** A seeded xorshift generator in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const BITS = { delivered: 2, persisted: 4, invalid: 8, done: 16 } as const;
const markOf = (t: EventTracker, bit: number, id: number): Mark => {
  switch (bit) {
    case BITS.delivered:
      return t.markDelivered(id);
    case BITS.persisted:
      return t.markPersisted(id);
    case BITS.invalid:
      return t.markInvalid(id);
    default:
      t.markDone(id);
      return Mark.First;
  }
};

describe("EventTracker releasing settled chunks", () => {
  const GRACE = 50; // ms of intended time; 1 event a ms
  const persists = (e: number) => e !== 2;
  const expects = (e: number, p: number) => persists(e) && p === 1;
  const awaitsOf = (e: number) => Awaits.Delivered | (persists(e) ? Awaits.Persisted : 0);

  it("keeps the accounting of the tracker that kept everything, for 200k events of 3 types in 2 phases", () => {
    const t = new EventTracker();
    const ref = new ReferenceTracker();
    const rnd = random(7);
    const n = 200_000;
    const confirmAt = new Map<number, { id: number; bit: number }[]>();
    const later = (at: number, id: number, bit: number) => {
      const list = confirmAt.get(at) ?? [];
      list.push({ id, bit });
      confirmAt.set(at, list);
    };
    let firsts = 0;
    let duplicates = 0;
    for (let ms = 0; ms < n; ms++) {
      const e = Math.floor(rnd() * 3);
      const p = ms < 20_000 ? 0 : 1;
      const id = t.add(ms, e, p, awaitsOf(e));
      assert.equal(ref.add(ms, e, p), id);
      // Deliveries within 5 ms; persistence within 20 ms, 0.2 % never, 0.1 % long after the grace (up to 60 s),
      // 0.5 % rejected, 1 % duplicated long after (released by then), the odd delivery twice.
      later(ms + Math.floor(rnd() * 5), id, BITS.delivered);
      if (rnd() < 0.01) later(ms + 5 + Math.floor(rnd() * 5), id, BITS.delivered);
      if (persists(e)) {
        const r = rnd();
        if (r < 0.002) { /* lost */ }
        else if (r < 0.003) later(ms + GRACE + Math.floor(rnd() * 60_000), id, BITS.persisted);
        else if (r < 0.008) later(ms + Math.floor(rnd() * 20), id, BITS.invalid);
        else later(ms + Math.floor(rnd() * 20), id, BITS.persisted);
        if (rnd() < 0.01) later(ms + 1000 + Math.floor(rnd() * 100_000), id, BITS.persisted);
      }
      for (const { id: c, bit } of confirmAt.get(ms) ?? []) {
        const want = ref.mark(c, bit);
        const got = markOf(t, bit, c);
        if (bit !== BITS.done) assert.equal(got, want, `mark ${bit} of ${c} at ${ms}`);
        if (want === Mark.First && (bit === BITS.persisted || bit === BITS.delivered)) {
          assert.equal(t.intended(c), ref.intended[c], `intended time of ${c}, confirmed first at ${ms}`);
          firsts++;
        }
        if (want === Mark.Duplicate) {
          assert.equal(t.eventOf(c), ref.event[c], `event of duplicate ${c}`);
          assert.equal(t.phaseOf(c), ref.phase[c], `phase of duplicate ${c}`);
          duplicates++;
        }
      }
      confirmAt.delete(ms);
      if (ms % 1000 === 0) assert.equal(t.overdue(ms - GRACE, expects), ref.overdue(ms - GRACE, expects));
    }
    // What is still to come arrives after the load (late and duplicated confirmations of released events).
    for (const at of [...confirmAt.keys()].sort((a, b) => a - b)) {
      for (const { id, bit } of confirmAt.get(at)!) {
        const want = ref.mark(id, bit);
        assert.equal(markOf(t, bit, id), want);
        if (want === Mark.First && bit === BITS.persisted) assert.equal(t.intended(id), ref.intended[id]);
        if (want === Mark.Duplicate) duplicates++;
      }
    }
    assert.equal(t.overdue(n + GRACE, expects), ref.overdue(n + GRACE, expects), "lost at the end");
    for (let id = 0; id < n; id++) {
      assert.equal(t.eventOf(id), ref.event[id]);
      assert.equal(t.phaseOf(id), ref.phase[id]);
      assert.equal(t.isPersisted(id), (ref.flags[id]! & 4) !== 0);
      assert.equal(t.isInvalid(id), (ref.flags[id]! & 8) !== 0);
      assert.equal(t.isDelivered(id), (ref.flags[id]! & 2) !== 0);
    }
    for (const [from, to] of [[0, n], [10_000, 10_500], [150_000, 199_999]] as const) {
      assert.equal(t.unconfirmedBetween(from, to, persists), ref.unconfirmedBetween(from, to, persists));
    }
    assert.ok(firsts > 300_000 && duplicates > 1000, `exercised: ${firsts} firsts, ${duplicates} duplicates`);
    assert.ok(t.released().chunks >= 10, `chunks released: ${JSON.stringify(t.released())}`);
  });

  it("still counts a duplicate of a released event, of its type and phase", () => {
    const t = new EventTracker();
    for (let i = 0; i < 3 * CHUNK; i++) {
      const id = t.add(i, i % 2, i < CHUNK ? 0 : 1, Awaits.Delivered | Awaits.Persisted);
      t.markDelivered(id);
      t.markPersisted(id);
    }
    t.overdue(3 * CHUNK, expects);
    assert.equal(t.released().chunks, 3);
    assert.equal(t.markPersisted(5), Mark.Duplicate);
    assert.equal(t.markDelivered(CHUNK + 6), Mark.Duplicate);
    assert.deepEqual([t.eventOf(5), t.phaseOf(5), t.eventOf(CHUNK + 6), t.phaseOf(CHUNK + 6)], [1, 0, 0, 1]);
    assert.ok(t.isPersisted(7) && !t.isInvalid(7));
  });

  it("keeps a lost event whole: counted lost after the grace, and a confirmation long after is exact", () => {
    const t = new EventTracker();
    for (let i = 0; i < 4 * CHUNK; i++) {
      const id = t.add(1000 + i, 0, 1, Awaits.Delivered | Awaits.Persisted);
      t.markDelivered(id);
      if (id !== 17 && id !== 18) t.markPersisted(id);
    }
    assert.equal(t.overdue(1000 + 4 * CHUNK, expects), 2, "17 and 18 are lost");
    assert.deepEqual(t.released(), { chunks: 4, exceptions: 2 });
    assert.equal(t.unconfirmedBetween(0, 2000, persists), 2);
    assert.equal(t.markPersisted(17), Mark.First, "the slow confirmation, after 65k newer events settled");
    assert.equal(t.intended(17), 1017, "its latency counts from its own intended time");
    assert.equal(t.overdue(1e9, expects), 1, "and it is no longer lost");
    assert.equal(t.markPersisted(17), Mark.Duplicate);
    assert.equal(t.unconfirmedBetween(0, 2000, persists), 1);
  });

  it("answers ids far beyond the window, and never added, as before", () => {
    const t = new EventTracker();
    for (let i = 0; i < CHUNK + 1; i++) t.add(i, 1, 1, Awaits.Delivered);
    for (const id of [-1, 1.5, CHUNK + 1, 10 * CHUNK, 2 ** 31, 2 ** 40, Number.NaN]) {
      assert.equal(t.markPersisted(id), Mark.Unknown, `id ${id}`);
      assert.equal(t.markDelivered(id), Mark.Unknown);
      assert.deepEqual([t.intended(id), t.eventOf(id), t.phaseOf(id), t.isPersisted(id)], [0, 0, 0, false]);
    }
  });

  it("keeps an invalid event whole, since it may still be persisted, and an event awaiting nothing known", () => {
    const t = new EventTracker();
    for (let i = 0; i < CHUNK; i++) {
      const id = t.add(i, 0, 1, i === 3 ? Awaits.Unknown : Awaits.Persisted);
      if (i === 9) t.markInvalid(id);
      else t.markPersisted(id);
    }
    t.overdue(CHUNK, expects);
    assert.deepEqual(t.released(), { chunks: 1, exceptions: 2 });
    assert.equal(t.markPersisted(9), Mark.First);
    assert.equal(t.intended(9), 9);
    assert.equal(t.markPersisted(3), Mark.Duplicate);
  });

  it("keeps a chunk open while more than an eighth of it is unconfirmed, and releases it once confirmed", () => {
    const t = new EventTracker();
    for (let i = 0; i < CHUNK; i++) {
      const id = t.add(i, 0, 1, Awaits.Persisted);
      if (i % 2 === 0) t.markPersisted(id);
    }
    t.overdue(CHUNK, expects);
    assert.equal(t.released().chunks, 0, "half of it is lost: kept open");
    for (let id = 1; id < CHUNK; id += 2) t.markPersisted(id);
    assert.equal(t.overdue(CHUNK, expects), 0);
    assert.deepEqual(t.released(), { chunks: 1, exceptions: 0 });
  });

  for (const order of ["in order", "out of order"] as const) {
    it(`holds a bounded number of bytes while 1e6 events are added and settled ${order}`, () => {
      const t = new EventTracker();
      const rnd = random(11);
      const window: number[] = [];
      let peak = 0;
      for (let i = 0; i < 1_000_000; i++) {
        const e = Math.floor(rnd() * 2);
        window.push(t.add(i, e, 1, Awaits.Delivered | Awaits.Persisted));
        if (window.length >= 1000) {
          // Confirm one of the last 1000 (the oldest, or one at random) and mark it delivered.
          const at = order === "in order" ? 0 : Math.floor(rnd() * window.length);
          const id = window[at]!;
          window[at] = window[window.length - 1]!;
          window.pop();
          t.markDelivered(id);
          t.markPersisted(id);
        }
        if (i % 1000 === 0) {
          t.overdue(i - 50_000, expects);
          peak = Math.max(peak, t.retainedBytes());
        }
      }
      // Everything kept before: 12 bytes an event, 12 MB. Now: a few open chunks, 1 bit an event (2 types).
      const bytes = t.retainedBytes();
      assert.ok(peak < 2_000_000, `peak ${peak} bytes`);
      assert.ok(bytes < 2_000_000, `at the end ${bytes} bytes`);
      assert.ok(t.released().chunks >= 55, `released ${JSON.stringify(t.released())}`);
    });
  }

  it("holds under a kilobyte a chunk when every event of the chunk looks the same", () => {
    const t = new EventTracker();
    for (let i = 0; i < 64 * CHUNK; i++) {
      const id = t.add(i, 0, 1, Awaits.Delivered | Awaits.Persisted);
      t.markDelivered(id);
      t.markPersisted(id);
      if (i % CHUNK === 0) t.overdue(i, expects);
    }
    t.overdue(64 * CHUNK, expects);
    assert.ok(t.retainedBytes() < 64 * 1024, `${t.retainedBytes()} bytes for ${64 * CHUNK} events`);
  });
});
