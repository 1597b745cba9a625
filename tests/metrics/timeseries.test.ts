import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SecondSeries, SERIES_LIVE_SECONDS } from "../../src/metrics/timeseries.ts";

describe("SecondSeries", () => {
  it("is empty at first", () => {
    const s = new SecondSeries();
    assert.deepEqual(s.rows(), []);
    assert.equal(s.length, 0);
  });

  it("counts per second of the run, from t = 0", () => {
    const s = new SecondSeries();
    s.count("offered", 0);
    s.count("offered", 999.9);
    s.count("offered", 1000);
    s.count("sent", 1500, 5);
    s.count("delivered", 2999);
    s.count("persisted", 2000, 2);
    s.count("errors", 3100);
    s.count("offered", -20); // before the start counts in second 0
    const rows = s.rows();
    assert.equal(rows.length, 4);
    assert.deepEqual(rows.map((r) => r.t), [0, 1, 2, 3]);
    assert.deepEqual(rows.map((r) => r.offered), [3, 1, 0, 0]);
    assert.deepEqual(rows.map((r) => r.sent), [0, 5, 0, 0]);
    assert.deepEqual(rows.map((r) => r.delivered), [0, 0, 1, 0]);
    assert.deepEqual(rows.map((r) => r.persisted), [0, 0, 2, 0]);
    assert.deepEqual(rows.map((r) => r.errors), [0, 0, 0, 1]);
    assert.equal(s.total("offered"), 4);
    assert.equal(s.total("sent"), 5);
  });

  it("counts replies of requests apart, only in series that had any", () => {
    const s = new SecondSeries();
    s.count("persisted", 100);
    s.count("sent", 1200);
    assert.ok(s.rows().every((r) => !("replied" in r)), "no replied field without requests");
    s.count("replied", 500, 3);
    assert.deepEqual(s.rows().map((r) => [r.persisted, r.replied]), [[1, 3], [0, 0]]);
  });

  it("gives the last row the span the run covered of it, once closed", () => {
    const s = new SecondSeries();
    s.count("sent", 500);
    s.count("sent", 2100, 30);
    assert.equal(s.rows().at(-1)!.span, undefined, "no span before the run is closed");
    s.close(2300);
    const rows = s.rows();
    assert.deepEqual(rows.map((r) => r.span), [undefined, undefined, 0.3]);
    s.close(3000);
    assert.equal(s.rows().at(-1)!.span, undefined, "a run ending on the second covers it whole");
    const late = new SecondSeries();
    late.count("persisted", 3200);
    late.close(2500);
    assert.equal(late.rows().at(-1)!.span, undefined, "data after the end leaves its row whole");
  });

  it("keeps latency percentiles per second", () => {
    const s = new SecondSeries();
    for (let i = 1; i <= 100; i++) s.latency(500, i * 10); // second 0: 10..1000 µs
    s.latency(1200, 1700); // second 1: one value
    const rows = s.rows();
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.p50, 500);
    assert.equal(rows[0]!.p99, 990);
    assert.equal(rows[0]!.max, 1000);
    assert.equal(rows[1]!.p50, 1700);
    assert.equal(rows[1]!.max, 1700);
    assert.equal(rows[1]!.offered, 0);
  });

  it("folds old seconds into their figures and keeps memory bounded on long runs", () => {
    const s = new SecondSeries();
    const seconds = 200;
    const base = (t: number) => ((t * 7) % 19 + 1) * 100; // distinct neighbours, all < 2048 µs (exact)
    for (let t = 0; t < seconds; t++) {
      for (let i = 1; i <= 10; i++) s.latency(t * 1000 + i, base(t) + i);
      s.count("persisted", t * 1000, 10);
      assert.ok(s.liveHistograms <= SERIES_LIVE_SECONDS, `${s.liveHistograms} live histograms at second ${t}`);
    }
    const rows = s.rows();
    assert.equal(rows.length, seconds);
    for (const r of rows) {
      assert.equal(r.persisted, 10);
      assert.equal(r.max, base(r.t) + 10, `max of second ${r.t}`);
      assert.equal(r.p50, base(r.t) + 5, `p50 of second ${r.t}`);
    }
    assert.equal(s.lateLatencies, 0);
  });

  it("counts, but does not plot, latencies arriving for a second already folded", () => {
    const s = new SecondSeries();
    s.latency(0, 100);
    s.latency((SERIES_LIVE_SECONDS + 2) * 1000, 200);
    s.latency(10, 5000); // second 0 has been folded
    s.latency(1000, 5000); // second 1 never had a histogram and is out of the window
    assert.equal(s.lateLatencies, 2);
    assert.equal(s.row(0).max, 100);
    assert.equal(s.row(1).max, 0);
    // A latency within the live window is still taken.
    s.latency((SERIES_LIVE_SECONDS - 1) * 1000 + 5, 300);
    assert.equal(s.row(SERIES_LIVE_SECONDS - 1).max, 300);
    assert.equal(s.lateLatencies, 2);
  });

  it("rows reflect later records (live progress can read them repeatedly)", () => {
    const s = new SecondSeries();
    s.latency(100, 50);
    assert.equal(s.rows()[0]!.max, 50);
    s.latency(200, 80);
    assert.equal(s.rows()[0]!.max, 80);
  });
});
