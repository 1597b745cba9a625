/**
 * The `recent` window logic, pure: the newest-N reply of a correct service passes for every moment it may have been
 * answered at, however many events were in flight; the team's whole-second ordering fails; windows busmark no longer
 * keeps are reported, not passed.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchRecent, type SentWindow } from "../../src/run/recent-window.ts";
import { createRng } from "../../src/load/rng.ts";

const q = (s: string) => JSON.stringify(s);

/** A window over `sent` (plain strings), keeping the newest `kept`. */
function windowOf(sent: readonly string[], lo: number, hi: number, kept = Infinity): SentWindow {
  const oldest = Math.max(0, hi - kept);
  return { lo, hi, oldest, at: (i) => (i >= oldest && i < hi ? q(sent[i]!) : undefined) };
}

/** What a correct service answers holding the first `k` sent: the newest min(limit, k), oldest first. */
function newest(sent: readonly string[], k: number, limit: number): string[] {
  return sent.slice(Math.max(0, k - limit), k).map(q);
}

describe("matchRecent", () => {
  const sent = ["one", "two", "three"];

  it("passes the newest 2 of three and fails the team's [two, one]", () => {
    assert.deepEqual(matchRecent(windowOf(sent, 3, 3), 2, [q("two"), q("three")]), { pass: true, k: 3 });
    assert.deepEqual(matchRecent(windowOf(sent, 3, 3), 2, [q("two"), q("one")]), {
      pass: false,
      expected: [q("two"), q("three")],
      unchecked: false,
    });
  });

  it("accepts any moment between the confirmed prefix and the reply, and nothing outside", () => {
    const five = ["a", "b", "c", "d", "e"];
    const w = windowOf(five, 2, 4);
    for (const k of [2, 3, 4]) assert.equal(matchRecent(w, 2, newest(five, k, 2)).pass, true, `k=${k}`);
    assert.equal(matchRecent(w, 2, [q("d"), q("e")]).pass, false, "e was sent after the reply");
    assert.equal(matchRecent(w, 2, [q("a")]).pass, false, "b was confirmed before the request");
    assert.equal(matchRecent(w, 3, [q("a"), q("b")]).pass, true, "a short list is the whole store of 2 (k = lo)");
    assert.equal(matchRecent(windowOf(["a", "b"], 0, 2), 5, []).pass, true, "nothing stored yet (k = 0)");
    assert.equal(matchRecent(windowOf(["a", "b"], 1, 2), 5, []).pass, false, "a was confirmed: not empty");
  });

  it("fails a list longer than the limit, a gap, a missing field and a wrong order", () => {
    const all = ["a", "b", "c", "d"];
    assert.equal(matchRecent(windowOf(all, 4, 4), 2, newest(all, 4, 3)).pass, false);
    assert.equal(matchRecent(windowOf(all, 4, 4), 3, [q("a"), q("c"), q("d")]).pass, false);
    assert.equal(matchRecent(windowOf(all, 4, 4), 2, [undefined, q("d")]).pass, false);
    assert.equal(matchRecent(windowOf(all, 4, 4), 2, [q("d"), q("c")]).pass, false);
  });

  it("says when candidate windows began before the oldest value kept", () => {
    const all = Array.from({ length: 100 }, (_, i) => `m${i}`);
    // 90 unconfirmed in flight, 20 kept: windows ending below 85 cannot be compared.
    const w = windowOf(all, 10, 100, 20);
    assert.equal(matchRecent(w, 5, newest(all, 95, 5)).pass, true);
    const old = matchRecent(w, 5, newest(all, 50, 5));
    assert.equal(old.pass, false);
    assert.equal(!old.pass && old.unchecked, true);
    assert.equal(!old.pass && old.expected.length, 5);
  });

  it("never fails a correct service answering while events are in flight (10 000 random runs)", () => {
    const rng = createRng(42);
    const int = (n: number) => Math.floor(rng() * n);
    let checked = 0;
    for (let run = 0; run < 10_000; run++) {
      const total = 1 + int(60);
      const all = Array.from({ length: total }, (_, i) => `r${run}.${i}`);
      // Times: the request is sent when `sentAtRequest` were sent; the service has committed `committed` of them (a
      // prefix, by one connection's order), busmark has seen `lo` <= committed confirmed; the service answers after
      // committing more (up to what was sent by then), and the reply arrives when `hi` were sent.
      const sentAtRequest = int(total + 1);
      const committed = int(sentAtRequest + 1);
      const lo = int(committed + 1);
      const hi = sentAtRequest + int(total - sentAtRequest + 1);
      const answeredAt = committed + int(hi - committed + 1);
      const limit = 1 + int(20);
      const reply = newest(all, answeredAt, limit);
      const outcome = matchRecent(windowOf(all, lo, hi), limit, reply);
      assert.equal(outcome.pass, true, JSON.stringify({ total, lo, hi, answeredAt, limit }));
      checked++;
    }
    assert.equal(checked, 10_000);
  });

  it("fails the whole-second ordering whenever the newest second holds more lines than the limit", () => {
    // Lines 0..9 in second 1, 10..29 in second 2: ORDER BY timestamp DESC LIMIT 5, reversed, gives 14..10.
    const all = Array.from({ length: 30 }, (_, i) => `l${i}`);
    const buggy = all.slice(10, 15).reverse().map(q);
    assert.equal(matchRecent(windowOf(all, 30, 30), 5, buggy).pass, false);
    assert.equal(matchRecent(windowOf(all, 0, 30), 5, buggy).pass, false, "whatever was in flight");
  });
});
