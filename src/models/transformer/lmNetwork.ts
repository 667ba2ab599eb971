/**
 * The decoder-only Transformer of chapter 15's character model (GPT: Radford et al. 2018, 2019):
 * its variables, their names and initialisation, and the forward pass. Raw tfjs ops. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from '../../train/embedding';
import { createRng } from '../../train/random';
import { positionalEncoding } from './positionalEncoding';
import {
  layerNorm,
  transformerEncoderLayer,
  type TransformerEncoderLayerWeights,
} from './encoderLayer';
import type { ResolvedTransformerLmConfig } from './lmConfig';
import { linear } from './ops';

/** The model's variables (and the fixed sinusoidal table when positions are sinusoidal). */
export interface TransformerLmVariables {
  /** `[V, E]`, also the output layer (tied). */
  tokenEmbedding: tf.Variable;
  /** `[C, E]` learned positions, or null. */
  positionEmbedding: tf.Variable | null;
  /** The fixed table `[C, E]` when positions are sinusoidal (not trained), or null. */
  sinusoids: tf.Tensor2D | null;
  /** One {@link TransformerEncoderLayerWeights} of variables per block, bottom first. */
  blocks: TransformerEncoderLayerWeights[];
  /** The final layer norm `[E]` each. */
  lnF: { weight: tf.Variable; bias: tf.Variable };
  /** `[V]`. */
  outputBias: tf.Variable;
}

const BLOCK_KEYS = [
  ['selfAttn', 'inProjWeight'],
  ['selfAttn', 'inProjBias'],
  ['selfAttn', 'outProjWeight'],
  ['selfAttn', 'outProjBias'],
  ['linear1', 'weight'],
  ['linear1', 'bias'],
  ['linear2', 'weight'],
  ['linear2', 'bias'],
  ['norm1', 'weight'],
  ['norm1', 'bias'],
  ['norm2', 'weight'],
  ['norm2', 'bias'],
] as const;

/**
 * Snapshot names, in the order of {@link transformerLmVariableList}: `tokenEmbedding`,
 * `positionEmbedding` (learned positions only), `block<l>.<module>.<param>` (the encoder layer's
 * weight tree, e.g. `block0.selfAttn.inProjWeight`), `lnF.weight`, `lnF.bias`, `outputBias`.
 */
export function transformerLmWeightNames(layers: number, learnedPositions: boolean): string[] {
  const names = ['tokenEmbedding', ...(learnedPositions ? ['positionEmbedding'] : [])];
  for (let l = 0; l < layers; l++)
    for (const [m, p] of BLOCK_KEYS) names.push(`block${l}.${m}.${p}`);
  return [...names, 'lnF.weight', 'lnF.bias', 'outputBias'];
}

/** The variables in snapshot order, with whether AdamW decays each (matrices only). */
export function transformerLmVariableList(v: TransformerLmVariables): {
  list: tf.Variable[];
  decay: boolean[];
} {
  const list: tf.Variable[] = [v.tokenEmbedding];
  if (v.positionEmbedding) list.push(v.positionEmbedding);
  for (const b of v.blocks) {
    for (const [m, p] of BLOCK_KEYS) list.push((b[m] as unknown as Record<string, tf.Variable>)[p]);
  }
  list.push(v.lnF.weight, v.lnF.bias, v.outputBias);
  return { list, decay: list.map((t) => t.rank === 2) };
}

/**
 * GPT-2's initialisation from the seed: every matrix normal(0, 0.02), the two projections into the
 * residual stream (attention out, linear2) normal(0, 0.02 / sqrt(2N)); biases 0, layer-norm gains 1.
 */
