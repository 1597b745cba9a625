import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DURATION_PATTERN, formatDuration, parseDuration } from "../../src/scenario/duration.ts";

describe("parseDuration", () => {
  const accepted: [string, number][] = [
    ["500us", 0.5],
    ["500µs", 0.5],
    ["250ms", 250],
    ["10s", 10_000],
    ["1.5s", 1500],
    [".5s", 500],
    ["2m", 120_000],
    ["1h", 3_600_000],
    ["0s", 0],
  ];
  for (const [text, ms] of accepted) {
    it(`reads ${text} as ${ms} ms`, () => assert.equal(parseDuration(text), ms));
  }
  for (const text of ["10", "10 seconds", "10 s", "s", "-1s", "1d", "1.s", "", "1e3ms"]) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.equal(parseDuration(text), undefined);
      assert.equal(new RegExp(DURATION_PATTERN, "u").test(text), false, "the schema pattern agrees");
    });
  }
});

describe("formatDuration", () => {
  const cases: [number, string][] = [
    [0.5, "0.5ms"],
    [250, "250ms"],
    [1000, "1s"],
    [3500, "3.5s"],
    [60_000, "1m"],
    [90_000, "1m30s"],
    [3_600_000, "1h"],
    [3_661_000, "1h1m1s"],
  ];
  for (const [ms, text] of cases) it(`formats ${ms} as ${text}`, () => assert.equal(formatDuration(ms), text));
});
