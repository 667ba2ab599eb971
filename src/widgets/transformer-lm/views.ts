/**
 * Pure helpers of the character Transformer widget's views: attention maps as heatmap rows and a
 * one-number summary of each head. No React, no tfjs.
 */

/**
 * Rows of a `[T, T]` row-major attention map (query row t, key column j), for `Heatmap`.
 * @throws RangeError when `map.length` is not T².
 */
export function attentionRows(map: ArrayLike<number>, T: number): number[][] {
  if (!Number.isInteger(T) || T < 1 || map.length !== T * T) {
    throw new RangeError(`attentionRows: expected ${T}×${T} weights, got ${map.length}`);
  }
  return Array.from({ length: T }, (_, t) => Array.from({ length: T }, (_, j) => map[t * T + j]));
}

/**
 * How far back a head looks on average: the mean over query positions t of the expected offset
 * Σ_j w[t, j] (t − j), in characters. 0 for a head that attends to the current character only;
 * (T − 1) / 4 for uniform causal attention (t / 2 at row t); 1 for one that reads
 * the previous character.
 * @throws RangeError when `map.length` is not T².
 */
export function meanAttentionDistance(map: ArrayLike<number>, T: number): number {
  if (!Number.isInteger(T) || T < 1 || map.length !== T * T) {
    throw new RangeError(`meanAttentionDistance: expected ${T}×${T} weights, got ${map.length}`);
  }
  let total = 0;
  for (let t = 0; t < T; t++) {
    for (let j = 0; j <= t; j++) total += map[t * T + j] * (t - j);
  }
  return total / T;
}
