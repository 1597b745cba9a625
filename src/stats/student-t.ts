/**
 * The two-sided 95 % quantile of Student's t distribution, for confidence intervals of fitted slopes.
 * @module
 */

/** The standard normal's 97.5 % quantile. */
const Z975 = 1.959963984540054;

/**
 * P(|T| < t) for Student's t with an integer `df` ≥ 1 degrees of freedom, by the finite series in θ = atan(t/√df)
 * (Abramowitz & Stegun 26.7.3 and 26.7.4): odd df add a θ term, even df do not.
 */
function twoSidedCdf(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  if (df % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= df - 2; k += 2) {
      term *= (c2 * (k - 1)) / k;
      sum += term;
    }
    return s * sum;
  }
  if (df === 1) return (2 / Math.PI) * theta;
  let term = Math.cos(theta);
  let sum = term;
  for (let k = 3; k <= df - 2; k += 2) {
    term *= (c2 * (k - 1)) / k;
    sum += term;
  }
  return (2 / Math.PI) * (theta + s * sum);
}

/**
 * The 97.5 % quantile of Student's t with `df` degrees of freedom (the half-width factor of a 95 % interval): for
 * `df` up to 1000 the root of the exact distribution function (df rounded down), above it the Cornish-Fisher
 * expansion in 1/df (within 1e-6 there); `Infinity` for fewer than 1.
 */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) return Infinity;
  if (df > 1000) {
    const z2 = Z975 * Z975;
    const g1 = (Z975 * (z2 + 1)) / 4;
    const g2 = (Z975 * ((5 * z2 + 16) * z2 + 3)) / 96;
    return Z975 + g1 / df + g2 / df ** 2;
  }
  const n = Math.floor(df);
  let lo = Z975;
  let hi = 13;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (twoSidedCdf(mid, n) < 0.95) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
