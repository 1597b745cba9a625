import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linearRegression } from "../../src/stats/regression.ts";

function close(actual: number, expected: number, eps = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)), `${actual} != ${expected}`);
}

describe("linearRegression", () => {
  it("recovers an exact line with r2 = 1", () => {
    const xs = [0, 1, 2, 3, 4, 5];
    const fit = linearRegression(xs, xs.map((x) => 3 * x - 2));
    close(fit.slope, 3);
    close(fit.intercept, -2);
    close(fit.r2, 1);
    assert.equal(fit.n, 6);
  });

  it("matches a hand-computed least-squares fit", () => {
    // x: 1..5, y: 2, 4, 5, 4, 5 → slope 0.6, intercept 2.2, r2 0.6
    const fit = linearRegression([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
    close(fit.slope, 0.6);
    close(fit.intercept, 2.2);
    close(fit.r2, 0.6);
  });

  it("stays exact with large x such as timestamps", () => {
    const xs = Array.from({ length: 100 }, (_, i) => 1.7e12 + i * 1000);
    const fit = linearRegression(xs, xs.map((x) => 0.5 * (x - 1.7e12) + 7));
    close(fit.slope, 0.5, 1e-7);
    close(fit.r2, 1, 1e-9);
  });

  it("reports a flat noisy series with a slope near 0 and a low r2", () => {
    const xs = Array.from({ length: 200 }, (_, i) => i);
    const ys = xs.map((i) => 100 + ((i * 37) % 11) - 5);
    const fit = linearRegression(xs, ys);
    assert.ok(Math.abs(fit.slope) < 0.02, `slope ${fit.slope}`);
    assert.ok(fit.r2 < 0.05, `r2 ${fit.r2}`);
  });

  it("gives the slope's standard error from the residuals", () => {
    // Residual sum of squares 2.4 over 3 degrees of freedom, Σ(x − x̄)² = 10: se = √0.08.
    const fit = linearRegression([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
    assert.ok(Math.abs(fit.slopeStdError - Math.sqrt(0.08)) < 1e-12, String(fit.slopeStdError));
    assert.equal(linearRegression([1, 2], [1, 3]).slopeStdError, Infinity, "no residual degree of freedom");
  });

  it("handles degenerate inputs", () => {
    assert.deepEqual(linearRegression([], []), { slope: 0, intercept: 0, r2: 0, n: 0, slopeStdError: Infinity });
    assert.deepEqual(linearRegression([1], [5]), { slope: 0, intercept: 5, r2: 0, n: 1, slopeStdError: Infinity });
    assert.deepEqual(linearRegression([2, 2, 2], [1, 2, 3]), {
      slope: 0,
      intercept: 2,
      r2: 0,
      n: 3,
      slopeStdError: Infinity,
    });
    const flat = linearRegression([1, 2, 3], [4, 4, 4]);
    assert.equal(flat.slope, 0);
    assert.equal(flat.r2, 1);
  });

  it("skips non-finite pairs and uses the shorter length", () => {
    const fit = linearRegression([0, 1, Number.NaN, 2, 3, 99], [1, 3, 100, 5, Number.POSITIVE_INFINITY]);
    assert.equal(fit.n, 3);
    close(fit.slope, 2);
    close(fit.intercept, 1);
  });
});
