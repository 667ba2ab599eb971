/**
 * What the date converter's page shows, as plain data and pure functions (unit-tested without a
 * browser): the probes' results, the check of the reader's date, the attention matrix as rows,
 * and the archive of finished runs whose curves are drawn beside the current run's. No React,
 * no tfjs.
 */
import type { LengthBucket, Seq2SeqAttention } from '../../models/seq2seq';
import type { RunnerState } from '../../train';
import { smoothSeries } from '../kit/useRunner';

/** Facts the worker reports when a run's task is built. */
export interface DateTaskInfo {
  parameterCount: number;
  attention: Seq2SeqAttention;
  /** Every character the encoder knows, in vocabulary order. */
  sourceChars: string;
  /** Longest training input, in characters. */
  maxSourceLength: number;
  trainSize: number;
  validationLabel: string;
  testLabel: string;
}

/** The greedy output of one input and where the decoder looked. */
export interface AttendResult {
  input: string;
  output: string;
  /** The input's characters as the encoder read them. */
  inputTokens: string[];
  /** The output's tokens (characters, then `</s>` when the model ended it). */
  outputTokens: string[];
  /** `[outputTokens.length, inputTokens.length]` row-major, each row sums to 1; null without attention. */
  attention: Float32Array | null;
  /** Training step of the model that produced it. */
  step: number;
}

/** Exact match by input length on both held-out sets at one evaluation. */
export interface ByLengthResult {
  validation: LengthBucket[];
  test: LengthBucket[];
  validationExactMatch: number;
  testExactMatch: number;
  step: number;
}

/** Longest input the page accepts before the worker has said (the task's default). */
export const DEFAULT_MAX_INPUT = 24;

/**
 * Checks the reader's date before it goes to the model.
 * @param known - the characters the encoder knows, or null before a model exists (then only the
 *   length is checked).
 * @returns a reader-facing message, or null when the date can be converted.
 */
export function checkDateInput(
  text: string,
  known: string | null,
  maxLength = DEFAULT_MAX_INPUT,
): string | null {
  const chars = Array.from(text);
  if (text.trim() === '') return 'Type a date, for example 3rd of March 2021.';
  if (chars.length > maxLength) {
    return `That is ${chars.length} characters; the model was trained on dates of at most ${maxLength}.`;
  }
  if (known !== null) {
    const knownSet = new Set(Array.from(known));
    const odd = [...new Set(chars.filter((c) => !knownSet.has(c)))];
    if (odd.length > 0) {
      const list = odd.map((c) => (c === ' ' ? 'space' : `“${c}”`)).join(', ');
      return `The model never saw ${list} in training: use letters, digits, spaces and , . / -`;
    }
  }
  return null;
}

/** The attention matrix as rows (one per output token), or null without attention. */
export function attentionRows(r: AttendResult): number[][] | null {
  const a = r.attention;
  if (!a) return null;
  const cols = r.inputTokens.length;
  if (cols === 0 || a.length !== r.outputTokens.length * cols) return null;
  return r.outputTokens.map((_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols)));
}

/** One line of a chart. */
export interface Line {
  x: number[];
  y: number[];
}

/** A run kept for comparison after it was paused or finished. */
export interface ArchivedRun {
  attention: Seq2SeqAttention;
  /** Legend prefix, e.g. "no attention" or "additive attention". */
  label: string;
  seed: number;
  /** Steps it had trained. */
  step: number;
  /** Training loss, smoothed. */
  loss: Line;
  /** Exact match on held-out dates and on held-out formats, per evaluation. */
  validation: Line;
  test: Line;
  byLength: ByLengthResult | null;
}

/** The runs kept: the latest paused or finished run with attention and the latest without. */
export interface RunArchive {
  attention: ArchivedRun | null;
  none: ArchivedRun | null;
}

export const EMPTY_ARCHIVE: RunArchive = { attention: null, none: null };

/** The legend name of an attention setting. */
export function attentionLabel(a: Seq2SeqAttention): string {
  return a === 'none' ? 'no attention' : `${a} attention`;
}

/**
 * The record of a run from its runner state (null before its first step or evaluation-less
 * runs are kept too: their loss still compares).
 */
export function archiveRun(
  state: RunnerState,
  attention: Seq2SeqAttention,
  seed: number,
  byLength: ByLengthResult | null,
): ArchivedRun | null {
  if (state.step === 0) return null;
  const h = state.history;
  const e = state.evalHistory;
  return {
    attention,
    label: attentionLabel(attention),
    seed,
    step: state.step,
    loss: { x: [...h.step], y: smoothSeries(h.loss) },
    validation: { x: [...e.step], y: [...(e.val_exact_match ?? [])] },
    test: { x: [...e.step], y: [...(e.test_exact_match ?? [])] },
    byLength,
  };
}

/** The archive with `run` as the latest of its kind (with or without attention). */
export function keepRun(archive: RunArchive, run: ArchivedRun | null): RunArchive {
  if (!run) return archive;
  return run.attention === 'none' ? { ...archive, none: run } : { ...archive, attention: run };
}

/**
 * The kept run of the OTHER kind than `current` (the no-attention run beside an attention run
 * and the reverse), drawn beside the current run; null when there is none.
 */
export function comparisonRun(archive: RunArchive, current: Seq2SeqAttention): ArchivedRun | null {
  return current === 'none' ? archive.attention : archive.none;
}
