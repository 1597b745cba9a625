import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dimensionName, unitDimension, unitKind, unitList, unitOptional, UNITS } from "../../src/thresholds/units.ts";

describe("units", () => {
  it("converts to canonical units", () => {
    assert.equal(UNITS.time.get("ms"), 1000);
    assert.equal(UNITS.rate.get("/min"), 1 / 60);
    assert.equal(UNITS.bytes.get("KB"), 1000);
    assert.equal(UNITS.bytes.get("KiB"), 1024);
    assert.equal(UNITS.bytesPerHour.get("MB/h"), 1e6);
    assert.equal(UNITS.bytesPerHour.get("KB/min"), 60_000);
    assert.equal(UNITS.percent.get("%"), 1);
    assert.equal(UNITS.count.size, 0);
  });

  it("names dimensions and finds a unit's dimension", () => {
    assert.equal(unitDimension("MiB"), "bytes");
    assert.equal(unitDimension("MiB/h"), "bytesPerHour");
    assert.equal(unitDimension("parsec"), undefined);
    assert.equal(unitOptional("rate"), true);
    assert.equal(unitOptional("time"), false);
    assert.equal(unitList("percent"), "%");
    for (const d of ["time", "rate", "count", "percent", "bytes", "bytesPerHour"] as const) {
      assert.ok(dimensionName(d).length > 0 && unitKind(d).length > 0);
    }
  });
});
