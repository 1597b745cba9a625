/**
 * The latency family can fail: single-event-latency against a service that holds every event 20 ms before
 * persisting it fails its publish→persisted budgets with the delay observed, while the bus itself (publish→
 * delivered, measured by busmark's own subscriber) stays within budget.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalogueScenario, chaosService, checkOf, overallCounts, runOnPrivateNats } from "./support.ts";

const DELAY_MS = 20;

describe("single-event-latency against a slow service", () => {
  it("fails avg < 5ms and p95 < 10ms with at least the added delay observed", async () => {
    const scenario = catalogueScenario("single-event-latency", { steady: 2000 });
    const prefix = scenario.service.prefix;
    const result = await runOnPrivateNats({ ...scenario, service: chaosService(prefix, `--delay-ms ${DELAY_MS}`) });
    assert.equal(result.status, "completed", result.invalidReasons.join("; "));
    for (const condition of ["avg < 5ms", "p95 < 10ms"]) {
      const check = checkOf(result, "latency.persisted", condition);
      assert.equal(check.pass, false, `${condition} fails`);
      assert.ok(check.observed !== null && check.observed >= DELAY_MS * 1000, `${condition}: ${check.observed} µs`);
    }
    // The delay is the service's, not the bus's: delivery to busmark's own subscriber is unaffected.
    assert.equal(checkOf(result, "latency.delivered", "p95 < 10ms").pass, true);
    assert.equal(checkOf(result, "events.lost", "== 0").pass, true);
    const c = overallCounts(result);
    assert.ok(c.published > 10 && c.persisted === c.published, JSON.stringify(c));
    assert.equal(result.verdict, "fail");
  });
});
