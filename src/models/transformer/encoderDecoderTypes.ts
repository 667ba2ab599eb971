/** What chapter 15's encoder-decoder Transformer task offers a widget beyond a TrainingTask. No React, no DOM. */
import type { TrainingTask } from '../../train/types';
import type { Seq2SeqDataset } from '../seq2seq/vocab';
import type { ResolvedTransformerSeq2SeqConfig } from './encoderDecoderConfig';

/** A greedy translation with the cross-attention of every decoder layer and head. */
export interface TransformerSeq2SeqTranslation {
  /** The input as the model read it (symbols outside the vocabulary read as `<unk>`). */
  source: string;
  /** The output, up to (not including) END. */
  output: string;
  /** The input symbols, one per cross-attention column (Tin). */
  sourceTokens: string[];
  /** The generated tokens, one per cross-attention row (Tout): the output's symbols, then `</s>` if produced. */
  outputTokens: string[];
  numLayers: number;
  numHeads: number;
  /**
   * `crossAttention[l][h]`: decoder layer l's head h, `[Tout, Tin]` row-major (row i: how the
   * decoder read the input while producing output token i); every row sums to 1.
   */
  crossAttention: Float32Array[][];
}

/** The encoder-decoder task plus what a widget reads. */
export interface TransformerSeq2SeqTask extends TrainingTask {
  readonly config: Readonly<ResolvedTransformerSeq2SeqConfig>;
  /** The generated splits and the shared vocabulary. */
  readonly dataset: Seq2SeqDataset;
  /** Trainable parameters. */
  readonly parameterCount: number;
  /** The learning rate the schedule gives at `step` (0-based). */
  learningRateAt(step: number): number;
  /**
   * Greedy decoding of `source` (at most `maxInputLength` symbols, possibly longer than any
   * trained on; up to its length + 1 tokens out),
   * with the cross-attention weights of every layer and head.
   * @throws TypeError for a source that is not a string; RangeError for an empty or too long one.
   */
  translate(source: string): Promise<TransformerSeq2SeqTranslation>;
}
