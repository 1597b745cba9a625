import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeAb, gatedKeys, renderAbText } from "../../src/compare/ab.ts";
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
});
