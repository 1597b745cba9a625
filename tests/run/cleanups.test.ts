import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Cleanups } from "../../src/run/cleanups.ts";
import { watchStop } from "../../src/run/stop-signal.ts";

describe("Cleanups", () => {
  it("runs cleanups in reverse order, one at a time, and swallows their failures", async () => {
    const log: string[] = [];
    const cleanups = new Cleanups();
    const { defer } = cleanups;
    defer(() => void log.push("first"));
    defer(() => {
      throw new Error("boom");
    });
    defer(async () => {
      await new Promise((r) => setTimeout(r, 5));
      log.push("third");
    });
    await cleanups.run();
    assert.deepEqual(log, ["third", "first"]);
    await cleanups.run();
    assert.deepEqual(log, ["third", "first"], "each cleanup runs once");
  });
});

describe("watchStop", () => {
  it("completes when nothing stops the run", () => {
    const stop = watchStop(undefined);
    assert.equal(stop.signal.aborted, false);
    assert.equal(stop.status(), "completed");
  });

  it("aborts without being interrupted", () => {
    const caller = new AbortController();
    const stop = watchStop(caller.signal);
    stop.abort();
    assert.equal(stop.signal.aborted, true);
    assert.equal(stop.interrupted(), false);
    assert.equal(stop.status(), "aborted");
  });

  it("is interrupted by the caller's signal, also one aborted already, until disposed", () => {
    const already = new AbortController();
    already.abort();
    assert.equal(watchStop(already.signal).status(), "interrupted");
    const caller = new AbortController();
    const stop = watchStop(caller.signal);
    stop.dispose();
    caller.abort();
    assert.equal(stop.interrupted(), false);
    assert.equal(stop.status(), "completed");
  });
});
