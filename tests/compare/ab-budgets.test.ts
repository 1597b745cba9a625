import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeAb, renderAbText } from "../../src/compare/ab.ts";
import { judgeAbBudget } from "../../src/compare/ab-budgets.ts";
import type { AbBudget } from "../../src/scenario/types.ts";
import { syntheticSide } from "../support/results.ts";

/** Side runs whose CPU cost per 1000 events is `cpuS` times each factor, in round order. */
function withCost(runs: ReturnType<typeof syntheticSide>, cpuS: number, factors: readonly number[]) {
  return runs.map((r, i) => ({ ...r, metrics: [...r.metrics, { metric: "cost.cpu", value: cpuS * factors[i]! }] }));
}

function budget(key: string, condition: string): AbBudget {
  const m = /^(<=|>=|<|>)\s*(-?[\d.]+)%$/.exec(condition)!;
  return {
    key,
    condition,
    op: m[1] as AbBudget["op"],
    limitPercent: Number(m[2]),
    pos: { file: "t", line: 1, column: 1 },
  };
}

// A costs 0.25 s, B about 0.75 s (+200 %): steady on A, noisy on B, so the interval is wide.
const a = withCost(syntheticSide({ runs: 5, seed: 1 }), 0.25, [1, 1.01, 0.99, 1, 1.02]);
const b = withCost(syntheticSide({ runs: 5, seed: 2 }), 0.75, [0.7, 1.3, 0.85, 1.15, 1]);

describe("A/B budgets", () => {
  it("pass when the whole interval keeps the bound, fail only when the whole interval breaks it", () => {
    const x = analyzeAb("s", a, b, { budgets: [budget("cost.cpu", "< 400%"), budget("cost.cpu", "< 80%")] });
    const [within, beyond] = x.budgets!;
    assert.equal(within!.pass, true);
    assert.equal(within!.resolution, "sufficient");
    assert.ok(within!.observed! > 190 && within!.observed! < 210, String(within!.observed));
    assert.ok(within!.interval!.low < within!.observed! && within!.observed! < within!.interval!.high);
    assert.deepEqual([within!.key, within!.unit, within!.side], ["[B vs A] cost.cpu", "%", "b-vs-a"]);
    assert.equal(beyond!.pass, false);
    assert.ok(beyond!.interval!.low > 80, "the whole interval lies beyond +80 %");
    assert.equal(x.verdict, "regression");
    assert.match(x.reason, /^beyond its budget: cost\.cpu \+\d+ % \[\+\d+ %, \+\d+ %\] against `< 80%`$/);
    const text = renderAbText(x);
    assert.match(text, /^cost\.cpu \* .* within < 400%; BEYOND < 80%$/m);
    assert.match(text, /^\* gates: the scenario's budgets on B's change/m);
    assert.doesNotMatch(text, /\(REGRESSION\)/, "rows for information never read as a regression");
  });

  it("pass, marked insufficient, when the interval straddles the bound; the experiment is inconclusive", () => {
    const x = analyzeAb("s", a, b, { budgets: [budget("cost.cpu", "< 200%")] });
    const [c] = x.budgets!;
    assert.ok(c!.interval!.low < 200 && c!.interval!.high > 200, JSON.stringify(c!.interval));
    assert.equal(c!.pass, true);
    assert.equal(c!.resolution, "insufficient");
    assert.match(c!.resolutionReason!, /straddles the bound, so 5 rounds cannot tell which side of it/);
    assert.equal(x.verdict, "inconclusive");
    assert.match(renderAbText(x), /straddles < 200%/);
  });

  it("read a lower bound the other way round, and give no data for a quantity one side lacks", () => {
    const faster = analyzeAb("s", b, a, {
      budgets: [budget("cost.cpu", "> -50%"), budget("latency.request p99", "< 5%")],
    });
    const [lower, absent] = faster.budgets!;
    assert.equal(lower!.pass, false, "B at a third of A's cost is beyond > -50 %");
    assert.ok(lower!.observed! < -60);
    assert.equal(absent!.pass, false);
    assert.equal(absent!.observed, null);
    assert.match(absent!.reason!, /^no data: `latency\.request p99` was not measured on both sides \(measured: /);
    const none = judgeAbBudget([], 1, budget("cost.cpu", "< 5%"));
    assert.match(none.reason!, /not measured on both sides/);
  });

  it("judge on the mean alone, marked insufficient, when there is no interval", () => {
    const one = analyzeAb("s", a.slice(0, 1), b.slice(0, 1), { budgets: [budget("cost.cpu", "< 300%")] });
    const [c] = one.budgets!;
    assert.equal(c!.pass, true);
    assert.equal(c!.interval, undefined);
    assert.equal(c!.resolution, "insufficient");
    assert.match(c!.resolutionReason!, /1 round\(s\) a side give no interval/);
    const zero = withCost(syntheticSide({ runs: 3, seed: 3 }), 0, [1, 1, 1]);
    const [inf] = analyzeAb("s", zero, b.slice(0, 3), { budgets: [budget("cost.cpu", "< 300%")] }).budgets!;
    assert.deepEqual([inf!.pass, inf!.observed], [false, null]);
    assert.match(inf!.reason!, /A measured 0/);
  });
});
