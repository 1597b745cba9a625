import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AbGateError, analyzeAb, gatedKeys, renderAbText } from "../../src/compare/ab.ts";
import { syntheticSide } from "../support/results.ts";

describe("analyzeAb", () => {
  it("gates on p50 and p99 of the headline latency, at α shared between them", () => {
    const a = syntheticSide({ runs: 5, seed: 1 });
    assert.deepEqual(gatedKeys(a), ["latency.persisted p50", "latency.persisted p99"]);
    const x = analyzeAb("s", a, syntheticSide({ runs: 5, seed: 2, shift: 1.5 }));
    assert.equal(x.verdict, "regression");
    assert.equal(x.gatedAlpha, 0.025);
    assert.ok(x.rows.filter((r) => r.gated).every((r) => r.row.verdict === "regression"));
    assert.match(renderAbText(x), /^verdict: REGRESSION: latency\.persisted p50, latency\.persisted p99 got worse/m);
  });

  it("finds no regression between two samples of the same build, and gives the A/A spread", () => {
    const x = analyzeAb("s", syntheticSide({ runs: 6, seed: 3 }), syntheticSide({ runs: 6, seed: 4 }));
    assert.notEqual(x.verdict, "regression");
    assert.ok(x.resolvable !== undefined && x.resolvable >= 0 && x.resolvable < 0.2, String(x.resolvable));
    assert.ok(x.rows.every((r) => r.aa !== undefined), "every row has its A/A spread");
    assert.match(renderAbText(x), /^A\/A check: A's first rounds against its last moved the gated metrics by up to/m);
  });

  it("is inconclusive, never a regression, with too few rounds to test", () => {
    const x = analyzeAb("s", syntheticSide({ runs: 2, seed: 5 }), syntheticSide({ runs: 2, seed: 6, shift: 1.5 }));
    assert.equal(x.verdict, "inconclusive");
    assert.match(x.reason, /2 and 2 rounds are too few for the significance test/);
  });

  it("gates on the quantities --metric names instead, e.g. the CPU cost of path:nats against path:direct", () => {
    // B costs 3x A's CPU per 1000 events while its latency is unchanged: only a CPU gate sees it.
    const withCost = (runs: ReturnType<typeof syntheticSide>, cpuS: number) =>
      runs.map((r, i) => ({ ...r, metrics: [...r.metrics, { metric: "cost.cpu", value: cpuS * (1 + 0.01 * i) }] }));
    const a = withCost(syntheticSide({ runs: 5, seed: 7 }), 0.25);
    const b = withCost(syntheticSide({ runs: 5, seed: 8 }), 0.75);
    const headline = analyzeAb("s", a, b);
    assert.notEqual(headline.verdict, "regression", "the latency gate does not see a CPU change");
    const x = analyzeAb("s", a, b, { gate: ["cost.cpu"] });
    assert.equal(x.verdict, "regression");
    assert.deepEqual(x.rows.filter((r) => r.gated).map((r) => r.row.quantity.key), ["cost.cpu"]);
    assert.equal(x.gatedAlpha, 0.05, "one gated quantity keeps the whole α");
    assert.match(renderAbText(x), /^verdict: REGRESSION: cost\.cpu got worse beyond the tolerance, significantly/m);
    assert.equal(analyzeAb("s", a, a.map((r) => ({ ...r })), { gate: ["cost.cpu"] }).verdict, "no regression");
    assert.throws(
      () => analyzeAb("s", a, b, { gate: ["cost.cpu", "latency.request p99"] }),
      (e: unknown) => e instanceof AbGateError && /Cannot gate on `latency\.request p99`: not measured/.test(e.message),
    );
  });
});
