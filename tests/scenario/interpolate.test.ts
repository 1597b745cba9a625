import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { interpolate, needsInterpolation } from "../../src/scenario/interpolate.ts";

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
    it(`${text} → ${JSON.stringify(value)}`, () => assert.deepEqual(interpolate(text, env), { value, problems: [] }));
  }

  it("reports an unset variable at its `${`", () => {
    assert.deepEqual(interpolate("a ${NOPE} b", env), {
      value: "a  b",
      problems: [{
        kind: "unset-variable",
        message: "environment variable `NOPE` is not set and has no default (write `${NOPE:-default}`)",
        offset: 2,
      }],
    });
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