export function initTransformerLm(cfg: ResolvedTransformerLmConfig): TransformerLmVariables {
  const { vocabSize: V, dModel: E, dFf: F, contextLength: C, layers: N, seed } = cfg;
  // Not in a tf.tidy: the sinusoid table must survive (variables would).
  const variable = (t: tf.Tensor) => {
    const out = tf.variable(t);
    t.dispose();
    return out;
  };
  const normal = (name: string, shape: number[], std: number) => {
    const rng = createRng(`${seed}/${name}`);
    const n = shape.reduce((a, b) => a * b, 1);
    return variable(
      tf.tensor(
        Float32Array.from({ length: n }, () => rng.normal() * std),
        shape,
      ),
    );
  };
  const zeros = (shape: number[]) => variable(tf.zeros(shape));
  const ones = (shape: number[]) => variable(tf.ones(shape));
  const residual = 0.02 / Math.sqrt(2 * N);
  const blocks: TransformerEncoderLayerWeights[] = [];
  for (let l = 0; l < N; l++) {
    blocks.push({
      selfAttn: {
        inProjWeight: normal(`block${l}.inProj`, [3 * E, E], 0.02) as tf.Variable<tf.Rank.R2>,
        inProjBias: zeros([3 * E]) as tf.Variable<tf.Rank.R1>,
        outProjWeight: normal(`block${l}.outProj`, [E, E], residual) as tf.Variable<tf.Rank.R2>,
        outProjBias: zeros([E]) as tf.Variable<tf.Rank.R1>,
      },
      linear1: {
        weight: normal(`block${l}.linear1`, [F, E], 0.02) as tf.Variable<tf.Rank.R2>,
        bias: zeros([F]) as tf.Variable<tf.Rank.R1>,
      },
      linear2: {
        weight: normal(`block${l}.linear2`, [E, F], residual) as tf.Variable<tf.Rank.R2>,
        bias: zeros([E]) as tf.Variable<tf.Rank.R1>,
      },
      norm1: {
        weight: ones([E]) as tf.Variable<tf.Rank.R1>,
        bias: zeros([E]) as tf.Variable<tf.Rank.R1>,
      },
      norm2: {
        weight: ones([E]) as tf.Variable<tf.Rank.R1>,
        bias: zeros([E]) as tf.Variable<tf.Rank.R1>,
      },
    });
  }
  const learned = cfg.positions === 'learned';
  return {
    tokenEmbedding: normal('tokenEmbedding', [V, E], 0.02),
    positionEmbedding: learned ? normal('positionEmbedding', [C, E], 0.02) : null,
    sinusoids: learned ? null : positionalEncoding(C, E),
    blocks,
    lnF: { weight: ones([E]), bias: zeros([E]) },
    outputBias: zeros([V]),
  };
}

/** Frees every variable and the sinusoid table. */
export function disposeTransformerLm(v: TransformerLmVariables): void {
  tf.dispose(transformerLmVariableList(v).list);
  v.sinusoids?.dispose();
}

/**
 * The forward pass: ids `[B, T]` (int32, T <= C) -> logits `[B·T, V]`.
 * `x = E_tok[ids] (· sqrt(E) with sinusoidal positions, Vaswani et al. 3.4) + P[0..T)`; N pre-LN
 * blocks with causal self-attention; the final layer norm; logits = `h E_tok^T + b` (tied).
 * @param attention - receives each block's weights `[B, h, T, T]` (inside a tf.tidy: keep them to use them later).
 */
export function transformerLmLogits(
  v: TransformerLmVariables,
  cfg: ResolvedTransformerLmConfig,
  ids: tf.Tensor2D,
  attention?: (layer: number, weights: tf.Tensor4D) => void,
): tf.Tensor2D {
  const [B, T] = ids.shape;
  const E = cfg.dModel;
  return tf.tidy(() => {
    let x = embeddingLookup(v.tokenEmbedding, ids) as tf.Tensor3D;
    if (v.sinusoids) x = tf.mul(x, Math.sqrt(E));
    const pos = v.positionEmbedding ?? v.sinusoids!;
    x = tf.add(x, T === cfg.contextLength ? pos : tf.slice(pos, [0, 0], [T, E]));
    v.blocks.forEach((w, l) => {
      x = transformerEncoderLayer(
        x,
        w,
        { numHeads: cfg.numHeads, normFirst: true, activation: cfg.activation, causal: true },
        attention && ((a) => attention(l, a)),
      );
    });
    const h = layerNorm(x, v.lnF as unknown as { weight: tf.Tensor1D; bias: tf.Tensor1D });
    return tf.reshape(
      linear(h, v.tokenEmbedding as unknown as tf.Tensor2D, v.outputBias as unknown as tf.Tensor1D),
      [B * T, cfg.vocabSize],
    ) as tf.Tensor2D;
  });
}
