import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { base, check, problems, valid } from "./support.ts";

const users = { users: { prefix: "u", size: 2 } };

describe("normalizeEvents", () => {
  it("defaults persistence from the contract and the service", () => {
    const s = valid(check(base({
      pools: users,
      events: {
        joined: { subject: "user.joined", payload: { username: "{{ pool users }}" } },
        recent: { subject: "stats.recent_chat.get", request: true },
        off: { subject: "message.log", persist: false, payload: { junk: 1 } },
        other: { subject: { absolute: "x.y" } },
      },
      mix: { joined: 1, recent: 1, off: 1, other: 1 },
    })));
    assert.deepEqual(s.events.map((e) => [e.name, e.persisted]), [
      ["joined", true],
      ["recent", false],
      ["off", false],
      ["other", false],
    ]);
    assert.deepEqual(s.pools, [{ name: "users", values: ["u1", "u2"] }]);
  });

  it("rejects persisting requests, or persisting with no service", () => {
    const r = check(base({
      events: { recent: { subject: "stats.recent_chat.get", request: { timeout: "1s" }, persist: true } },
    }));
    assert.deepEqual(problems(r), ["invalid-event: a request is not persisted; drop `persist: true`"]);
    const n = check(base({ service: { none: {} }, events: { e: { subject: "a", persist: true } } }));
    assert.deepEqual(problems(n), ["invalid-event: with `service: { none: {} }` nothing is persisted"]);
  });

  it("knows which subjects the reference service answers", () => {
    assert.deepEqual(problems(check(base({ events: { e: { subject: "message.log", request: true } } }))), [
      "invalid-event: `message.log` is an event subject the service never replies to; drop `request`",
    ]);
  });

  it("caps request timeouts", () => {
    assert.deepEqual(
      problems(check(base({ events: { e: { subject: "stats.recent_chat.get", request: { timeout: "2m" } } } }))),
      ["out-of-range: a request timeout must be at most 60s (the cap), got `2m`"],
    );
  });

  it("checks the payload of contract events only when they are persisted", () => {
    const missing = check(base({ events: { j: { subject: "user.left" } } }));
    assert.deepEqual(problems(missing), [
      "invalid-payload: the payload lacks `username`, so the service would count every event invalid " +
      "(set `persist: false` to send invalid events on purpose)",
    ]);
    assert.equal(missing.problems[0]!.path, "/events/j");
    valid(check(base({ events: { j: { subject: "user.left", persist: false } } })));
  });

  it("reports every template problem at its position", () => {
    const r = check(
      base({
        events: { chat: { subject: "message.log", payload: { username: "{{ pool nope }}", message: "{{ bogus }}" } } },
      }),
    );
    assert.deepEqual(problems(r), [
      "unknown-pool: unknown pool `nope`",
      "invalid-template: unknown template function `bogus`; use pool NAME, seq [START], int MIN MAX, text MIN MAX, " +
      "pick A B ..., now [s|ms], id",
    ]);
  });

  it("rejects a mix without its events and requires one for several events", () => {
    const events = {
      chat: { subject: "message.log", payload: { username: "a", message: "b" } },
      left: { subject: "user.left", payload: { username: "a" } },
    };
    assert.deepEqual(problems(check(base({ events }))).map((p) => p.split(":")[0]), ["mix-required"]);
    const phaseMix = base({
      events,
      phases: [{ name: "s", kind: "steady", duration: "1s", load: { rate: 10 }, mix: { left: 1 } }],
    });
    const s = valid(check(phaseMix));
    assert.deepEqual(s.phases[0]!.mix, [{ event: "left", weight: 1 }]);
    assert.deepEqual(s.mix, [{ event: "chat", weight: 0.5 }, { event: "left", weight: 0.5 }]);
    assert.deepEqual(problems(check(base({ events, mix: { chat: 1, lefft: 1 } }))), [
      "unknown-event: unknown event `lefft` — did you mean `left`?",
    ]);
  });
});
