/**
 * Weighted random choice in O(1) per draw by Walker's alias method (Vose's construction): a table of `n`
 * thresholds and aliases is built once; each draw uses one random number and allocates nothing.
 * @module
 */

/** Weights that cannot define a choice (empty, negative, non-finite, or all zero). */
export class WeightsError extends RangeError {
  /** The offending weights. */
  readonly weights: readonly number[];
  /** Creates the error with the reason the weights are unusable. */
  constructor(reason: string, weights: readonly number[]) {
    super(`Cannot build a weighted chooser: ${reason}`);
    this.name = "WeightsError";
    this.weights = weights;
  }
}

/**
 * Returns a function that draws an index `i` with probability `weights[i] / sum(weights)`, using `rng` (uniform
 * in [0, 1)). Weights need not be normalised; zero weights are never drawn. Throws {@link WeightsError} when no
 * choice is possible. With one weight the draw is always 0 and `rng` is not called.
 */
export function weightedChooser(weights: readonly number[], rng: () => number): () => number {
  const n = weights.length;
  if (n === 0) throw new WeightsError("no weights", weights);
  let sum = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new WeightsError(`weight ${w} is not a finite number >= 0`, weights);
    sum += w;
  }
  if (!(sum > 0)) throw new WeightsError("the weights sum to 0", weights);
  if (n === 1) return () => 0;

  const prob = new Float64Array(n);
  const alias = new Uint32Array(n);
  const scaled = weights.map((w) => (w * n) / sum);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  // Leftovers are 1 up to rounding error.
  for (const i of large) {
    prob[i] = 1;
    alias[i] = i;
  }
  for (const i of small) {
    prob[i] = 1;
    alias[i] = i;
  }
  return () => {
    const u = rng() * n;
    const i = u | 0;
    return u - i < prob[i]! ? i : alias[i]!;
  };
}
