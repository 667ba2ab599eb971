/**
 * Parameter matching of chapter 15's comparison: the hidden size d_h of chapter 9's character
 * LSTM whose trainable parameter count is nearest a given character Transformer's. Pure: no tfjs,
 * no React (the page shows the match before any model exists).
 */
import { CHAR_LM_LIMITS } from '../../models/rnn/charLmConfig';
import {
  transformerLmParameterCount,
  type TransformerPositions,
} from '../../models/transformer/lmConfig';

/** The sizes of a character Transformer that fix its parameter count. */
export interface TransformerSize {
  /** V, the vocabulary size (characters). */
  vocabSize: number;
  /** d_model. */
  dModel: number;
  /** d_ff. */
  dFf: number;
  /** N, the blocks. */
  layers: number;
  /** The context length (learned positions have one row per position). */
  contextLength: number;
  /** Default 'learned' (the widget's model). */
  positions?: TransformerPositions;
}

/** The LSTM chosen for a Transformer. */
export interface LstmMatch {
  /** d_h of the LSTM. */
  hiddenSize: number;
  /** Its trainable parameters ({@link lstmParameterCount}). */
  lstmParams: number;
  /** The Transformer's (`transformerLmParameterCount`). */
  transformerParams: number;
  /** True when the nearest size lies outside chapter 9's bounds and d_h was clamped to one. */
  clamped: boolean;
}

/**
 * Trainable parameters of chapter 9's one-layer character LSTM (one-hot input, no embedding):
 * 4·d_h·(V + d_h) + 2·4·d_h (W_ih, W_hh and PyTorch's two bias vectors) + V·d_h + V (the decoder),
 * i.e. `charLmParameterCount('lstm', V, d_h, 1)` without importing the model (and tfjs).
 * @throws RangeError for a vocabulary or hidden size that is not a positive integer.
 */
export function lstmParameterCount(vocabSize: number, hiddenSize: number): number {
  for (const [name, v] of [
    ['vocabSize', vocabSize],
    ['hiddenSize', hiddenSize],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`lstmParameterCount: ${name} must be a positive integer, got ${v}`);
    }
  }
  const H = hiddenSize;
  const V = vocabSize;
  return 4 * H * (V + H) + 8 * H + V * H + V;
}

/**
 * The LSTM hidden size whose parameter count is nearest the Transformer's of size `t` (ties: the
 * smaller), within chapter 9's bounds `CHAR_LM_LIMITS.hiddenSize` ([1, 512]). The count is a
 * quadratic in d_h, 4 d_h² + (5V + 8) d_h + V, so d_h is its positive root for the Transformer's
 * count, rounded to the nearer neighbour.
 * @throws RangeError for sizes that are not positive integers.
 */
export function matchLstmHiddenSize(t: TransformerSize): LstmMatch {
  const { vocabSize: V, dModel, dFf, layers, contextLength } = t;
  for (const [name, v] of Object.entries({ V, dModel, dFf, layers, contextLength })) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`matchLstmHiddenSize: ${name} must be a positive integer, got ${v}`);
    }
  }
  const target = transformerLmParameterCount(
    V,
    dModel,
    dFf,
    layers,
    contextLength,
    t.positions ?? 'learned',
  );
  const [lo, hi] = CHAR_LM_LIMITS.hiddenSize;
  const b = 5 * V + 8;
  const root = (-b + Math.sqrt(b * b + 16 * Math.max(0, target - V))) / 8;
  const clampH = (h: number) => Math.min(hi, Math.max(lo, h));
  let best = clampH(Math.floor(root));
  for (const h of [Math.floor(root) + 1, Math.floor(root) - 1].map(clampH)) {
    const d = Math.abs(lstmParameterCount(V, h) - target);
    if (d < Math.abs(lstmParameterCount(V, best) - target)) best = h;
  }
  return {
    hiddenSize: best,
    lstmParams: lstmParameterCount(V, best),
    transformerParams: target,
    clamped: Math.round(root) > hi || Math.round(root) < lo,
  };
}
