/**
 * Seeded pseudo-random numbers. The generator is SFC32 (Chris Doty-Humphrey's "small fast counting" generator,
 * 128-bit state, 32-bit output), its state filled from the seed by SplitMix32; seeds are derived by a
 * MurmurHash3-style mix. Deterministic on every runtime: the same seed always yields the same sequence.
 * @module
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

const TWO_POW_32 = 4294967296;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** MurmurHash3's block mix: folds the 32-bit word `k` into the running hash `h`. */
function mixWord(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser: full avalanche of a 32-bit word. */
function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

/** Folds a number (any finite or non-finite value, distinguishing integers from their float forms) into `h`. */
function mixNumber(h: number, n: number): number {
  if (Number.isSafeInteger(n)) {
    h = mixWord(h, 1);
    h = mixWord(h, n % TWO_POW_32 | 0);
    return mixWord(h, Math.floor(n / TWO_POW_32) | 0);
  }
  f64[0] = n;
  h = mixWord(h, 2);
  h = mixWord(h, f64Words[0]!);
  return mixWord(h, f64Words[1]!);
}

function mixString(h: number, s: string): number {
  h = mixWord(h, 3);
  h = mixWord(h, s.length);
  for (let i = 0; i < s.length; i++) h = mixWord(h, s.charCodeAt(i));
  return h;
}

/**
 * Derives a new 32-bit seed from a seed and any number of parts, e.g. `deriveSeed(seed, "mix", "steady", 0)`.
 * Different part lists give unrelated seeds; `("ab", "c")` and `("a", "bc")` differ, as do `1` and `"1"`.
 */
export function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  let h = mixNumber(0x9e3779b9, seed);
  for (const part of parts) h = typeof part === "number" ? mixNumber(h, part) : mixString(h, part);
  return finalize(mixWord(h, parts.length));
}

/** A 32-bit seed for any number: unsigned 32-bit integers stay as they are, anything else is hashed. */
function toSeed32(seed: number): number {
  return Number.isInteger(seed) && seed >= 0 && seed < TWO_POW_32 ? seed : deriveSeed(seed);
}

/**
 * A fast deterministic generator of numbers in [0, 1) for `seed` (any number; integers 0..2^32-1 are used as
 * they are). Each call costs a few integer operations and allocates nothing.
 */
export function createRng(seed: number): Rng {
  // SplitMix32 expands the seed into the four state words.
  let sm = toSeed32(seed) | 0;
  const next = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = rotl(c, 21);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) step();
  return () => step() / TWO_POW_32;
}
