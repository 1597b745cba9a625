/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) on two small samples of per-run values: does the candidate tend to
 * be larger than the baseline? Exact (a permutation test over every split of the pooled ranks, so ties are handled
 * exactly) when the number of splits is small enough, a normal approximation with tie and continuity correction
 * otherwise.
 * @module
 */

/** Largest number of splits the exact test enumerates. */
export const EXACT_LIMIT = 200_000;

/** The outcome of a one-sided test that `ys` is stochastically greater than `xs`. */
export interface MannWhitneyResult {
  /** U of `ys`: the number of pairs (x, y) with y > x, ties counting one half. */
  u: number;
  /** One-sided p-value (probability under H0 of a rank sum at least as large as observed). */
  p: number;
  /** Whether the p-value is exact (permutation) or a normal approximation. */
  exact: boolean;
}

/** Binomial coefficient C(n, k), as a float (exact for the sizes used here). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= kk; i++) c = (c * (n - kk + i)) / i;
  return Math.round(c);
}

/** Midranks (1-based) of the values: tied values share the mean of their ranks. */
export function midranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = r;
    i = j + 1;
  }
  return ranks;
}

/**
 * The smallest one-sided p-value samples of sizes `n` and `m` can ever give (complete separation, no ties):
 * `1 / C(n + m, m)`. When it exceeds the significance level, the test cannot detect anything.
 */
export function minimumP(n: number, m: number): number {
  return n === 0 || m === 0 ? 1 : 1 / binomial(n + m, m);
}

/** Counts the m-subsets of `ranks` whose sum is ≥ `target` (with a small tolerance for float midranks). */
function countAtLeast(ranks: readonly number[], m: number, target: number): number {
  const sorted = [...ranks].sort((a, b) => b - a);
  const eps = 1e-9;
  let count = 0;
  const walk = (start: number, left: number, sum: number) => {
    if (left === 0) {
      if (sum >= target - eps) count++;
      return;
    }
    for (let i = start; i <= sorted.length - left; i++) walk(i + 1, left - 1, sum + sorted[i]!);
  };
  walk(0, m, 0);
  return count;
}

/** Standard normal upper tail P(Z ≥ z) (Abramowitz-Stegun 7.1.26 erfc approximation, error < 1.5e-7). */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * One-sided Mann-Whitney U test of H1 "`ys` tend to be larger than `xs`". Both samples need at least one value;
 * non-finite values must be removed by the caller.
 */
export function mannWhitneyGreater(xs: readonly number[], ys: readonly number[]): MannWhitneyResult {
  const n = xs.length;
  const m = ys.length;
  if (n === 0 || m === 0) return { u: 0, p: 1, exact: true };
  const ranks = midranks([...xs, ...ys]);
  const rankSumY = ranks.slice(n).reduce((s, r) => s + r, 0);
  const u = rankSumY - (m * (m + 1)) / 2;
  const splits = binomial(n + m, m);
  if (splits <= EXACT_LIMIT) {
    return { u, p: countAtLeast(ranks, m, rankSumY) / splits, exact: true };
  }
  const total = n + m;
  const ties = new Map<number, number>();
  for (const r of ranks) ties.set(r, (ties.get(r) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * t * t - t;
  const variance = (n * m / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (variance <= 0) return { u, p: 1, exact: false };
  const z = (u - (n * m) / 2 - 0.5) / Math.sqrt(variance);
  return { u, p: normalUpperTail(z), exact: false };
}
