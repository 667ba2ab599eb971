/**
 * The encoder-decoder Transformer of chapter 15 (Vaswani et al. 2017, figure 1) for a sequence task
 * whose source and target share one vocabulary: its variables, their names and initialisation, the
 * encoder and the decoder. One embedding matrix serves the source, the target and (transposed) the
 * output layer (section 3.4; Press & Wolf 2017). Raw tfjs ops. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from '../../train/embedding';
import { createRng } from '../../train/random';
import {
  transformerDecoderLayer,
  type TransformerDecoderAttention,
  type TransformerDecoderLayerWeights,
} from './decoderLayer';
import {
  layerNorm,
  transformerEncoderLayer,
  type LayerNormWeights,
  type TransformerEncoderLayerWeights,
} from './encoderLayer';
import type { ResolvedTransformerSeq2SeqConfig } from './encoderDecoderConfig';
import { linear } from './ops';
import { positionalEncoding } from './positionalEncoding';

/** The model's variables (and the fixed sinusoid table when positions are sinusoidal). */
export interface TransformerSeq2SeqVariables {
  /** `[V, E]`: source and target embedding and the output layer (tied). */
  embedding: tf.Variable;
  /** Learned source positions `[maxInputLength, E]`, or null. */
  sourcePositions: tf.Variable | null;
  /** Learned target positions `[maxInputLength + 1, E]`, or null. */
  targetPositions: tf.Variable | null;
  /** The fixed table `[maxInputLength + 1, E]` when positions are sinusoidal, or null. */
  sinusoids: tf.Tensor2D | null;
  encoder: TransformerEncoderLayerWeights[];
  decoder: TransformerDecoderLayerWeights[];
  /** The encoder's and the decoder's final layer norms (as `torch.nn.Transformer`). */
  encoderNorm: LayerNormWeights;
  decoderNorm: LayerNormWeights;
  /** `[V]`. */
  outputBias: tf.Variable;
}

const MHA = ['inProjWeight', 'inProjBias', 'outProjWeight', 'outProjBias'] as const;
const LIN = ['weight', 'bias'] as const;
const ENC_KEYS: Array<[string, string]> = [
  ...MHA.map((p) => ['selfAttn', p] as [string, string]),
  ...['linear1', 'linear2', 'norm1', 'norm2'].flatMap((m) =>
    LIN.map((p) => [m, p] as [string, string]),
  ),
];
const DEC_KEYS: Array<[string, string]> = [
  ...MHA.map((p) => ['selfAttn', p] as [string, string]),
  ...MHA.map((p) => ['multiheadAttn', p] as [string, string]),
  ...['linear1', 'linear2', 'norm1', 'norm2', 'norm3'].flatMap((m) =>
    LIN.map((p) => [m, p] as [string, string]),
  ),
];

/**
 * Snapshot names, in the order of {@link transformerSeq2SeqVariableList}: `embedding`,
 * `sourcePositions` and `targetPositions` (learned only), `encoder<l>.<module>.<param>`,
 * `decoder<l>.<module>.<param>` (PyTorch's module names in camel case), `encoderNorm.*`,
 * `decoderNorm.*`, `outputBias`.
 */
export function transformerSeq2SeqWeightNames(layers: number, learned: boolean): string[] {
  const names = ['embedding', ...(learned ? ['sourcePositions', 'targetPositions'] : [])];
  for (let l = 0; l < layers; l++)
    for (const [m, p] of ENC_KEYS) names.push(`encoder${l}.${m}.${p}`);
  for (let l = 0; l < layers; l++)
    for (const [m, p] of DEC_KEYS) names.push(`decoder${l}.${m}.${p}`);
  return [
    ...names,
    'encoderNorm.weight',
    'encoderNorm.bias',
    'decoderNorm.weight',
    'decoderNorm.bias',
    'outputBias',
  ];
}

type Tree = Record<string, Record<string, tf.Variable>>;

/** The variables in snapshot order, with whether AdamW decays each (matrices only). */
export function transformerSeq2SeqVariableList(v: TransformerSeq2SeqVariables): {
  list: tf.Variable[];
  decay: boolean[];
} {
  const list: tf.Variable[] = [v.embedding];
  if (v.sourcePositions) list.push(v.sourcePositions, v.targetPositions!);
  for (const b of v.encoder) for (const [m, p] of ENC_KEYS) list.push((b as unknown as Tree)[m][p]);
  for (const b of v.decoder) for (const [m, p] of DEC_KEYS) list.push((b as unknown as Tree)[m][p]);
  const norms = [v.encoderNorm, v.decoderNorm] as unknown as Array<Record<string, tf.Variable>>;
  for (const n of norms) list.push(n.weight, n.bias);
  list.push(v.outputBias);
  return { list, decay: list.map((t) => t.rank === 2) };
}

/**
 * Initialisation from the seed: every matrix Xavier-uniform (PyTorch's `nn.Transformer` and
 * `MultiheadAttention` default), the embedding normal(0, E^-0.5) (so that, scaled by sqrt(E), its
 * rows have unit size); biases 0, layer-norm gains 1.
 */
