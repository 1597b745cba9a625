/**
 * The throughput/loss family can fail: sustained-throughput against a service that silently drops 10 % of the
 * events it receives fails `events.lost == 0` with about 10 % of the published events observed lost.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalogueScenario, chaosService, checkOf, overallCounts, runOnPrivateNats } from "./support.ts";

describe("sustained-throughput against a lossy service", () => {
  it("fails events.lost == 0 with the dropped share observed", async () => {
    const scenario = catalogueScenario("sustained-throughput", { warmup: 500, steady: 2000 });
    const result = await runOnPrivateNats({
      ...scenario,
      service: chaosService(scenario.service.prefix, "--drop 0.1"),
    });
    assert.equal(result.status, "completed", result.invalidReasons.join("; "));
    const c = overallCounts(result);
    assert.equal(c.published, 4000, "2 s at 2000/s");
    assert.equal(c.persisted + c.lost, c.published);
    // 10 % of 4000 is 400; three standard deviations of a binomial(4000, 0.1) are about 57.
    assert.ok(c.lost >= 320 && c.lost <= 480, `about 400 lost, got ${c.lost}`);
    const lost = checkOf(result, "events.lost", "== 0");
    assert.equal(lost.pass, false);
    assert.equal(lost.observed, c.lost);
    assert.equal(checkOf(result, "throughput.achieved.ratio", ">= 99%").pass, true, "busmark offered the load");
    assert.equal(result.verdict, "fail");
  });
});
