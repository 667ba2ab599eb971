/** Seeded sampling for `generate` (no dependency: src/nlp imports nothing of ours). */

/**
 * mulberry32: a small, fast 32-bit PRNG (Tommy Ettinger, public domain). Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Picks an index with probability proportional to `weights[i] ** (1 / temperature)`, like NLTK's
 * `_weighted_choice` (cumulative weights, then `bisect_right(cum, total * u)`) when
 * `temperature` is 1. `temperature` 0 picks the largest weight (the first of ties). Computed in
 * log space, so small temperatures do not underflow.
 *
 * @returns the index, or -1 when every weight is 0.
 */
export function weightedChoice(
  weights: ArrayLike<number>,
  rng: () => number,
  temperature = 1,
): number {
  let best = -1;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] > 0 && (best < 0 || weights[i] > weights[best])) best = i;
  }
  if (best < 0 || temperature === 0) return best;
  const scaled = new Float64Array(weights.length);
  const logMax = Math.log(weights[best]);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    scaled[i] = weights[i] > 0 ? Math.exp((Math.log(weights[i]) - logMax) / temperature) : 0;
    total += scaled[i];
    scaled[i] = total;
  }
  const x = total * rng();
  let lo = 0;
  let hi = scaled.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < scaled[mid]) hi = mid;
    else lo = mid + 1;
  }
  // bisect_right can land on a trailing zero-weight index only through rounding; step back.
  let i = Math.min(lo, scaled.length - 1);
  while (i > 0 && weights[i] <= 0) i--;
  return i;
}
