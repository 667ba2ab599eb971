/** What chapter 15's character Transformer task offers the widget beyond a TrainingTask. No React, no DOM. */
import type { TrainingTask } from '../../train/types';
import type { ResolvedTransformerLmConfig } from './lmConfig';

/** Options of {@link TransformerLmTask.sample}. */
export interface TransformerLmSampleOptions {
  /** T >= 0: draws from softmax(logits / T); below 1e-3 greedy. Default 1. */
  temperature?: number;
  /** Seed of the sampler. Default: the task's seed. */
  seed?: number;
  /** Text the sample continues (not part of the result; at most 2,000 characters). Default "\n". */
  prime?: string;
  /** Yield to the browser after this many ms of work (default: every 8 characters). */
  yieldAfterMs?: number;
}

/** Every layer's and head's attention over a passage. */
export interface TransformerAttentionMaps {
  /** The passage as the model read it: its last `contextLength` characters at most. T = `chars.length`. */
  chars: string[];
  numLayers: number;
  numHeads: number;
  /** `layers[l][h]`: block l's head h, `[T, T]` row-major (query row t, key column j); 0 for j > t, rows sum to 1. */
  layers: Float32Array[][];
}

/** The Transformer LM task plus what the widget reads. */
export interface TransformerLmTask extends TrainingTask {
  readonly config: Readonly<ResolvedTransformerLmConfig>;
  /** Trainable parameters (`transformerLmParameterCount`). */
  readonly parameterCount: number;
  /** Characters predicted per step: batchSize x contextLength. */
  readonly charsPerStep: number;
  /** The learning rate the schedule gives at `step` (0-based). */
  learningRateAt(step: number): number;
  /**
   * Generates `numChars` characters, the last `contextLength` characters as context, one async read
   * per character. U+FFFD is never drawn.
   * @throws RangeError for numChars outside [0, 5000], a bad temperature or a prime over 2,000.
   */
  sample(numChars: number, options?: TransformerLmSampleOptions): Promise<string>;
  /**
   * Every block's and head's causal self-attention weights over `text` (its last `contextLength`
   * characters; characters outside the vocabulary read as U+FFFD).
   * @throws RangeError for an empty text.
   */
  attentionMaps(text: string): Promise<TransformerAttentionMaps>;
}
