import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { checkScenarioText } from "../../src/scenario/check.ts";
import type { Scenario } from "../../src/scenario/types.ts";

const FIXTURE = new URL("../fixtures/scenarios/valid/full-featured.yaml", import.meta.url);

function load(): { full: Scenario; quick: Scenario } {
  const result = checkScenarioText(readFileSync(FIXTURE, "utf8"), "full-featured.yaml", { env: {} });
  assert.deepEqual(result.problems, []);
  assert.ok(result.variants);
  return result.variants;
}

describe("normalizeScenario (full-featured fixture)", () => {
  const { full, quick } = load();

  it("fills the top level", () => {
    assert.equal(full.name, "full-featured");
    assert.deepEqual(full.tags, ["fixture", "ci"]);
    assert.equal(full.seed, 7);
    assert.equal(full.graceMs, 3000);
    assert.equal(full.path, "nats");
    assert.equal(full.quick, false);
    assert.ok(full.file.endsWith("full-featured.yaml") && full.file.startsWith("/"));
    assert.deepEqual(full.target, { embedded: true }, "restart-nats implies a private server");
  });

  it("normalizes a command service", () => {
    assert.deepEqual(full.service, {
      kind: "command",
      prefix: "app.db",
      command: "python3 -m svc --nats-url {nats} --db-path {db}",
      db: "{db}",
      ready: { kind: "request", subject: "app.db._stats", timeoutMs: 3000 },
      env: { LOG_LEVEL: "debug", WORKERS: "4", VERBOSE: "true" },
    });
  });

  it("expands pools and resolves subjects", () => {
    assert.deepEqual(full.pools, [
      { name: "users", values: ["user1", "user2", "user3"] },
      { name: "rooms", values: ["lobby", "games"] },
    ]);
    const byName = new Map(full.events.map((e) => [e.name, e]));
    assert.equal(byName.get("chat")?.subject, "app.db.message.log");
    assert.equal(byName.get("chat")?.persisted, true);
    assert.equal(byName.get("audit")?.subject, "audit.events");
    assert.equal(byName.get("audit")?.persisted, false);
    assert.deepEqual(byName.get("recent")?.request, { timeoutMs: 2000 });
    assert.deepEqual(byName.get("ping")?.request, { timeoutMs: 5000 });
    assert.equal(byName.get("recent")?.persisted, false);
    assert.deepEqual(byName.get("chat")?.pos, { file: "full-featured.yaml", line: 19, column: 3 });
  });

  it("parses payload templates into expressions", () => {
    const chat = full.events.find((e) => e.name === "chat")!;
    assert.deepEqual(chat.payload, {
      kind: "object",
      fields: {
        username: { kind: "pool", pool: "users" },
        message: {
          kind: "concat",
          parts: [{ kind: "id" }, { kind: "literal", value: " " }, { kind: "text", min: 5, max: 10 }],
        },
        room: {
          kind: "concat",
          parts: [
            { kind: "literal", value: "#" },
            { kind: "pool", pool: "rooms" },
            { kind: "literal", value: "-" },
            { kind: "seq", start: 100 },
          ],
        },
        meta: {
          kind: "object",
          fields: {
            n: { kind: "int", min: 1, max: 6 },
            mood: { kind: "pick", values: ["happy", 2, true] },
            at: { kind: "now", unit: "ms" },
            const: { kind: "literal", value: [1, "a"] },
          },
        },
      },
    });
    assert.deepEqual(full.events.find((e) => e.name === "recent")!.payload, { kind: "literal", value: { limit: 50 } });
  });

  it("scales mixes to sum 1 and keeps a phase's own mix", () => {
    assert.deepEqual(full.mix, [
      { event: "chat", weight: 0.6 },
      { event: "audit", weight: 0.2 },
      { event: "recent", weight: 0.1 },
      { event: "ping", weight: 0.1 },
    ]);
    assert.deepEqual(full.phases.find((p) => p.name === "steady")!.mix, [{ event: "chat", weight: 1 }]);
    assert.deepEqual(full.phases.find((p) => p.name === "closed")!.mix, full.mix);
  });

  it("normalizes every load model, with start offsets", () => {
    assert.deepEqual(
      full.phases.map((p) => [p.name, p.kind, p.startMs, p.durationMs, p.load]),
      [
        ["warmup", "warmup", 0, 1000, { kind: "rate", from: 100, to: 100 }],
        ["ramp", "ramp", 1000, 2000, { kind: "rate", from: 10, to: 500 }],
        ["steady", "steady", 3000, 3000, { kind: "rate", from: 200, to: 200 }],
        ["closed", "steady", 6000, 1500, { kind: "concurrency", workers: 4, thinkTimeMs: 2 }],
        ["burst", "burst", 7500, 5000, { kind: "count", count: 500, concurrency: 8 }],
        ["micro", "micro", 12500, 2000, {
          kind: "micro",
          benches: [
            { name: "insert", op: "direct-insert", event: "chat" },
            { name: "ask", op: "request", event: "recent" },
          ],
        }],
        ["cooldown", "cooldown", 14500, 500, { kind: "idle" }],
      ],
    );
    assert.equal(full.durationMs, 15000);
  });

  it("sorts faults by time", () => {
    assert.deepEqual(full.faults.map((f) => [f.action, f.atMs, f.durationMs]), [
      ["kill", 2500, 1000],
      ["pause", 4000, 250],
      ["restart-nats", 8000, 1000],
      ["restart", 9000, 0],
    ]);
  });

  it("parses thresholds into canonical units", () => {
    const t = new Map(full.thresholds.map((x) => [x.key, x]));
    assert.equal(full.thresholds.length, 12);
    assert.deepEqual(t.get("latency.persisted")!.conditions.map((c) => [c.stat, c.op, c.value, c.unit]), [
      [{ kind: "avg" }, "<", 5000, "ms"],
      [{ kind: "percentile", p: 95 }, "<", 10000, "ms"],
    ]);
    const sel = t.get("latency.persisted{event: chat, phase: steady}")!;
    assert.deepEqual(sel.selector, { event: "chat", phase: "steady" });
    assert.deepEqual(sel.conditions[0]!.stat, { kind: "percentile", p: 99.9 });
    const req = t.get("latency.request{event:recent}")!;
    assert.equal(req.abortOnFail, true);
    assert.equal(req.tolerance, 0.15);
    assert.equal(req.conditions[1]!.value, 1_000_000);
    assert.deepEqual(req.pos, { file: "full-featured.yaml", line: 60, column: 3 });
    assert.deepEqual(req.conditions[0]!.pos, { file: "full-featured.yaml", line: 60, column: 48 });
    assert.equal(t.get("throughput.persisted")!.conditions[0]!.value, 100);
    assert.equal(t.get("service.memory.growth")!.conditions[0]!.value, 50e6);
    assert.equal(t.get("service.memory")!.conditions[0]!.value, 512 * 1024 * 1024);
    assert.equal(t.get("service.cpu")!.abortOnFail, false);
    assert.equal(t.get("service.cpu")!.conditions[0]!.value, 5);
    assert.deepEqual(t.get("micro.op{bench:insert}")!.conditions[0]!.stat, { kind: "percentile", p: 50 });
    assert.equal(t.get("events.lost")!.conditions[0]!.op, "==");
  });

  it("applies the quick overrides", () => {
    assert.equal(quick.quick, true);
    assert.deepEqual(
      quick.phases.map((p) => [p.name, p.startMs, p.durationMs]),
      [["warmup", 0, 1000], ["steady", 1000, 1000], ["closed", 2000, 1500], ["burst", 3500, 5000], [
        "micro",
        8500,
        2000,
      ], ["cooldown", 10500, 500]],
      "ramp is skipped",
    );
    assert.deepEqual(quick.phases.find((p) => p.name === "steady")!.load, { kind: "rate", from: 50, to: 50 });
    assert.deepEqual(quick.phases.find((p) => p.name === "burst")!.load, { kind: "count", count: 50, concurrency: 1 });
    assert.equal(quick.durationMs, 11000);
    assert.equal(quick.graceMs, 1000);
    assert.deepEqual(quick.faults.map((f) => [f.action, f.atMs]), [["kill", 2000], ["restart-nats", 4000]]);
    const lost = quick.thresholds.find((t) => t.key === "events.lost")!;
    assert.equal(lost.conditions[0]!.op, "<=");
    assert.equal(lost.pos.line, 80);
    assert.equal(quick.thresholds.length, full.thresholds.length);
  });
});
