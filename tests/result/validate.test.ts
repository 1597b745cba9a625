import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reportSchema, validateResult } from "../../src/result/validate.ts";
import type { RunResult } from "../../src/result/types.ts";
import { syntheticResult } from "./fixture.ts";

/** A deep copy of the fixture, changed by `edit`. */
function edited(edit: (r: Record<string, unknown> & RunResult) => void): unknown {
  const r = structuredClone(syntheticResult()) as Record<string, unknown> & RunResult;
  edit(r);
  return r;
}

describe("validateResult", () => {
  it("accepts the synthetic result, also after a JSON round trip", () => {
    assert.deepEqual(validateResult(syntheticResult()), []);
    assert.deepEqual(validateResult(JSON.parse(JSON.stringify(syntheticResult()))), []);
  });

  it("accepts a result with threshold checks and a failing verdict", () => {
    const r = edited((r) => {
      r.verdict = "fail";
      r.checks = [
        {
          key: "latency.persisted",
          metric: "latency.persisted",
          selector: {},
          condition: "p95 < 10ms",
          observed: 950_000,
          unit: "us",
          pass: false,
          abortOnFail: false,
        },
        {
          key: "events.lost{event: chat}",
          metric: "events.lost",
          selector: { event: "chat" },
          condition: "== 0",
          observed: null,
          unit: "",
          pass: false,
          abortOnFail: true,
          reason: "no data",
        },
      ];
    });
    assert.deepEqual(validateResult(r), []);
  });

  it("names each problem with its path", () => {
    const cases: [string, (r: Record<string, unknown> & RunResult) => void, RegExp][] = [
      ["missing field", (r) => delete (r as Partial<RunResult>).runId, /^\/: must have required property 'runId'/],
      ["extra field", (r) => (r.extra = 1), /^\/: must NOT have additional properties \(`extra`\)/],
      ["wrong version", (r) => ((r as { schemaVersion: number }).schemaVersion = 2), /^\/schemaVersion: /],
      ["bad status", (r) => ((r as { status: string }).status = "done"), /^\/status: /],
      ["bad date", (r) => (r.startedAt = "yesterday"), /^\/startedAt: must match format "date-time"/],
      ["bad histogram", (r) => (r.metrics[0]!.histogram = "not base64!"), /^\/metrics\/0\/histogram: /],
      ["entry without data", (r) => r.metrics.push({ metric: "x" }), /^\/metrics\/13: /],
      ["negative count", (r) => (r.counts[0]!.lost = -1), /^\/counts\/0\/lost: /],
      [
        "bad unit",
        (r) =>
          r.checks.push({
            key: "k",
            metric: "m",
            selector: {},
            condition: "c",
            observed: 1,
            unit: "ms",
            pass: true,
            abortOnFail: false,
          }),
        /^\/checks\/0\/unit: /,
      ],
      ["unknown process", (r) => ((r.resources as Record<string, unknown>).db = { samples: [] }), /^\/resources: /],
      ["bad r2", (r) => (r.resources.service!.growth!.r2 = 1.5), /^\/resources\/service\/growth\/r2: /],
    ];
    for (const [name, edit, pattern] of cases) {
      const problems = validateResult(edited(edit));
      assert.ok(problems.length > 0, `${name}: accepted`);
      assert.ok(problems.some((p) => pattern.test(p)), `${name}: ${problems.join("; ")}`);
    }
  });

  it("rejects what is not an object at all", () => {
    assert.ok(validateResult(null).length > 0);
    assert.ok(validateResult("result").length > 0);
  });

  it("exposes the schema, a versioned JSON Schema 2020-12", () => {
    const schema = reportSchema();
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.deepEqual((schema.properties as Record<string, unknown>).schemaVersion, {
      const: 1,
      description: "Version of this format.",
    });
  });
});
