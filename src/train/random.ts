/**
 * Seeded randomness for tasks: batch order, sampling, data generation, and integer seeds for
 * tfjs initialisers. Same seed, same sequence, on every platform (seedrandom's Alea generator,
 * https://github.com/davidbau/seedrandom). No React, no DOM.
 */
import seedrandom from 'seedrandom';

/** A seeded pseudo-random generator. */
export interface Rng {
  /** The seed it was created with. */
  readonly seed: number | string;
  /** Uniform float in [0, 1). */
  next(): number;
  /**
   * Uniform integer in [0, n).
   * @throws RangeError unless n is a positive safe integer.
   */
  int(n: number): number;
  /** Shuffles `array` in place (Fisher-Yates / Durstenfeld) and returns it. */
  shuffle<T>(array: T[]): T[];
  /** Standard normal sample (mean 0, variance 1), Box-Muller transform. */
  normal(): number;
}

/**
 * Creates a seeded generator.
 *
 * @param seed - any finite number or string; equal seeds give equal sequences.
 * @throws TypeError for a non-finite number.
 */
export function createRng(seed: number | string): Rng {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new TypeError(`createRng: the seed must be a finite number or a string, got ${seed}`);
  }
  const alea = seedrandom.alea(String(seed));
  let spare: number | null = null;
  const next = (): number => alea();
  return {
    seed,
    next,
    int(n: number): number {
      if (!Number.isSafeInteger(n) || n <= 0) {
        throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
      }
      return Math.floor(next() * n);
    },
    shuffle<T>(array: T[]): T[] {
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = array[i];
        array[i] = array[j];
        array[j] = tmp;
      }
      return array;
    },
    normal(): number {
      if (spare != null) {
        const value = spare;
        spare = null;
        return value;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * Derives an integer seed for a tfjs initialiser from a task seed and a variable name, so every
 * variable gets its own stream and the same (seed, name) always gives the same weights on a
 * backend: `tf.randomUniform(shape, min, max, 'float32', seedForInit(seed, 'W1'))`.
 *
 * FNV-1a (32-bit) over `"<seed>/<name>"`, finished with a murmur3 mix.
 *
 * @returns an integer in [0, 2^31).
 */
export function seedForInit(seed: number | string, name: string): number {
  const text = `${String(seed)}/${name}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 1;
}
