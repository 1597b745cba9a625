import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareRunSets, compareScenario, judge, toleranceFor } from "../../src/compare/compare.ts";
import { groupByScenario } from "../../src/compare/baseline.ts";
import { renderCompareMarkdown, renderCompareText } from "../../src/compare/render.ts";
import type { Threshold } from "../../src/scenario/types.ts";
import { syntheticResult, syntheticSide } from "../support/results.ts";

const pos = { file: "t.yaml", line: 1, column: 1 };

function row(c: ReturnType<typeof compareScenario>, key: string) {
  const r = c.rows.find((x) => x.quantity.key === key);
  assert.ok(r, `row ${key} exists: ${c.rows.map((x) => x.quantity.key).join(", ")}`);
  return r;
}

describe("compare: telling a regression from noise", () => {
  it("finds no regression between two samples of the same distribution", () => {
    const c = compareScenario("s", syntheticSide({ runs: 5, seed: 1 }), syntheticSide({ runs: 5, seed: 2 }));
    assert.equal(
      c.regression,
      false,
      renderCompareText(compareRunSets(new Map(), new Map(), { baseline: "a", candidate: "b" })),
    );
    for (const r of c.rows) {
      assert.equal(r.method, "mann-whitney");
      assert.notEqual(r.verdict, "regression", `${r.quantity.key}: ${r.change}`);
      assert.ok(Math.abs(r.change) < 0.1, `${r.quantity.key} changed ${r.change}`);
    }
  });

  it("flags a 20 % shift as a significant regression, in latency and in throughput", () => {
    const c = compareScenario(
      "s",
      syntheticSide({ runs: 5, seed: 1 }),
      syntheticSide({ runs: 5, seed: 2, shift: 1.2 }),
    );
    assert.equal(c.regression, true);
    for (const key of ["latency.persisted mean", "latency.persisted p50", "latency.persisted p99"]) {
      const r = row(c, key);
      assert.equal(r.verdict, "regression", `${key}: change ${r.change}, p ${r.pWorse}`);
      assert.ok(r.change > 0.12 && r.change < 0.3, `${key}: ${r.change}`);
      assert.ok(r.pWorse! <= 0.05);
      assert.ok(r.interval && r.interval.low > 0.1, JSON.stringify(r.interval));
    }
    const t = row(c, "throughput.achieved");
    assert.equal(t.quantity.direction, "bigger");
    assert.equal(t.verdict, "regression", `throughput change ${t.change}`);
    assert.ok(t.change < -0.1);
    assert.equal(c.toleranceOnly, false);
  });

  it("does not flag a 5 % shift with a 10 % tolerance, even when it is significant", () => {
    const c = compareScenario(
      "s",
      syntheticSide({ runs: 5, seed: 1 }),
      syntheticSide({ runs: 5, seed: 2, shift: 1.05 }),
    );
    assert.equal(c.regression, false);
    const r = row(c, "latency.persisted p50");
    assert.ok(r.change > 0.01 && r.change < 0.1, `${r.change}`);
    assert.equal(r.verdict, "unchanged");
  });

  it("calls a large but inconsistent change noise, not a regression", () => {
    const noisyBase = syntheticSide({ runs: 5, seed: 11, runNoise: 0.4 });
    const noisyCand = syntheticSide({ runs: 5, seed: 12, runNoise: 0.4, shift: 1.15 });
    const r = judge(
      { key: "x", metric: "latency.persisted", selector: {}, stat: "avg", unit: "us", direction: "smaller" },
      [100, 160, 80, 130, 90],
      [140, 90, 120, 170, 100],
      0.1,
    );
    assert.ok(r.worse > 0.1, `${r.worse}`);
    assert.equal(r.verdict, "noise");
    assert.ok(r.pWorse! > 0.05);
    // The same holds end to end with noisy synthetic runs: no regression is claimed without significance.
    const c = compareScenario("s", noisyBase, noisyCand);
    for (const x of c.rows) if (x.verdict === "regression") assert.ok(x.pWorse! <= 0.05);
  });

  it("calls a change beyond tolerance inconclusive with one run on each side, never a regression, and says so", () => {
    const worse = compareScenario(
      "s",
      syntheticSide({ runs: 1, seed: 1 }),
      syntheticSide({ runs: 1, seed: 2, shift: 1.2 }),
    );
    assert.equal(worse.regression, false);
    assert.equal(worse.inconclusive, true);
    assert.equal(worse.toleranceOnly, true);
    const r = row(worse, "latency.persisted p99");
    assert.equal(r.method, "tolerance-only");
    assert.equal(r.verdict, "inconclusive");
    assert.match(r.methodNote ?? "", /one run on a side: significance cannot be judged/);
    assert.equal(r.pWorse, undefined);
    assert.equal(r.interval, undefined);
    const comparison = compareRunSets(
      groupByScenario(syntheticSide({ runs: 1, seed: 1 })),
      groupByScenario(syntheticSide({ runs: 1, seed: 2, shift: 1.2 })),
      { baseline: "main", candidate: "pr" },
    );
    assert.equal(comparison.regression, false);
    assert.equal(comparison.inconclusive, true);
    const md = renderCompareMarkdown(comparison);
    assert.match(md, /Significance cannot be judged with so few runs/);
    assert.match(md, /\*\*❔ INCONCLUSIVE\*\*/);
    assert.match(md, /❔ inconclusive \(worse, too few runs\)/);
    assert.match(md, /set `--hard-limit PCT` to fail on a large one/);
    assert.doesNotMatch(md, /❌|REGRESSION/);
    const text = renderCompareText(comparison);
    assert.match(text, /verdict: inconclusive \(too few runs to tell a change from noise; not a regression\)/);
    assert.doesNotMatch(text, /REGRESSION/);
  });

  it("calls a change beyond the hard limit a regression even with one run on each side", () => {
    const base = syntheticSide({ runs: 1, seed: 1 });
    const cand = syntheticSide({ runs: 1, seed: 2, shift: 2 });
    const hard = compareScenario("s", base, cand, { hardLimit: 0.5 });
    assert.equal(hard.regression, true);
    const r = row(hard, "latency.persisted p50");
    assert.equal(r.verdict, "regression");
    assert.equal(r.beyondHardLimit, true);
    const md = renderCompareMarkdown(
      compareRunSets(groupByScenario(base), groupByScenario(cand), { baseline: "a", candidate: "b" }, {
        hardLimit: 0.5,
      }),
    );
    assert.match(md, /❌ regression \(beyond the hard limit of 50 %\)/);
    assert.match(md, /only a change worse than the hard limit of 50 % is a regression/);
    const within = compareScenario("s", base, syntheticSide({ runs: 1, seed: 2, shift: 1.3 }), { hardLimit: 0.5 });
    assert.equal(within.regression, false);
    assert.equal(row(within, "latency.persisted p50").verdict, "inconclusive");
  });

  it("treats two runs against two as too few for significance", () => {
    const c = compareScenario(
      "s",
      syntheticSide({ runs: 2, seed: 1 }),
      syntheticSide({ runs: 2, seed: 2, shift: 1.3 }),
    );
    const r = row(c, "latency.persisted mean");
    assert.equal(r.method, "tolerance-only");
    assert.match(r.methodNote ?? "", /too few runs/);
    assert.equal(r.verdict, "inconclusive");
    assert.ok(r.interval, "a bootstrap interval is still shown");
  });

  it("uses a threshold's tolerance for its metric and the default for the others", () => {
    const thresholds: Threshold[] = [{
      key: "latency.persisted",
      metric: "latency.persisted",
      selector: {},
      conditions: [],
      abortOnFail: false,
      tolerance: 0.3,
      pos,
    }];
    const base = syntheticSide({ runs: 5, seed: 1, thresholds });
    const cand = syntheticSide({ runs: 5, seed: 2, shift: 1.2, thresholds });
    assert.equal(toleranceFor({ metric: "latency.persisted", selector: {} }, cand, 0.1), 0.3);
    assert.equal(toleranceFor({ metric: "throughput.achieved", selector: {} }, cand, 0.1), 0.1);
    const c = compareScenario("s", base, cand);
    assert.equal(row(c, "latency.persisted p99").verdict, "unchanged");
    assert.equal(row(c, "latency.persisted p99").tolerance, 0.3);
    assert.equal(row(c, "throughput.achieved").verdict, "regression");
    assert.equal(compareScenario("s", base, cand, { tolerance: 0.5 }).regression, false);
  });

  it("reports an improvement and metrics present on one side only", () => {
    const base = syntheticSide({ runs: 5, seed: 1, shift: 1.3 });
    const cand = syntheticSide({ runs: 5, seed: 2 });
    cand.forEach((r) => r.metrics.push({ metric: "recovery.time", value: 1000 }));
    const c = compareScenario("s", base, cand);
    assert.equal(c.regression, false);
    assert.equal(row(c, "latency.persisted p50").verdict, "improvement");
    assert.equal(row(c, "recovery.time").verdict, "missing");
    assert.match(
      renderCompareText(
        compareRunSets(groupByScenario(base), groupByScenario(cand), { baseline: "a", candidate: "b" }),
      ),
      /only in candidate/,
    );
  });

  it("names every condition that differs between the sides, and lists unmatched scenarios", () => {
    const base = [syntheticResult({ runId: "a", latenciesUs: [1000, 2000], throughput: 10 })];
    const cand = [syntheticResult({ runId: "b", latenciesUs: [1000, 2000], throughput: 10 })];
    assert.deepEqual(compareScenario("synthetic", base, cand).mismatches, []);
    base[0]!.environment.natsServerVersion = "2.10.1";
    cand[0]!.environment.runtime = "deno";
    cand[0]!.scenario.hash = "sha256:other";
    cand[0]!.scenario.quick = !base[0]!.scenario.quick;
    cand[0]!.environment.natsServerVersion = "2.11.0";
    cand[0]!.environment.cpuModel = "Other CPU";
    const c = compareScenario("synthetic", base, cand);
    const m = c.mismatches.join("; ");
    assert.match(m, /runtime differs: baseline node, candidate deno/);
    assert.match(m, /scenario hash differs/);
    assert.match(m, /mode differs: baseline (quick|full), candidate (quick|full)/);
    assert.match(m, /nats-server version differs: baseline 2\.10\.1, candidate 2\.11\.0/);
    assert.match(m, /CPU differs: .*candidate Other CPU/);
    assert.equal(c.mismatches.length, 5);
    cand[0]!.environment.natsServerVersion = "";
    assert.doesNotMatch(compareScenario("synthetic", base, cand).mismatches.join("; "), /nats-server/, "unknown");
    const forced = renderCompareMarkdown(
      compareRunSets(groupByScenario(base), groupByScenario(cand), { baseline: "x", candidate: "y" }),
    );
    assert.match(forced, /\[!CAUTION\]\n> \*\*Compared with `--force`/);
    assert.match(forced, /> - runtime differs/);
    const other = syntheticResult({ runId: "c", latenciesUs: [1], throughput: 1, scenario: "other" });
    const all = compareRunSets(groupByScenario([...base, other]), groupByScenario(cand), {
      baseline: "x",
      candidate: "y",
    });
    assert.deepEqual(all.onlyBaseline, ["other"]);
    assert.equal(all.scenarios.length, 1);
    const none = compareRunSets(groupByScenario([other]), groupByScenario(cand), { baseline: "x", candidate: "y" });
    assert.match(renderCompareMarkdown(none), /NOTHING COMPARED/);
  });

  it("judges a zero baseline: any loss where there was none is beyond any hard limit", () => {
    const r = judge(
      {
        key: "events.lost.ratio",
        metric: "events.lost.ratio",
        selector: {},
        stat: "value",
        unit: "%",
        direction: "smaller",
      },
      [0],
      [2],
      0.1,
      0.05,
      0.5,
    );
    assert.equal(r.change, Infinity);
    assert.equal(r.verdict, "regression");
    const same = judge(
      {
        key: "events.lost.ratio",
        metric: "events.lost.ratio",
        selector: {},
        stat: "value",
        unit: "%",
        direction: "smaller",
      },
      [0, 0, 0],
      [0, 0, 0],
      0.1,
    );
    assert.equal(same.verdict, "unchanged");
  });
});

describe("compare: what is compared", () => {
  it("leaves out memory growth unless a threshold names it or --all, and warmup slices always", () => {
    const base = syntheticSide({ runs: 1, seed: 1 });
    const cand = syntheticSide({ runs: 1, seed: 2 });
    for (const r of [...base, ...cand]) {
      r.metrics.push({ metric: "service.memory.growth", value: 1e6 }, {
        metric: "throughput.achieved",
        phase: "warmup",
        value: 5,
      });
    }
    const keys = (opts = {}) => compareScenario("s", base, cand, opts).rows.map((r) => r.quantity.key);
    assert.ok(!keys().includes("service.memory.growth"));
    assert.ok(keys({ all: true }).includes("service.memory.growth"));
    assert.ok(!keys({ all: true }).some((k) => k.includes("warmup")));
  });
});
