/**
 * Ordinary least-squares line fitting.
 * @module
 */

/** A fitted line `y = slope·x + intercept` with its coefficient of determination. */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** Fit quality in [0, 1]: the share of the variance of y the line explains (1 when y is constant). */
  r2: number;
  /** Number of points used. */
  n: number;
  /**
   * Standard error of the slope, `sqrt(residual / (n − 2) / Σ(x − x̄)²)`, assuming independent residuals; `Infinity`
   * with fewer than 3 points or all x equal (no residual degree of freedom).
   */
  slopeStdError: number;
}

/**
 * Fits `y = slope·x + intercept` by ordinary least squares over the pairs `(xs[i], ys[i])` (the shorter length
 * wins; pairs with a non-finite coordinate are skipped). Fewer than 2 points, or all x equal, give slope 0 and r2 0
 * (intercept = mean of y). Centred sums keep it exact for large x such as timestamps.
 */
export function linearRegression(xs: readonly number[], ys: readonly number[]): LinearFit {
  const len = Math.min(xs.length, ys.length);
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < len; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++;
    sx += x;
    sy += y;
  }
  if (n === 0) return { slope: 0, intercept: 0, r2: 0, n: 0, slopeStdError: Infinity };
  const mx = sx / n;
  const my = sy / n;
  if (n < 2) return { slope: 0, intercept: my, r2: 0, n, slopeStdError: Infinity };
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < len; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const dx = x - mx;
    const dy = y - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return { slope: 0, intercept: my, r2: 0, n, slopeStdError: Infinity };
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const residual = Math.max(0, syy - slope * sxy);
  const r2 = syy === 0 ? 1 : Math.min(1, Math.max(0, 1 - residual / syy));
  const slopeStdError = n > 2 ? Math.sqrt(residual / (n - 2) / sxx) : Infinity;
  return { slope, intercept, r2, n, slopeStdError };
}
