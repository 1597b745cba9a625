import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { base, check, problems, valid } from "./support.ts";

function thresholds(t: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return check(base({ thresholds: t, ...extra }));
}

describe("normalizeThresholds", () => {
  it("accepts the three value forms", () => {
    const s = valid(thresholds({
      "latency.persisted": "p95 < 10ms",
      "events.lost": ["== 0"],
      "throughput.achieved.ratio": { condition: ">= 99%", tolerance: "10%" },
    }));
    assert.deepEqual(s.thresholds.map((t) => [t.metric, t.conditions.length, t.abortOnFail, t.tolerance]), [
      ["latency.persisted", 1, false, undefined],
      ["events.lost", 1, false, undefined],
      ["throughput.achieved.ratio", 1, false, 0.1],
    ]);
  });

  it("checks selectors against events, phases and benches", () => {
    const extra = {
      events: {
        chat: { subject: "message.log", payload: { username: "a", message: "{{ id }} b" } },
        recent: { subject: "stats.recent_chat.get", request: true },
      },
      mix: { chat: 1 },
      phases: [
        { name: "w", kind: "warmup", duration: "1s", load: { rate: 1 } },
        { name: "s", kind: "steady", duration: "2s", load: { rate: 1 } },
      ],
      quick: { phases: { w: { skip: true } } },
    };
    assert.deepEqual(
      problems(thresholds({
        "latency.persisted{event: recent}": "p95 < 1s",
        "latency.request{event: chat}": "p95 < 1s",
        "latency.delivered{event: recent}": "p95 < 1s",
        "latency.persisted{phase: w}": "p95 < 1s",
        "micro.op{bench: b}": "p95 < 1s",
      }, extra)),
      [
        "invalid-selector: event `recent` is not persisted",
        "invalid-selector: event `chat` is not a request",
        "invalid-selector: event `recent` is a request",
        "invalid-selector: phase `w` is a warmup, which is excluded from statistics",
        "unavailable-metric: `micro.op` can never be measured here: there is no micro phase",
        "unknown-bench: unknown bench `b`",
      ],
    );
  });

  it("names a phase the quick variant skips", () => {
    const r = thresholds({ "latency.persisted{phase: a}": "p95 < 1s" }, {
      phases: [
        { name: "a", kind: "steady", duration: "1s", load: { rate: 1 } },
        { name: "b", kind: "steady", duration: "1s", load: { rate: 1 } },
      ],
      quick: { phases: { a: { skip: true } } },
    });
    assert.deepEqual(problems(r), ["invalid-selector: with --quick: phase `a` is skipped in the quick variant"]);
  });

  it("refuses metrics the scenario can never produce", () => {
    assert.deepEqual(
      problems(thresholds({
        "burst.drain": "< 1s",
        "recovery.time": "< 1s",
        "nats.reconnect": "< 1s",
        "throughput.delivered": ">= 1/s",
      }, { events: { r: { subject: "stats.recent_chat.get", request: true } } })),
      [
        "unavailable-metric: `burst.drain` can never be measured here: there is no `count` phase",
        "unavailable-metric: `recovery.time` can never be measured here: there is no fault to recover from",
        "unavailable-metric: `nats.reconnect` can never be measured here: there is no `restart-nats`",
        "unavailable-metric: `throughput.delivered` can never be measured here: every event type is a request",
      ],
    );
    assert.deepEqual(
      problems(thresholds({ "service.cpu": "avg < 50%" }, { service: { external: {} } })),
      [
        "unavailable-metric: `service.cpu` can never be measured here: busmark does not start the `external` " +
        "service, so it cannot measure its process",
      ],
    );
    assert.deepEqual(
      problems(thresholds({ "events.lost": "== 0" }, { service: { none: {} }, events: { e: { subject: "x" } } })),
      ["unavailable-metric: `events.lost` can never be measured here: no event type is persisted"],
    );
  });

  it("takes a NATS restart as a fault to recover from", () => {
    const s = valid(thresholds({ "recovery.time": "< 1s" }, { faults: [{ at: "1s", action: "restart-nats" }] }));
    assert.equal(s.thresholds[0]!.metric, "recovery.time");
  });

  it("refuses a NATS-vs-direct overhead without measured phases on both paths", () => {
    const nats = { name: "n", kind: "steady", duration: "1s", load: { rate: 10 } };
    const direct = { name: "d", kind: "steady", duration: "1s", load: { rate: 10 }, path: "direct" };
    const warmDirect = { ...direct, name: "w", kind: "warmup", duration: "500ms" };
    const reason = "it compares measured phases on the `nats` and the `direct` path, and there are not both";
    assert.deepEqual(problems(thresholds({ "overhead.cpu": "< 5%", "overhead.memory": "< 10%" })), [
      `unavailable-metric: \`overhead.cpu\` can never be measured here: ${reason}`,
      `unavailable-metric: \`overhead.memory\` can never be measured here: ${reason}`,
    ]);
    assert.deepEqual(problems(thresholds({ "overhead.cpu": "< 5%" }, { phases: [warmDirect, nats] })), [
      `unavailable-metric: \`overhead.cpu\` can never be measured here: ${reason}`,
    ]);
    const s = valid(thresholds({ "overhead.cpu": "< 5%" }, { phases: [nats, direct, { ...nats, name: "n2" }] }));
    assert.equal(s.thresholds[0]!.metric, "overhead.cpu");
  });

  it("refuses process and delivery metrics when no phase uses NATS", () => {
    const r = thresholds({
      "service.memory": "max < 1GB",
      "latency.delivered": "p95 < 1ms",
      "latency.persisted": "p95 < 1ms",
    }, {
      path: "direct",
    });
    assert.deepEqual(problems(r), [
      "unavailable-metric: `service.memory` can never be measured here: no phase runs on the `nats` path",
      "unavailable-metric: `latency.delivered` can never be measured here: no phase runs on the `nats` path",
    ]);
  });

  it("refuses persistence budgets a command or external service cannot confirm", () => {
    const command = (extra: Record<string, unknown>) => ({ command: { run: "svc", ready: { delay: "1s" }, ...extra } });
    const budgets = { "events.lost": "== 0", "latency.persisted": "p95 < 1s" };
    const cannot =
      "busmark cannot confirm this service's writes: declare `confirm:` on its events, give its `db` or declare `notices: true`";
    assert.deepEqual(problems(thresholds(budgets, { service: command({}) })), [
      `unavailable-metric: \`events.lost\` can never be measured here: ${cannot}`,
      `unavailable-metric: \`latency.persisted\` can never be measured here: ${cannot}`,
    ]);
    const withId = { events: { chat: { subject: "message.log", payload: { username: "a", message: "{{ id }} b" } } } };
    assert.deepEqual(problems(thresholds(budgets, { service: command({ db: "{db}" }), ...withId })), []);
    // Without `{{ id }}` in the text, busmark cannot find the event's row (it never rewrites a payload).
    const noId = "without `notices: true` only `message.log` rows carrying `{{ id }}` in their text are confirmed " +
      "(from `db`), and no event is one: declare `confirm:` on the events";
    assert.deepEqual(problems(thresholds(budgets, { service: command({ db: "{db}" }) })), [
      `unavailable-metric: \`events.lost\` can never be measured here: ${noId}`,
      `unavailable-metric: \`latency.persisted\` can never be measured here: ${noId}`,
    ]);
    assert.deepEqual(problems(thresholds(budgets, { service: command({ notices: true }) })), []);
    assert.deepEqual(problems(thresholds(budgets, { service: { external: { notices: true } } })), []);
    const media = {
      events: {
        chat: { subject: "message.log", payload: { username: "a", message: "{{ id }} b" } },
        media: { subject: "status.update", payload: { status_data: { current_media_title: "x" } } },
      },
      mix: { chat: 2, media: 1 },
    };
    assert.deepEqual(
      problems(thresholds({ "events.lost{event: media}": "== 0", "events.lost{event: chat}": "== 0" }, {
        ...media,
        service: command({ db: "{db}" }),
      })),
      [
        "invalid-selector: event `media` cannot be confirmed from the service's SQLite file (only `message.log` rows " +
        "whose text carries `{{ id }}` can); declare `confirm:` for it (notices, subject or sql)",
      ],
    );
    const onlyMedia = {
      events: { media: media.events.media },
      faults: [{ at: "1s", action: "kill", duration: "100ms" }],
    };
    assert.deepEqual(
      problems(thresholds({ "recovery.time": "< 1s" }, { ...onlyMedia, service: command({ db: "x" }) })),
      [
        "unavailable-metric: `recovery.time` can never be measured here: without `notices: true` only `message.log` " +
        "rows carrying `{{ id }}` in their text are confirmed (from `db`), and no event is one: declare `confirm:` on the events",
      ],
    );
  });

  it("reports key and condition problems at their character", () => {
    const r = thresholds({ "latency.persisted{event chat}": "p95 < 1s", "events.lost": ["== 0", "p(200) < 1"] });
    assert.deepEqual(problems(r), [
      "invalid-selector: a selector part must read `key: name`, got `event chat`",
      "unknown-stat: a percentile must be a number from 0 to 100, got `200`",
    ]);
  });
});
