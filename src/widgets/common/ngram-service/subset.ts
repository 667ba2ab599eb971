/**
 * Seeded subsets of the held-out evaluation targets, shared by the n-gram service and the
 * neural LM widget so that both score exactly the same targets. Pure: no DOM.
 */
import { createRng } from '../../../train/random';

/**
 * Indices of a seeded random subset of `size` targets out of `total`, in increasing order.
 * Target i is the same word at every order (see `evaluationNgrams`), so one subset serves
 * every model. Same (total, size, seed), same indices, on every platform (Alea generator).
 *
 * @param total - number of evaluation targets (e.g. `CorpusInfo.heldoutTargets`).
 * @param size - subset size; at least `total` gives every index.
 * @param seed - any finite number.
 * @throws RangeError when `total` or `size` is not a non-negative integer or `size` is 0.
 */
export function evaluationSubset(total: number, size: number, seed: number): number[] {
  if (!Number.isInteger(total) || total < 0) {
    throw new RangeError(`The number of targets must be a whole number >= 0, got ${total}.`);
  }
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`The subset size must be a whole number >= 1, got ${size}.`);
  }
  const all = Array.from({ length: total }, (_, i) => i);
  if (size >= total) return all;
  // Partial Fisher-Yates: the first `size` slots become a uniform random sample.
  const rng = createRng(seed);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(total - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, size).sort((a, b) => a - b);
}
