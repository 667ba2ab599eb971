/**
 * What the encoder-decoder widget's page shows, as plain data and pure functions (unit-tested
 * without a browser): the facts the worker reports, the check of the reader's sequence, the
 * cross-attention maps as heatmap rows, and how much of a head's weight falls on the input symbol
 * each output should copy. No React, no tfjs.
 */
import type { TransformerSeq2SeqTranslation } from '../../models/transformer/encoderDecoderTypes';
import { sequenceTaskTarget, type SequenceTaskName } from '../../models/transformer/seqTasks';

/** Facts the worker reports when a run's task is built. */
export interface TsqTaskInfo {
  parameterCount: number;
  /** Every symbol the model knows, in vocabulary order. */
  symbols: string;
  /** Shortest and longest training sequence. */
  minLength: number;
  maxLength: number;
  /** Longest input the model accepts. */
  maxInputLength: number;
  trainSize: number;
  /** Held-out sequences scored by each evaluation. */
  heldOut: number;
}

const INFO_NUMBERS = [
  'parameterCount',
  'minLength',
  'maxLength',
  'maxInputLength',
  'trainSize',
  'heldOut',
] as const;

/**
 * The worker's report on a run's task (`cs.taskInfo`) read as {@link TsqTaskInfo}, or null when
 * there is none yet or a field is missing or of the wrong type.
 */
export function readTaskInfo(info: Readonly<Record<string, unknown>> | null): TsqTaskInfo | null {
  if (!info || typeof info.symbols !== 'string') return null;
  const out: Record<string, number> = {};
  for (const k of INFO_NUMBERS) {
    const v = info[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    out[k] = v;
  }
  return {
    parameterCount: out.parameterCount,
    symbols: info.symbols,
    minLength: out.minLength,
    maxLength: out.maxLength,
    maxInputLength: out.maxInputLength,
    trainSize: out.trainSize,
    heldOut: out.heldOut,
  };
}

/** The reader's sequence through the model at training step `step`. */
export interface TsqTranslationView extends TransformerSeq2SeqTranslation {
  step: number;
  /** Milliseconds the probe took (decoding and the maps). */
  ms: number;
}

/** The symbols of the model's default alphabet, before the worker has said. */
export const DEFAULT_SYMBOLS = '0123456789';

const symbolRange = (symbols: string) =>
  symbols.length > 2 ? `${symbols[0]}–${symbols[symbols.length - 1]}` : symbols;

/**
 * Checks the reader's sequence before it goes to the model.
 * @param symbols - every symbol the model knows.
 * @param maxInput - the longest input the model accepts.
 * @returns a reader-facing message, or null when the sequence can be read.
 */
export function checkSequenceInput(text: string, symbols: string, maxInput: number): string | null {
  const chars = Array.from(text);
  if (chars.length === 0) {
    return `Type a sequence of the symbols ${symbolRange(symbols)}, for example 8302517.`;
  }
  const known = new Set(Array.from(symbols));
  const odd = [...new Set(chars.filter((c) => !known.has(c)))];
  if (odd.length > 0) {
    const list = odd.map((c) => (c === ' ' ? 'space' : `“${c}”`)).join(', ');
    return `The model knows only the symbols ${symbolRange(symbols)}: remove ${list}.`;
  }
  if (chars.length > maxInput) {
    return `That is ${chars.length} symbols; the model reads at most ${maxInput}.`;
  }
  return null;
}

/**
 * Rows of a `[rows, cols]` row-major map (output position i, input position j), for `Heatmap`.
 * @throws RangeError when `map.length` is not rows × cols.
 */
export function matrixRows(map: ArrayLike<number>, rows: number, cols: number): number[][] {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || map.length !== rows * cols) {
    throw new RangeError(`matrixRows: expected ${rows}×${cols} weights, got ${map.length}`);
  }
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => map[i * cols + j]),
  );
}

/**
 * The mean, over the output positions that have a symbol to write (not `</s>`), of the weight a
 * head puts on the input positions holding that symbol: 1 when every output reads exactly the
 * symbol it must copy (for a reversal without repeats, the anti-diagonal), about 1/T_x for
 * uniform attention. 0 when there is no such row.
 * @param map - `[outputLength, source.length]` row-major weights.
 * @param target - the correct output (its first outputLength symbols are scored).
 * @throws RangeError when `map.length` is not outputLength × source length.
 */
export function alignmentWeight(
  map: ArrayLike<number>,
  outputLength: number,
  source: string,
  target: string,
): number {
  const src = Array.from(source);
  const tgt = Array.from(target);
  const S = src.length;
  if (map.length !== outputLength * S) {
    throw new RangeError(
      `alignmentWeight: expected ${outputLength}×${S} weights, got ${map.length}`,
    );
  }
  const rows = Math.min(outputLength, tgt.length);
  if (rows === 0) return 0;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < S; j++) if (src[j] === tgt[i]) total += map[i * S + j];
  }
  return total / rows;
}

/** One cross-attention map ready to draw. */
export interface CrossAttentionCell {
  layer: number;
  head: number;
  rows: number[][];
  /** {@link alignmentWeight} of the map for the task's correct output. */
  alignment: number;
  /** Per output row, `input index:weight` of its largest weight (tests read it). */
  peaks: string;
}

/** Every layer's and head's map of `t` for `task`, layer by layer, head by head. */
export function crossAttentionCells(
  t: TransformerSeq2SeqTranslation,
  task: SequenceTaskName,
): CrossAttentionCell[] {
  const S = t.sourceTokens.length;
  const T = t.outputTokens.length;
  const target = sequenceTaskTarget(task, t.source);
  return t.crossAttention.flatMap((heads, layer) =>
    heads.map((m, head) => {
      const rows = matrixRows(m, T, S);
      const peaks = rows
        .map((r) => {
          const j = r.indexOf(Math.max(...r));
          return `${j}:${r[j].toFixed(2)}`;
        })
        .join(' ');
      return { layer, head, rows, alignment: alignmentWeight(m, T, t.source, target), peaks };
    }),
  );
}
