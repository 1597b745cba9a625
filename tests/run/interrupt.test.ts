/**
 * An interrupted run reports what happened, not what was planned: a real open-loop run against a service that holds
 * every event for a second before storing it, interrupted through `RunOptions.signal` early in its first phase. The
 * offered rate is the schedule's arrivals due until the phase stopped over the time it ran (not the planned phase's
 * total), so achieved/offered stays near 100 %; the events still in flight are unsettled, none is lost (their grace
 * period never ran out); and the result validates against the report schema.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { combineResults } from "../../src/aggregate/combine.ts";
import { countsTable } from "../../src/report/markdown-load.ts";
import { renderJunit } from "../../src/report/junit.ts";
import { findCounts, findMetric } from "../../src/result/find.ts";
import { validateResult } from "../../src/result/validate.ts";
import { runScenario } from "../../src/run/runner.ts";
import { chaosService, LENIENT } from "../catalogue/support.ts";
import { chatEvent, phase, scenario, uniquePrefix } from "../support/scenario.ts";

const NATS = "nats://127.0.0.1:4222";
const RATE = 200;
const DELAY_MS = 1000;
const INTERRUPT_AFTER_MS = 1500;

describe("an interrupted open-loop run", () => {
  it("offers only what was due until it stopped, and counts events in flight as unsettled, not lost", async () => {
    const prefix = uniquePrefix();
    const controller = new AbortController();
    let interruptedAt = Number.NaN;
    const result = await runScenario({
      scenario: scenario({
        prefix,
        service: chaosService(prefix, `--delay-ms ${DELAY_MS}`),
        events: [chatEvent(prefix)],
        phases: [
          phase("steady", "steady", 10_000, { kind: "rate", from: RATE, to: RATE }),
          phase("later", "steady", 5_000, { kind: "rate", from: RATE, to: RATE }),
        ],
        graceMs: 5000,
      }),
      auth: {},
      env: {},
      natsUrl: NATS,
      health: LENIENT,
      signal: controller.signal,
      listener: (event) => {
        if (event.type === "phase-start" && event.phase === "steady") {
          setTimeout(() => {
            interruptedAt = performance.now();
            controller.abort();
          }, INTERRUPT_AFTER_MS);
        }
      },
    });
    assert.ok(Number.isFinite(interruptedAt), "the interrupt was sent");
    assert.equal(result.status, "interrupted");
    assert.deepEqual(validateResult(JSON.parse(JSON.stringify(result))), []);

    const steady = result.phases.find((p) => p.name === "steady");
    assert.ok(steady, "the phase is reported");
    const offered = findMetric(result, "throughput.offered", { phase: "steady" })?.value;
    const overallOffered = findMetric(result, "throughput.offered")?.value;
    const ratio = findMetric(result, "throughput.achieved.ratio", { phase: "steady" })?.value;
    const overallRatio = findMetric(result, "throughput.achieved.ratio")?.value;
    console.log(`offered ${offered?.toFixed(1)}/s (overall ${overallOffered?.toFixed(1)}/s), achieved ${ratio}%`);
    // Planned: 2000 arrivals in 10 s; over the ~1.5 s it ran that would read ~1333/s and an achieved ratio of ~15 %.
    assert.ok(offered !== undefined && Math.abs(offered - RATE) < RATE * 0.15, `offered ${offered}/s ≈ ${RATE}/s`);
    assert.ok(
      overallOffered !== undefined && Math.abs(overallOffered - RATE) < RATE * 0.15,
      "the later phase never ran",
    );
    assert.ok(ratio !== undefined && ratio > 90, `achieved/offered ${ratio} %`);
    assert.ok(overallRatio !== undefined && overallRatio > 90, `overall achieved/offered ${overallRatio} %`);
    assert.equal(findMetric(result, "throughput.offered", { phase: "later" }), undefined);

    const c = findCounts(result)!;
    console.log(`published ${c.published}, persisted ${c.persisted}, unsettled ${c.unsettled}, lost ${c.lost}`);
    assert.ok(c.published > RATE && c.published < RATE * 3, `sent ~1.5 s worth (${c.published})`);
    assert.equal(c.lost, 0, "no grace period ran out: nothing is lost");
    assert.ok(c.unsettled! >= RATE * 0.5, `~1 s of events were held by the service when it stopped (${c.unsettled})`);
    assert.equal(c.persisted + c.unsettled! + c.invalid, c.published, "every event sent is persisted or unsettled");
    assert.equal(findMetric(result, "events.lost.ratio")?.value, 0);

    // The reports show the unsettled count; repeats sum it.
    assert.match(countsTable(result), /\| lost \| unsettled \|/);
    assert.match(renderJunit([result]), new RegExp(`${c.unsettled} events still in flight, unsettled`));
    const twice = combineResults([result, { ...result, runId: `${result.runId}-b` }]);
    assert.equal(findCounts(twice)!.unsettled, 2 * c.unsettled!);
  });
});
