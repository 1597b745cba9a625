/** Every scenario shipped in scenarios/ must validate, in both variants, and carry the editor's schema line. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, it } from "node:test";
import { checkScenarioText } from "../../src/scenario/check.ts";
import { PACKAGE_SCENARIOS_DIR, scenarioFiles } from "../../src/scenario/resolve.ts";

const files = scenarioFiles(PACKAGE_SCENARIOS_DIR);

describe("scenarios/", () => {
  it("holds the real scenarios", () => {
    const names = files.map((f) => basename(f));
    assert.ok(names.includes("sustained-throughput.yaml"));
    assert.ok(names.includes("single-event-latency.yaml"));
  });

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
    ]);
    assert.ok(quick.durationMs + quick.graceMs <= 15_000, "the quick variant takes at most 15 s");
  });

  it("single-event-latency is a closed loop of one", () => {
    const text = readFileSync(`${PACKAGE_SCENARIOS_DIR}/single-event-latency.yaml`, "utf8");
    const { full } = checkScenarioText(text, "single-event-latency.yaml", { env: {} }).variants!;
    for (const p of full.phases) assert.deepEqual(p.load, { kind: "concurrency", workers: 1, thinkTimeMs: 0 });
  });
});
