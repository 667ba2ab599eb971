/** Reads scripts/fixtures/transformer_torch.py's fixture and compares tensors with it. */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Nested number lists as PyTorch's `tolist()` writes them. */
export type Nested = number | Nested[];

export interface MhaWeightsJson {
  inProjWeight: Nested;
  inProjBias: Nested;
  outProjWeight: Nested;
  outProjBias: Nested;
}

export interface Fixture {
  sizes: {
    batch: number;
    time: number;
    embedDim: number;
    numHeads: number;
    dimFeedforward: number;
  };
  sdpa: Array<{
    name: string;
    causal: boolean;
    mask: Nested | null;
    q: Nested;
    k: Nested;
    v: Nested;
    r: Nested;
    ra: Nested;
    output: Nested;
    weights: Nested;
    grads: Record<'q' | 'k' | 'v', Nested>;
  }>;
  mha: Array<{
    name: string;
    kind: 'self' | 'cross' | 'separate';
    causal: boolean;
    mask: Nested | null;
    query: Nested;
    key?: Nested;
    value?: Nested;
    r: Nested;
    ra: Nested;
    weights: MhaWeightsJson;
    output: Nested;
    attention: Nested;
    grads: Record<string, Nested>;
  }>;
  encoder: Array<{
    normFirst: boolean;
    activation: 'relu' | 'gelu';
    causal: boolean;
    mask: Nested | null;
    x: Nested;
    r: Nested;
    weights: Record<string, Record<string, Nested>>;
    output: Nested;
    grads: Record<string, Nested | Record<string, Nested>>;
  }>;
}

export const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/transformer_torch.json', import.meta.url), 'utf8'),
) as Fixture;

/** A float32 tensor of nested lists. */
export const tensor = (values: Nested): tf.Tensor =>
  tf.tensor(values as number[], undefined, 'float32');

/** Flattens nested lists. */
export const flat = (values: Nested): number[] =>
  Array.isArray(values) ? values.flatMap((v) => flat(v)) : [values];

/** Expects `actual` to have `expected`'s values within `tol` (absolute), naming the first miss. */
export function expectClose(actual: tf.Tensor, expected: Nested, tol: number, what: string): void {
  const want = flat(expected);
  const got = actual.dataSync();
  expect(got.length, `${what}: size`).toBe(want.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  expect(worst, `${what}: largest difference at entry ${at}`).toBeLessThan(tol);
}
