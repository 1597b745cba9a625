import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RateLimitedLog } from "../../src/service/log.ts";

describe("RateLimitedLog", () => {
  it("writes at most one line per key per interval and reports what it held back", () => {
    let now = 0;
    const lines: string[] = [];
    const log = new RateLimitedLog((l) => lines.push(l), 1000, () => now);
    assert.equal(log.log("a", "first"), true);
    for (let i = 0; i < 50; i++) assert.equal(log.log("a", "again"), false);
    assert.equal(log.log("b", "other key"), true);
    now = 999;
    assert.equal(log.log("a", "still"), false);
    now = 1000;
    assert.equal(log.log("a", "later"), true);
    assert.deepEqual(lines, ["first", "other key", "later (51 more like it suppressed)"]);
  });
});
