import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SimulatedClock } from "../../src/load/sim-clock.ts";

describe("SimulatedClock", () => {
  it("moves time only when waited on or advanced", async () => {
    const clock = new SimulatedClock({ startMs: 100, minWaitMs: 1, yieldMs: 0.01, lateness: (n) => (n === 1 ? 5 : 0) });
    assert.equal(clock.now(), 100);
    await clock.wait(0.2); // rounded up to the 1 ms granularity
    assert.equal(clock.now(), 101);
    await clock.wait(10); // 5 ms late
    assert.equal(clock.now(), 116);
    await clock.wait(0); // a yield
    assert.equal(clock.now(), 116.01);
    clock.advance(3.99);
    clock.advance(-50);
    assert.equal(clock.now(), 120);
    assert.equal(clock.waits, 3);
    const ctl = new AbortController();
    ctl.abort();
    await clock.wait(1000, ctl.signal);
    assert.equal(clock.now(), 120, "an aborted wait does not move time");
  });
});
