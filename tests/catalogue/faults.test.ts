/**
 * The faults family can fail: service-restart against a service that looks ready at once after a restart but
 * only resumes persisting 3 s later fails its recovery budget with at least that delay observed.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalogueScenario, chaosService, checkOf, runOnPrivateNats } from "./support.ts";

const SLOW_START_MS = 3000;
const READY_DELAY_MS = 200;

describe("service-restart against a service slow to come back", () => {
  it("fails recovery.time < 1s with the slow start observed", async () => {
    const scenario = catalogueScenario("service-restart");
    const prefix = scenario.service.prefix;
    // A fixed readiness delay: busmark believes the service is back long before it persists again.
    const service = chaosService(prefix, `--slow-start-ms ${SLOW_START_MS}`, { kind: "delay", ms: READY_DELAY_MS });
    // A longer grace leaves room to see the recovery even when the machine is slow to start the service.
    const result = await runOnPrivateNats({ ...scenario, service, graceMs: 5000 });
    assert.equal(result.faults.length, 1);
    const fault = result.faults[0]!;
    assert.equal(fault.action, "kill");
    const floor = SLOW_START_MS - READY_DELAY_MS;
    assert.ok(fault.recoveryMs !== undefined && fault.recoveryMs >= floor, `recovered after ${fault.recoveryMs} ms`);
    const recovery = checkOf(result, "recovery.time", "< 1s");
    assert.equal(recovery.pass, false);
    assert.ok(recovery.observed !== null && recovery.observed >= floor * 1000, `observed ${recovery.observed} µs`);
    assert.equal(recovery.observed, fault.recoveryMs * 1000);
    assert.equal(result.verdict, "fail");
  });
});
