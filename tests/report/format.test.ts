import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatBytes,
  formatChange,
  formatInUnit,
  formatMicros,
  formatNumber,
  formatOffset,
  formatPercent,
  formatRate,
} from "../../src/report/format.ts";
import { code, escapeMd, mdTable } from "../../src/report/table.ts";

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

describe("Markdown tables", () => {
  it("aligns figures right and escapes cells", () => {
    const t = mdTable(["a", "b"], [["x", "1"]]);
    assert.equal(t, "| a | b |\n| :--- | ---: |\n| x | 1 |");
    assert.equal(mdTable(["a"], [], ["center"]).split("\n")[1], "| :---: |");
    assert.equal(escapeMd("a|b*c_d`e[f]<g>\\"), "a\\|b\\*c\\_d\\`e\\[f\\]&lt;g&gt;\\\\");
    assert.equal(escapeMd("two\nlines"), "two lines");
    assert.equal(code("a|b"), "`a\\|b`");
    assert.equal(code("x`y"), "`` x`y ``");
  });
});
