import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CHECK_LINE_UNITS,
  formatBytes,
  formatChange,
  formatInUnit,
  formatMicros,
  formatNumber,
  formatOffset,
  formatPercent,
  formatRate,
  formatRateShort,
  formatUs,
  SUMMARY_UNITS,
} from "../../src/format/units.ts";

const plain = (s: string) => s.replaceAll("\u00a0", " ");

describe("report formatting", () => {
  it("shows durations in the unit people read best", () => {
    assert.equal(plain(formatMicros(850)), "850 µs");
    assert.equal(plain(formatMicros(1234)), "1.23 ms");
    assert.equal(plain(formatMicros(45_600)), "45.6 ms");
    assert.equal(plain(formatMicros(4_500_000)), "4.5 s");
    assert.equal(plain(formatMicros(0.5)), "0.5 µs");
    assert.equal(formatMicros(Infinity), "Infinity");
    assert.equal(plain(formatOffset(2500)), "2.5 s");
  });

  it("shows rates, bytes, percentages and changes", () => {
    assert.equal(formatRate(1234.5), "1235/s");
    assert.equal(formatRate(12.345), "12.3/s");
    assert.equal(plain(formatBytes(512)), "512 B");
    assert.equal(plain(formatBytes(12_300)), "12.3 KB");
    assert.equal(plain(formatBytes(85_200_000)), "85.2 MB");
    assert.equal(plain(formatBytes(1_200_000_000)), "1.2 GB");
    assert.equal(plain(formatPercent(99.51)), "99.5 %");
    assert.equal(plain(formatChange(0.123)), "+12.3 %");
    assert.equal(plain(formatChange(-0.04)), "-4 %");
    assert.equal(plain(formatChange(0)), "0 %");
    assert.equal(formatChange(Infinity), "+∞");
    assert.equal(formatChange(-Infinity), "-∞");
    assert.equal(formatChange(Number.NaN), "n/a");
    assert.equal(formatNumber(-0.0001), "0");
    assert.equal(formatNumber(Number.NaN), "NaN");
  });

  it("formats a value in each canonical unit, and no data", () => {
    assert.equal(formatInUnit(null, "us"), "no data");
    assert.equal(plain(formatInUnit(2000, "us")), "2 ms");
    assert.equal(formatInUnit(100, "/s"), "100/s");
    assert.equal(plain(formatInUnit(5, "%")), "5 %");
    assert.equal(plain(formatInUnit(2e6, "B")), "2 MB");
    assert.equal(plain(formatInUnit(5e7, "B/h")), "50 MB/h");
    assert.equal(formatInUnit(7, ""), "7");
    assert.equal(formatInUnit(0.12345, ""), "0.12");
  });

  it("never wraps a figure: the unit space is non-breaking", () => {
    assert.ok(formatMicros(1234).includes("\u00a0"));
    assert.ok(!formatMicros(1234).includes(" "));
  });
});

describe("terminal formatting", () => {
  it("writes short durations and rates without a space", () => {
    assert.equal(formatUs(850.4), "850us");
    assert.equal(formatUs(2345), "2.35ms");
    assert.equal(formatUs(1_200_000), "1.20s");
    assert.equal(formatUs(Number.NaN), "-");
    assert.equal(formatRateShort(950.4), "950/s");
    assert.equal(formatRateShort(12_345), "12.3k/s");
  });

  it("formats a value in each canonical unit for the summary and for run --all's check lines", () => {
    assert.equal(formatInUnit(null, "us", SUMMARY_UNITS), "no data");
    assert.equal(formatInUnit(2345, "us", SUMMARY_UNITS), "2.35ms");
    assert.equal(formatInUnit(12_345, "/s", SUMMARY_UNITS), "12.3k/s");
    assert.equal(formatInUnit(37.2137, "%", SUMMARY_UNITS), "37.21%");
    assert.equal(formatInUnit(85_200_000, "B", SUMMARY_UNITS), "85.2MB");
    assert.equal(formatInUnit(1_254_000, "B/h", SUMMARY_UNITS), "1.25MB/h");
    assert.equal(formatInUnit(0.12345, "", SUMMARY_UNITS), "0.123");
    assert.equal(formatInUnit(12_345.678, "/s", CHECK_LINE_UNITS), "12345.68/s");
    assert.equal(formatInUnit(1_254_000, "B/h", CHECK_LINE_UNITS), "1.3MB/h");
    assert.equal(formatInUnit(0.12345, "", CHECK_LINE_UNITS), "0.12");
    assert.equal(formatInUnit(7, "", CHECK_LINE_UNITS), "7");
  });
});
