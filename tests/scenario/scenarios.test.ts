/** Every scenario shipped in scenarios/ must validate, in both variants, and carry the editor's schema line. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, it } from "node:test";
import { checkScenarioText } from "../../src/scenario/check.ts";
import { PACKAGE_SCENARIOS_DIR, scenarioFiles } from "../../src/scenario/resolve.ts";

const files = scenarioFiles(PACKAGE_SCENARIOS_DIR);

/** Both variants of a catalogue scenario. */
function variants(name: string) {
  const file = `${PACKAGE_SCENARIOS_DIR}/${name}.yaml`;
  const result = checkScenarioText(readFileSync(file, "utf8"), file, { env: {} });
  assert.ok(result.variants, `${name} validates`);
  return result.variants;
}

const FAMILIES = ["latency", "throughput", "resources", "faults", "correctness"];

describe("scenarios/", () => {
  it("holds the catalogue", () => {
    assert.deepEqual(files.map((f) => basename(f, ".yaml")).sort(), [
      "burst",
      "concurrent-latency",
      "cpu-overhead",
      "direct-baseline",
      "memory-stability",
      "mixed-events",
      "nats-restart",
      "recent-chat-correctness",
      "request-reply-latency",
      "service-restart",
      "service-restart-jetstream",
      "single-event-latency",
      "soak",
      "sustained-throughput",
    ]);
  });

  for (const file of files) {
    const name = basename(file, ".yaml");
    it(`${name} is tagged, described, and quick in at most 15 s`, () => {
      const { full, quick } = variants(name);
      assert.ok(full.tags.some((t) => FAMILIES.includes(t)), `${name} belongs to a family`);
      assert.deepEqual(full.tags.filter((t) => ![...FAMILIES, "ci", "soak"].includes(t)), []);
      assert.equal(full.tags.includes("ci"), name !== "soak", "every scenario but the soak runs in CI");
      assert.ok(quick.durationMs + quick.graceMs <= 15_000, `quick: ${quick.durationMs} + ${quick.graceMs} ms`);
      assert.ok(full.description.split(/[.!?] /).length >= 3, "the description says what, how and why");
      assert.match(full.description, /[Bb]udget/, "the description explains the budgets");
    });
  }

  for (const file of files) {
    it(`${basename(file)} validates`, () => {
      const text = readFileSync(file, "utf8");
      assert.equal(text.split("\n")[0], "# yaml-language-server: $schema=../schemas/scenario.schema.json");
      const result = checkScenarioText(text, file, { env: {} });
      assert.deepEqual(result.problems, []);
      assert.ok(result.variants!.quick.durationMs <= result.variants!.full.durationMs);
      assert.ok(result.variants!.full.thresholds.length > 0, "a scenario without budgets gates nothing");
    });
  }

  it("sustained-throughput is what the issue asks for", () => {
    const text = readFileSync(`${PACKAGE_SCENARIOS_DIR}/sustained-throughput.yaml`, "utf8");
    const { full, quick } = checkScenarioText(text, "sustained-throughput.yaml", { env: {} }).variants!;
    assert.deepEqual(full.phases.map((p) => [p.kind, p.durationMs, p.load]), [
      ["warmup", 2000, { kind: "rate", from: 500, to: 500 }],
      ["steady", 10000, { kind: "rate", from: 2000, to: 2000 }],
    ]);
    assert.equal(full.service.kind, "reference");
    assert.deepEqual(full.events.map((e) => [e.subject, e.persisted]), [["rosey.db.message.log", true]]);
    assert.deepEqual(full.thresholds.map((t) => [t.metric, t.conditions.map((c) => c.text)]), [
      ["latency.persisted", ["avg < 5ms", "p95 < 10ms"]],
      ["events.lost", ["== 0"]],
      ["throughput.achieved.ratio", [">= 99%"]],
      ["events.duplicated", ["== 0"]],
    ]);
    assert.ok(quick.durationMs + quick.graceMs <= 15_000, "the quick variant takes at most 15 s");
  });

  it("single-event-latency is a closed loop of one", () => {
    const text = readFileSync(`${PACKAGE_SCENARIOS_DIR}/single-event-latency.yaml`, "utf8");
    const { full } = checkScenarioText(text, "single-event-latency.yaml", { env: {} }).variants!;
    for (const p of full.phases) assert.deepEqual(p.load, { kind: "concurrency", workers: 1, thinkTimeMs: 0 });
  });

  it("cpu-overhead is an A/B experiment of the direct path against NATS, with a budget on the CPU cost", () => {
    const { full, quick } = variants("cpu-overhead");
    assert.deepEqual(full.ab?.sides, { a: { path: "direct" }, b: { path: "nats" } });
    assert.deepEqual(
      [full.ab?.rounds, quick.ab?.rounds],
      [5, 3],
      "at least 3 rounds a side: the change has an interval",
    );
    assert.deepEqual(full.ab?.budgets.map((b) => [b.key, b.op, b.limitPercent]), [["cost.cpu", "<", 300]]);
    assert.ok(full.phases.every((p) => p.path === undefined), "no hand-coded blocks: the sides set the path");
    assert.equal(full.target.embedded, true);
    assert.ok(!full.thresholds.some((t) => t.metric === "overhead.cpu"));
    assert.ok(full.thresholds.some((t) => t.metric === "latency.persisted"), "each side's own latency gate");
  });

  it("mixed-events maps chat : media : user = 10 : 5 : 2 onto the contract's subjects", () => {
    const { full } = variants("mixed-events");
    const subject = new Map(full.events.map((e) => [e.name, e.subject]));
    const share = (subjects: string[]) =>
      full.mix.filter((m) => subjects.includes(subject.get(m.event)!)).reduce((s, m) => s + m.weight, 0);
    assert.ok(Math.abs(share(["rosey.db.message.log"]) - 10 / 17) < 1e-9);
    assert.ok(Math.abs(share(["rosey.db.status.update"]) - 5 / 17) < 1e-9);
    assert.ok(Math.abs(share(["rosey.db.user.joined", "rosey.db.user.left"]) - 2 / 17) < 1e-9);
    for (const e of full.events) {
      assert.ok(full.thresholds.some((t) => t.metric === "latency.persisted" && t.selector.event === e.name));
      assert.ok(full.thresholds.some((t) => t.metric === "events.lost" && t.selector.event === e.name));
    }
  });

  it("the fault scenarios kill the service or restart NATS, with and without JetStream", () => {
    const core = variants("service-restart").full;
    const js = variants("service-restart-jetstream").full;
    const nats = variants("nats-restart").full;
    assert.deepEqual(core.faults.map((f) => [f.action, f.durationMs]), [["kill", 1000]]);
    assert.deepEqual(js.faults.map((f) => [f.action, f.durationMs]), [["kill", 1000]]);
    assert.equal(core.service.kind === "reference" && core.service.jetstream, false);
    assert.equal(js.service.kind === "reference" && js.service.jetstream, true);
    assert.deepEqual(js.thresholds.find((t) => t.metric === "events.lost")?.conditions.map((c) => c.text), ["== 0"]);
    assert.deepEqual(nats.faults.map((f) => f.action), ["restart-nats"]);
    assert.equal(nats.target.embedded, true);
    for (const s of [core, nats]) {
      const lostOutside = s.thresholds.filter((t) => t.metric === "events.lost" && t.selector.phase !== "outage");
      assert.deepEqual(lostOutside.map((t) => t.selector.phase), ["before", "after"]);
    }
  });

  it("the memory scenarios run 60 s and an hour", () => {
    const steady = (name: string) => variants(name).full.phases.find((p) => p.name === "steady")!;
    assert.equal(steady("memory-stability").durationMs, 60_000);
    assert.equal(steady("soak").durationMs, 3_600_000);
    assert.deepEqual(
      variants("soak").full.thresholds.find((t) => t.metric === "service.memory.growth")?.conditions
        .map((c) => c.text),
      ["< 50MB/h"],
    );
  });

  it("burst, direct-baseline, concurrent-latency and request-reply-latency have the load their names say", () => {
    assert.deepEqual(variants("burst").full.phases.find((p) => p.kind === "burst")?.load, {
      kind: "count",
      count: 1000,
      concurrency: 1,
    });
    const direct = variants("direct-baseline").full;
    assert.equal(direct.path, "direct");
    assert.ok(
      direct.phases.some((p) => p.load.kind === "micro" && p.load.benches.some((b) => b.op === "direct-insert")),
    );
    const concurrent = variants("concurrent-latency").full;
    assert.deepEqual(concurrent.phases.map((p) => p.load.kind), ["concurrency", "concurrency", "rate"]);
    assert.equal(concurrent.events.length, 10);
    const requests = variants("request-reply-latency").full.events.filter((e) => e.request).map((e) => e.subject);
    assert.deepEqual(requests, ["rosey.db.stats.recent_chat.get", "rosey.db.messages.outbound.get"]);
  });
});
