import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromEnv, interpolate, needsInterpolation, sourceOffset } from "../../src/scenario/interpolate.ts";

describe("interpolate", () => {
  const env = { HOST: "db", EMPTY: "", PORT: "4222" };
  const cases: [string, string][] = [
    ["plain", "plain"],
    ["${HOST}", "db"],
    ["nats://${HOST}:${PORT}", "nats://db:4222"],
    ["${MISSING:-x}", "x"],
    ["${MISSING:-}", ""],
    ["${EMPTY:-fallback}", "fallback"],
    ["${EMPTY}", ""],
    ["${HOST:-other}", "db"],
    ["$${HOST}", "${HOST}"],
    ["cost $5", "cost $5"],
  ];
  for (const [text, value] of cases) {
    it(`${text} → ${JSON.stringify(value)}`, () => {
      const r = interpolate(text, env);
      assert.deepEqual({ value: r.value, problems: r.problems }, { value, problems: [] });
    });
  }

  it("reports an unset variable at its `${`", () => {
    const { value, problems } = interpolate("a ${NOPE} b", env);
    assert.deepEqual({ value, problems }, {
      value: "a  b",
      problems: [{
        kind: "unset-variable",
        message: "environment variable `NOPE` is not set and has no default (write `${NOPE:-default}`)",
        offset: 2,
      }],
    });
  });

  it("resolves nested defaults", () => {
    const value = (text: string) => interpolate(text, env).value;
    assert.equal(value("${A:-${B:-x}}"), "x");
    assert.equal(value("${A:-${HOST:-x}}"), "db");
    assert.equal(value("${HOST:-${B:-x}}"), "db");
    assert.equal(value("<${A:-${EMPTY:-${PORT}}}>"), "<4222>");
    assert.deepEqual(interpolate("${A:-${B:-x}}", env).problems, []);
    assert.equal(interpolate("${A:-${NOPE}}", env).problems[0]?.kind, "unset-variable");
    assert.equal(interpolate("${HOST:-${NOPE}}", env).problems.length, 0, "an unused default is not read");
  });

  it("reports an unclosed default at its `${`", () => {
    const r = interpolate("x ${A:-${B:-x}", env);
    assert.deepEqual(r.problems.map((p) => [p.kind, p.offset]), [["invalid-interpolation", 2]]);
  });

  it("marks what came from the environment and maps offsets back to the text", () => {
    const r = interpolate("a ${HOST} {{ seq }}", env);
    assert.equal(r.value, "a db {{ seq }}");
    assert.deepEqual([0, 2, 3, 4].map((i) => fromEnv(r.segments, i)), [false, true, true, false]);
    assert.equal(sourceOffset(r.segments, 2), 2, "an environment value maps to its `${`");
    assert.equal(sourceOffset(r.segments, 5), 10, "text after it maps to its own place");
  });

  it("reports a malformed reference", () => {
    const r = interpolate("x${1BAD}", env);
    assert.equal(r.problems[0]?.kind, "invalid-interpolation");
    assert.equal(r.problems[0]?.offset, 1);
    assert.equal(interpolate("${", env).problems.length, 1);
  });

  it("knows when there is nothing to do", () => {
    assert.equal(needsInterpolation("abc"), false);
    assert.equal(needsInterpolation("a${B}"), true);
  });
});
