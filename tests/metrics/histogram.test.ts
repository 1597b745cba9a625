import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as hdr from "hdr-histogram-js";
import { emptySummary, Histogram, HISTOGRAM_MAX_US, HistogramDecodeError } from "../../src/metrics/histogram.ts";

/** Encoded on Node (zlib) from 1, 2, 3, 100, 1000, 10000, 123456 and 3 × 500. */
const NODE_FIXTURE = "HISTFAAAADN4nJNpmSzMwMAAwowMDAzMDBAAYjNcm7yEAc5nYmLaz8g0l43tKTvTR2Om01ZMALFqB/k=";
/** The same histogram encoded on Deno (pako). */
const DENO_FIXTURE = "HISTFAAAADV4nJNpmSzMwMAAwowMDAzMDBAAYjNcm7wEymVgZGBiYtrPyDSXje0pO9NHY6bTVkwAsWoH+Q==";

function filled(values: number[]): Histogram {
  const h = new Histogram();
  for (const v of values) h.record(v);
  return h;
}

function within(actual: number, expected: number, relative = 0.001): void {
  assert.ok(Math.abs(actual - expected) <= expected * relative, `${actual} not within ${relative} of ${expected}`);
}

describe("Histogram", () => {
  it("is all zeros when empty", () => {
    const h = new Histogram();
    assert.equal(h.count, 0);
    assert.deepEqual(h.summary(), emptySummary());
    assert.equal(h.percentile(99), 0);
    assert.equal(h.max, 0);
    assert.equal(h.min, 0);
    assert.equal(Histogram.decode(h.encode()).count, 0);
  });

  it("records values and summarizes them exactly below 2048 µs", () => {
    const h = filled(Array.from({ length: 1000 }, (_, i) => i + 1));
    const s = h.summary();
    assert.equal(s.count, 1000);
    assert.equal(s.min, 1);
    assert.equal(s.max, 1000);
    assert.equal(s.avg, 500.5);
    within(s.stddev, 288.675);
    assert.equal(s.p50, 500);
    assert.equal(s.p90, 900);
    assert.equal(s.p95, 950);
    assert.equal(s.p99, 990);
    assert.equal(s.p999, 999);
    assert.equal(h.percentile(100), 1000);
    assert.equal(h.percentile(0), 1);
  });

  it("keeps 3 significant digits over the whole range", () => {
    for (const v of [2049, 12_345, 987_654, 12_345_678, 3_000_000_000]) {
      const h = filled([v]);
      within(h.percentile(50), v);
      within(h.summary().avg, v);
    }
  });

  it("clamps values below 1 µs and above one hour, and rounds fractions", () => {
    const h = filled([0, -5, Number.NaN, 0.4, 2.6, 1e13, Number.POSITIVE_INFINITY]);
    assert.equal(h.count, 7, "every value is counted");
    assert.equal(h.min, 1);
    within(h.max, HISTOGRAM_MAX_US);
    assert.equal(filled([2.6]).min, 3);
  });

  it("records a value many times at once", () => {
    const h = new Histogram();
    h.recordMany(250, 4);
    h.recordMany(250, 0);
    assert.equal(h.count, 4);
    assert.equal(h.summary().avg, 250);
  });

  it("merges exactly: the merge of parts equals the histogram of the whole", () => {
    const values = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 100_000) + 1);
    const whole = filled(values);
    const a = filled(values.slice(0, 1234));
    const b = filled(values.slice(1234));
    const merged = new Histogram();
    merged.merge(a);
    merged.merge(new Histogram());
    merged.merge(b);
    assert.equal(merged.count, 5000);
    assert.deepEqual(merged.summary(), whole.summary());
    for (const p of [1, 25, 50, 75.5, 99, 99.99]) assert.equal(merged.percentile(p), whole.percentile(p));
    // An unequal split must not compare equal (the check can fail).
    assert.notDeepEqual(a.summary(), whole.summary());
  });

  it("round-trips through the compressed base64 encoding", () => {
    const h = filled([1, 2, 3, 100, 1000, 10000, 123456]);
    h.recordMany(500, 3);
    const encoded = h.encode();
    assert.match(encoded, /^HIST[A-Za-z0-9+/]+=*$/);
    const back = Histogram.decode(encoded);
    assert.deepEqual(back.summary(), h.summary());
    // Decoded histograms keep merging exactly.
    back.merge(Histogram.decode(encoded));
    assert.equal(back.count, 20);
    assert.equal(back.percentile(50), h.percentile(50));
  });

  it("decodes histograms encoded on either runtime", () => {
    const expected = filled([1, 2, 3, 100, 1000, 10000, 123456]);
    expected.recordMany(500, 3);
    for (const fixture of [NODE_FIXTURE, DENO_FIXTURE]) {
      assert.deepEqual(Histogram.decode(fixture).summary(), expected.summary());
    }
  });

  it("rejects malformed encodings with a HistogramDecodeError", () => {
    assert.throws(() => Histogram.decode("not a histogram"), (e: unknown) => {
      assert.ok(e instanceof HistogramDecodeError);
      assert.match(e.message, /^Cannot decode histogram: /);
      return true;
    });
  });

  it("decodes histograms of another range or precision into its own", () => {
    const foreign = hdr.build({ highestTrackableValue: 1_000_000, numberOfSignificantValueDigits: 2 });
    for (let v = 100; v <= 100_000; v += 100) foreign.recordValue(v);
    const h = Histogram.decode(hdr.encodeIntoCompressedBase64(foreign));
    assert.equal(h.count, 1000);
    within(h.percentile(50), 50_000, 0.01);
    h.record(2_000_000_000); // its own range, not the foreign one
    within(h.max, 2_000_000_000);
  });

  it("refuses encoded histograms with values beyond one hour", () => {
    const big = hdr.build({ highestTrackableValue: 10 * HISTOGRAM_MAX_US });
    big.recordValue(5 * HISTOGRAM_MAX_US);
    assert.throws(() => Histogram.decode(hdr.encodeIntoCompressedBase64(big)), HistogramDecodeError);
  });

  it("resets to empty", () => {
    const h = filled([5, 6, 7]);
    h.reset();
    assert.equal(h.count, 0);
    assert.deepEqual(h.summary(), emptySummary());
    h.record(9);
    assert.equal(h.summary().max, 9);
  });
});

describe("Histogram.countAbove", () => {
  it("counts the values beyond a value's bucket", () => {
    const h = new Histogram();
    for (const v of [1, 2, 3, 100, 1000, 10000]) h.record(v);
    assert.equal(h.countAbove(3), 3);
    assert.equal(h.countAbove(100), 2);
    assert.equal(h.countAbove(10000), 0);
    assert.equal(h.countAbove(h.percentile(50)), 3);
    assert.equal(new Histogram().countAbove(5), 0);
  });
});
