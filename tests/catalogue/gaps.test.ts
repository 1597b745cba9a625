/**
 * Every catalogue scenario gates duplicates and the latency it promises: `burst` fails against a service that
 * stores every event twice, and `burst`, `service-restart`, `memory-stability` and `cpu-overhead` fail against one
 * that holds every event 20 ms (`cpu-overhead`, an A/B experiment, on a round of its NATS side). Each runs the real
 * scenario file (quick variant) against the chaos fixture on a private server.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { onPath } from "../../src/cli/ab-rounds.ts";
import { loadScenarioFile } from "../../src/scenario/check.ts";
import { catalogueScenario, chaosService, checkOf, overallCounts, runOnPrivateNats } from "./support.ts";

const scenariosDir = fileURLToPath(new URL("../../scenarios/", import.meta.url));

describe("the catalogue's duplicate and latency gates", () => {
  it("every scenario with persisted events budgets duplicates and persistence latency", () => {
    for (const file of readdirSync(scenariosDir).filter((f) => f.endsWith(".yaml"))) {
      const s = loadScenarioFile(`${scenariosDir}${file}`, { env: {} });
      // The event types measured phases send (a warmup that only seeds data is not judged).
      const measured = s.phases.filter((p) => p.kind !== "warmup");
      const mixes = measured.flatMap((p) => (p.mix.length > 0 ? p.mix : s.mix));
      const sent = new Set(mixes.filter((m) => m.weight > 0).map((m) => m.event));
      if (!s.events.some((e) => e.persisted && sent.has(e.name))) continue;
      const metrics = new Set(s.thresholds.map((t) => t.metric));
      assert.ok(metrics.has("events.duplicated"), `${file} gates events.duplicated`);
      assert.ok(metrics.has("latency.persisted"), `${file} gates latency.persisted`);
    }
  });

  it("burst fails against a service that stores every event twice", async () => {
    const scenario = catalogueScenario("burst");
    const result = await runOnPrivateNats({
      ...scenario,
      service: chaosService(scenario.service.prefix, "--duplicate"),
    });
    assert.equal(result.status, "completed", result.invalidReasons.join("; "));
    const c = overallCounts(result);
    assert.ok(c.duplicated >= 1000, `every event of the burst stored twice: ${JSON.stringify(c)}`);
    assert.equal(checkOf(result, "events.duplicated", "== 0").pass, false);
    assert.equal(result.verdict, "fail");
  });

  // Each scenario's latency gate that a service holding every event 20 ms must fail.
  const slowGates: [string, string][] = [
    ["burst", "latency.persisted{phase: after}"],
    ["service-restart", "latency.persisted{phase: after}"],
    ["memory-stability", "latency.persisted"],
    // An A/B experiment: its thresholds hold on each side's rounds; here a round of its NATS side (B).
    ["cpu-overhead", "latency.persisted"],
  ];
  for (const [name, key] of slowGates) {
    it(`${name} fails against a service that holds every event 20 ms`, async () => {
      const loaded = catalogueScenario(name);
      const scenario = loaded.ab ? onPath(loaded, "nats") : loaded;
      const result = await runOnPrivateNats({
        ...scenario,
        service: chaosService(scenario.service.prefix, "--delay-ms 20"),
      });
      assert.equal(result.status, "completed", result.invalidReasons.join("; "));
      const check = checkOf(result, key, "p50 < 10ms");
      assert.equal(check.pass, false, `${key} p50: ${check.observed} µs`);
      assert.ok(check.observed !== null && check.observed >= 20_000, `${check.observed} µs`);
      assert.equal(result.verdict, "fail");
    });
  }
});