export function initTransformerSeq2Seq(
  cfg: ResolvedTransformerSeq2SeqConfig,
  vocabSize: number,
): TransformerSeq2SeqVariables {
  const { dModel: E, dFf: F, layers: N, seed, maxInputLength: P } = cfg;
  const variable = (t: tf.Tensor) => {
    const out = tf.variable(t);
    t.dispose();
    return out;
  };
  const fill = (
    name: string,
    shape: number[],
    draw: (rng: ReturnType<typeof createRng>) => number,
  ) => {
    const rng = createRng(`${seed}/${name}`);
    const n = shape.reduce((a, b) => a * b, 1);
    return variable(
      tf.tensor(
        Float32Array.from({ length: n }, () => draw(rng)),
        shape,
      ),
    );
  };
  const xavier = (name: string, shape: [number, number]) => {
    // A fused [3E, E] in-projection is initialised as PyTorch does: one bound for the whole matrix.
    const a = Math.sqrt(6 / (shape[0] + shape[1]));
    return fill(name, shape, (rng) => (2 * rng.next() - 1) * a);
  };
  const zeros = (shape: number[]) => variable(tf.zeros(shape));
  const ones = (shape: number[]) => variable(tf.ones(shape));
  const mha = (name: string) => ({
    inProjWeight: xavier(`${name}.inProj`, [3 * E, E]),
    inProjBias: zeros([3 * E]),
    outProjWeight: xavier(`${name}.outProj`, [E, E]),
    outProjBias: zeros([E]),
  });
  const ln = () => ({ weight: ones([E]), bias: zeros([E]) });
  const ffn = (name: string) => ({
    linear1: { weight: xavier(`${name}.linear1`, [F, E]), bias: zeros([F]) },
    linear2: { weight: xavier(`${name}.linear2`, [E, F]), bias: zeros([E]) },
  });
  const encoder = Array.from({ length: N }, (_, l) => ({
    selfAttn: mha(`encoder${l}.selfAttn`),
    ...ffn(`encoder${l}`),
    norm1: ln(),
    norm2: ln(),
  })) as unknown as TransformerEncoderLayerWeights[];
  const decoder = Array.from({ length: N }, (_, l) => ({
    selfAttn: mha(`decoder${l}.selfAttn`),
    multiheadAttn: mha(`decoder${l}.multiheadAttn`),
    ...ffn(`decoder${l}`),
    norm1: ln(),
    norm2: ln(),
    norm3: ln(),
  })) as unknown as TransformerDecoderLayerWeights[];
  const learned = cfg.positions === 'learned';
  const std = E ** -0.5;
  return {
    embedding: fill('embedding', [vocabSize, E], (rng) => rng.normal() * std),
    sourcePositions: learned ? fill('sourcePositions', [P, E], (r) => r.normal() * std) : null,
    targetPositions: learned ? fill('targetPositions', [P + 1, E], (r) => r.normal() * std) : null,
    sinusoids: learned ? null : positionalEncoding(P + 1, E),
    encoder,
    decoder,
    encoderNorm: ln() as unknown as LayerNormWeights,
    decoderNorm: ln() as unknown as LayerNormWeights,
    outputBias: zeros([vocabSize]),
  };
}

/** Frees every variable and the sinusoid table. */
export function disposeTransformerSeq2Seq(v: TransformerSeq2SeqVariables): void {
  tf.dispose(transformerSeq2SeqVariableList(v).list);
  v.sinusoids?.dispose();
}

/** `E[ids] · sqrt(E) + P[0..T)` `[B, T, E]` (Vaswani et al. section 3.4). */
function embed(
  v: TransformerSeq2SeqVariables,
  ids: tf.Tensor2D,
  positions: tf.Tensor,
): tf.Tensor3D {
  const [, T] = ids.shape;
  const E = v.embedding.shape[1] as number;
  const x = tf.mul(embeddingLookup(v.embedding, ids), Math.sqrt(E));
  return tf.add(x, tf.slice(positions, [0, 0], [T, E])) as tf.Tensor3D;
}

/**
 * The encoder: source ids `[B, S]` (int32, S <= maxInputLength) and its padding mask `[B, S]`
 * (1 = a real symbol) -> the memory `[B, S, E]` (after the final layer norm).
 */
export function transformerSeq2SeqEncode(
  v: TransformerSeq2SeqVariables,
  cfg: ResolvedTransformerSeq2SeqConfig,
  source: tf.Tensor2D,
  sourceMask: tf.Tensor2D,
): tf.Tensor3D {
  return tf.tidy(() => {
    let x = embed(v, source, v.sourcePositions ?? v.sinusoids!);
    const options = {
      numHeads: cfg.numHeads,
      normFirst: cfg.normFirst,
      activation: cfg.activation,
      mask: sourceMask,
    };
    for (const w of v.encoder) x = transformerEncoderLayer(x, w, options);
    return layerNorm(x, v.encoderNorm) as tf.Tensor3D;
  });
}

/**
 * The decoder: target inputs `[B, T]` (START then the target so far; T <= maxInputLength + 1), the
 * memory `[B, S, E]` and its mask `[B, S]` -> logits `[B·T, V]` (`h E^T + b`, tied).
 * @param attention - receives each decoder layer's attention weights (inside a tf.tidy: keep them).
 */
export function transformerSeq2SeqDecode(
  v: TransformerSeq2SeqVariables,
  cfg: ResolvedTransformerSeq2SeqConfig,
  target: tf.Tensor2D,
  memory: tf.Tensor3D,
  sourceMask: tf.Tensor2D,
  attention?: (layer: number, weights: TransformerDecoderAttention) => void,
): tf.Tensor2D {
  const [B, T] = target.shape;
  const V = v.embedding.shape[0] as number;
  return tf.tidy(() => {
    let x = embed(v, target, v.targetPositions ?? v.sinusoids!);
    const options = {
      numHeads: cfg.numHeads,
      normFirst: cfg.normFirst,
      activation: cfg.activation,
      memoryMask: sourceMask,
    };
    v.decoder.forEach((w, l) => {
      x = transformerDecoderLayer(x, memory, w, options, attention && ((a) => attention(l, a)));
    });
    const h = layerNorm(x, v.decoderNorm);
    return tf.reshape(
      linear(h, v.embedding as unknown as tf.Tensor2D, v.outputBias as unknown as tf.Tensor1D),
      [B * T, V],
    ) as tf.Tensor2D;
  });
}
