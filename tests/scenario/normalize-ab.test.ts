import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { abSide, parseAbBudgetKey } from "../../src/scenario/normalize-ab.ts";
import { collectQuantities } from "../../src/compare/quantities.ts";
import { fixture } from "../support/results.ts";
import { base, check, problems, valid } from "./support.ts";

const AB = { a: "path:direct", b: "path:nats", rounds: 4, budgets: { "cost.cpu": "< 300%" } };

describe("normalizeAb", () => {
  it("reads the sides, the rounds (with the quick override) and the budgets", () => {
    const result = check(base({ ab: AB, quick: { ab: { rounds: 3 } } }));
    const full = valid(result);
    assert.deepEqual(full.ab?.sides, { a: { path: "direct" }, b: { path: "nats" } });
    assert.equal(full.ab?.rounds, 4);
    assert.deepEqual(full.ab?.budgets.map((b) => [b.key, b.condition, b.op, b.limitPercent]), [
      ["cost.cpu", "< 300%", "<", 300],
    ]);
    assert.ok(full.ab!.budgets[0]!.pos.line > 1, "positioned at its line");
    assert.equal(result.variants?.quick.ab?.rounds, 3);
    assert.equal(valid(check(base({ ab: { a: "path:nats", b: "node s.js {nats}" } }))).ab?.rounds, 5, "default");
    assert.equal(valid(check(base())).ab, undefined);
  });

  it("reads a side as a path or a command", () => {
    assert.deepEqual(abSide("path:nats"), { path: "nats" });
    assert.deepEqual(abSide(" path:direct "), { path: "direct" });
    assert.deepEqual(abSide("node build-b/service.js --nats {nats}"), {
      command: "node build-b/service.js --nats {nats}",
    });
    assert.deepEqual(abSide("path:elsewhere"), { command: "path:elsewhere" });
  });

  it("spells a budget key as the A/B table prints it", () => {
    const keys = [
      ["cost.cpu", "cost.cpu"],
      ["latency.persisted p99", "latency.persisted p99"],
      ["latency.persisted avg", "latency.persisted mean"],
      ["latency.persisted{phase:steady}   p50", "latency.persisted{phase: steady} p50"],
      ["latency.persisted{phase: s, event: chat} p99.9", "latency.persisted{event: chat, phase: s} p99.9"],
    ];
    for (const [text, key] of keys) assert.deepEqual(parseAbBudgetKey(text!), { ok: true, key }, text);
    const unknown = parseAbBudgetKey("cost.cpus");
    assert.equal(unknown.ok, false);
    assert.match(!unknown.ok ? unknown.message : "", /cost\.cpu/);
    assert.match(
      JSON.stringify(parseAbBudgetKey("latency.persisted p95x")),
      /prints `latency.persisted` as .*not `p95x`/,
    );
  });

  it("reads every quantity the A/B table prints of a real result back as itself", () => {
    const keys = [...collectQuantities([fixture("single-event-latency")], { all: true }).keys()];
    assert.ok(keys.some((k) => k.endsWith(" p99.9")) && keys.some((k) => k.endsWith(".cpu mean")), keys.join(", "));
    assert.ok(keys.some((k) => !k.includes(" ")), keys.join(", "));
    for (const key of keys) assert.deepEqual(parseAbBudgetKey(key), { ok: true, key }, key);
  });

  it("refuses a quantity the A/B table never prints, saying what it prints", () => {
    const refused = (text: string): string => {
      const r = parseAbBudgetKey(text);
      assert.equal(r.ok, false, text);
      return r.ok ? "" : r.message;
    };
    for (const stat of ["max", "min", "p90", "p99.99"]) {
      assert.match(
        refused(`latency.persisted ${stat}`),
        new RegExp(`as \`mean\`, \`p50\`, \`p95\`, \`p99\`, \`p99.9\`, not \`${stat.replace(".", "\\.")}\``),
      );
    }
    assert.match(refused("latency.persisted"), /needs a statistic: .* e\.g\. `latency\.persisted p99`/);
    assert.match(refused("service.cpu p99"), /prints `service\.cpu` as `mean`, not `p99`/);
    assert.match(refused("service.cpu"), /e\.g\. `service\.cpu mean`/);
    assert.match(refused("cost.cpu p99"), /`cost\.cpu` has one value per round: write the key without `p99`/);
    assert.match(refused("throughput.offered"), /`throughput\.offered` has no row in the A\/B table/);
    assert.deepEqual(parseAbBudgetKey("service.cpu avg"), { ok: true, key: "service.cpu mean" });
    assert.deepEqual(parseAbBudgetKey("throughput.persisted"), { ok: true, key: "throughput.persisted" });
  });

  it("reports each mistake at its line and column", () => {
    const result = check(base({
      service: { command: { run: "node s.js", ready: { subscription: "x.message.log" } } },
      ab: {
        a: "path:direct",
        b: "path:direct",
        budgets: {
          "cost.cpus": "< 5%",
          "latency.persisted p99": "< 10ms",
          "cost.cpu": "< -100%",
          "latency.persisted avg": "< 1%",
          "latency.persisted mean": "> -1%",
        },
      },
    }));
    const found = result.problems.map((p) => [p.kind, p.line, p.column, p.message]);
    assert.deepEqual(found.map((f) => f[0]), [
      "invalid-service",
      "invalid-service",
      "same-sides",
      "invalid-budget",
      "invalid-budget",
      "vacuous-condition",
      "duplicate-budget",
    ]);
    const [side, , same, metric, bound, vacuous, duplicate] = result.problems;
    assert.match(side!.message, /`path:direct` writes with the reference service's storage/);
    assert.match(same!.message, /names the same side as `a`/);
    assert.match(metric!.message, /unknown metric `cost\.cpus`/);
    assert.match(bound!.message, /cannot read `< 10ms`: expected a bound on B's change against A in percent/);
    assert.match(vacuous!.message, /can never pass/);
    assert.match(duplicate!.message, /^`latency\.persisted mean` is the same quantity as `latency\.persisted avg`$/);
    assert.ok(found.every((f) => (f[1] as number) > 1 && (f[2] as number) >= 1), JSON.stringify(found));
  });

  it("refuses an override of an absent block, and fewer than 3 rounds", () => {
    assert.deepEqual(problems(check(base({ quick: { ab: { rounds: 3 } } }))), [
      "invalid-override: overrides `ab`, which is absent",
    ]);
    const two = check(base({ ab: { ...AB, rounds: 2 } })).problems;
    assert.deepEqual(two.map((p) => [p.path, p.message]), [["/ab/rounds", "must be >= 3, got 2"]]);
    assert.match(problems(check(base({ ab: { a: "path:nats" } }))).join("\n"), /`b`/);
  });
});
