import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventTracker } from "../../src/run/tracker.ts";

describe("EventTracker.overdue", () => {
  it("counts events still unconfirmed when the cutoff passes them, and takes a late confirmation off", () => {
    const t = new EventTracker();
    const ids = [0, 100, 200, 300, 400].map((ms, i) => t.add(ms, i === 4 ? 1 : 0, 0));
    t.markPersisted(ids[0]!);
    t.markInvalid(ids[1]!);
    const persists = (e: number) => e === 0;
    assert.equal(t.overdue(0, persists), 0, "nothing is before the cutoff");
    assert.equal(t.overdue(250, persists), 1, "event 2 is overdue; 0 was persisted and 1 rejected");
    t.markDelivered(ids[2]!);
    assert.equal(t.overdue(250, persists), 1, "a delivery is not a confirmation");
    t.markPersisted(ids[2]!);
    assert.equal(t.overdue(250, persists), 0, "a late confirmation takes it off");
    t.markPersisted(ids[2]!);
    assert.equal(t.overdue(1000, persists), 1, "a duplicate changes nothing; event 3 is overdue, 4 is not expected");
  });
});
