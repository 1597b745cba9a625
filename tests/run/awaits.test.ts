import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { awaitMasks } from "../../src/run/awaits.ts";
import type { Plan } from "../../src/run/plan.ts";
import { Awaits } from "../../src/run/tracker.ts";

const plan = (events: object[]) => ({ events }) as unknown as Pick<Plan, "events">;
const { Delivered, Persisted, Done, Unknown } = Awaits;

describe("awaitMasks", () => {
  it("makes a publish await its delivery, and its persistence when waited for", () => {
    const m = awaitMasks(
      plan([
        { subject: "a", persisted: true, confirm: { kind: "subject" } },
        { subject: "b", persisted: true, confirm: { kind: "none" } },
        { subject: "c", persisted: false, confirm: { kind: "none" } },
      ]),
      [true, false, false],
    );
    assert.deepEqual([...m.bus], [Delivered | Persisted, Delivered, Delivered]);
    assert.deepEqual([...m.direct], [Persisted, Persisted, Unknown]);
  });

  it("makes every persisted type await persistence when a notice source runs (it names all the service commits)", () => {
    const m = awaitMasks(
      plan([
        { subject: "a", persisted: true, confirm: { kind: "notices" } },
        { subject: "b", persisted: true, confirm: { kind: "none" } },
        { subject: "c", persisted: false, confirm: { kind: "none" } },
      ]),
      [true, false, false],
    );
    assert.deepEqual([...m.bus], [Delivered | Persisted, Delivered | Persisted, Delivered]);
  });

  it("makes a request await its reply, and its delivery when the probe listens on its subject", () => {
    const m = awaitMasks(
      plan([
        { subject: "a", persisted: false, requestTimeoutMs: 100, confirm: { kind: "request" } },
        { subject: "b", persisted: false, requestTimeoutMs: 100, confirm: { kind: "request" } },
        { subject: "b", persisted: false, confirm: { kind: "none" } },
      ]),
      [false, false, false],
    );
    assert.deepEqual([...m.bus], [Done, Done | Delivered, Delivered]);
    assert.deepEqual([...m.direct], [Done, Done, Unknown]);
  });

  it("tolerates a minimal plan (tests build ones without subjects or sources)", () => {
    assert.deepEqual([...awaitMasks(plan([{}, {}]), [true, false]).bus], [Delivered | Persisted, Delivered]);
  });
});
