/**
 * The resources family can fail: memory-stability against a service that leaks 20 MB/s (72 GB/h) fails its
 * memory-growth budget with a slope near the leak rate observed.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalogueScenario, chaosService, checksOf, runOnPrivateNats } from "./support.ts";

const LEAK_MB_PER_S = 20;

describe("memory-stability against a leaking service", () => {
  it("fails service.memory.growth with about the leak rate observed", async () => {
    const scenario = catalogueScenario("memory-stability", { warmup: 1000, steady: 6000 });
    const prefix = scenario.service.prefix;
    const result = await runOnPrivateNats({
      ...scenario,
      service: chaosService(prefix, `--leak-mb-per-s ${LEAK_MB_PER_S}`),
    });
    const [growth] = checksOf(result, "service.memory.growth");
    assert.equal(growth!.pass, false);
    const leak = LEAK_MB_PER_S * 1e6 * 3600; // bytes per hour
    const observed = growth!.observed ?? 0;
    // The service's own start-up and heap add up to about 2 MB/s over these seconds; the leak dominates them.
    assert.ok(
      observed > 0.75 * leak && observed < 1.35 * leak,
      `~${leak / 1e9} GB/h, got ${(observed / 1e9).toFixed(1)}`,
    );
    assert.ok((result.resources.service?.growth?.r2 ?? 0) > 0.8, "a leak fits a straight line");
    assert.equal(checksOf(result, "events.lost")[0]!.pass, true);
    assert.equal(result.verdict, "fail");
  });
});
