/**
 * Chapter 15's sequence tasks for the encoder-decoder Transformer, generated from a seed in the
 * page (no download): reverse a sequence of symbols ("3185" -> "5813") or sort it ("3185" ->
 * "1358"). Reversal is the task whose cross-attention should learn the anti-diagonal alignment;
 * sorting needs each output to look at every input. Deterministic for a seed; sequences are split
 * into train / validation / test by a hash of the seed and the sequence, so no held-out sequence is
 * ever trained on. Same dataset type as chapters 13-14 ({@link Seq2SeqDataset}). No tfjs, no React,
 * no DOM.
 */
import { checkInRange } from '../limits';
import { createRng, seedForInit } from '../../train/random';
import { createSeq2SeqVocab, type Seq2SeqDataset, type Seq2SeqExample } from '../seq2seq/vocab';

/** The sequence tasks: reversal or sorting. */
export type SequenceTaskName = 'reverse' | 'sort';

/** The symbol sets: the ten digits, or the 26 lower-case letters. */
export type SequenceAlphabet = 'digits' | 'letters';

/** The task names and alphabets, for the widget's selects. */
export const SEQUENCE_TASKS: readonly SequenceTaskName[] = ['reverse', 'sort'];
export const SEQUENCE_ALPHABETS: readonly SequenceAlphabet[] = ['digits', 'letters'];

const SYMBOLS: Record<SequenceAlphabet, string> = {
  digits: '0123456789',
  letters: 'abcdefghijklmnopqrstuvwxyz',
};

/** Options of {@link sequenceTaskDataset}. */
export interface SequenceTaskOptions {
  /** 'reverse' (default) or 'sort'. */
  task?: SequenceTaskName;
  /** 'digits' (default) or 'letters'. */
  alphabet?: SequenceAlphabet;
  /** Shortest sequence, an integer in [1, 32]. Default 4. */
  minLength?: number;
  /** Longest sequence, an integer in [minLength, 32]. Default 10. */
  maxLength?: number;
  /** Training pairs, in [1, 1000000]. Default 20000. */
  trainSize?: number;
  /** Validation pairs, in [1, 1000000]. Default 500. */
  validationSize?: number;
  /** Test pairs, in [1, 1000000]. Default 500. */
  testSize?: number;
  /** Seed, an integer in [0, 999999]. Default 42. */
  seed?: number;
}

/** Fraction of the sequences never trained on: half validation, half test. */
export const SEQUENCE_HELD_OUT_FRACTION = 0.1;

type Split = 'train' | 'validation' | 'test';
const splitOf = (seed: number, key: string): Split => {
  const u = seedForInit(seed, key) / 2 ** 31;
  const f = SEQUENCE_HELD_OUT_FRACTION;
  return u < f / 2 ? 'validation' : u < f ? 'test' : 'train';
};

/** The target of `task` for `source`: its characters reversed, or sorted by code point. */
export function sequenceTaskTarget(task: SequenceTaskName, source: string): string {
  const chars = Array.from(source);
  return (task === 'sort' ? chars.sort() : chars.reverse()).join('');
}

/**
 * Draws the three splits: each sequence has a length uniform in [minLength, maxLength] and
 * independent uniform symbols; the target is {@link sequenceTaskTarget}. Source and target share
 * one vocabulary (the special tokens, then the symbols), so a model may tie its embeddings. With
 * very short sequences (few distinct ones) held-out sequences repeat, which is fine for scoring.
 * @throws TypeError / RangeError naming the option for an unknown task or alphabet, a length or
 *   size out of range, or maxLength < minLength.
 */
export function sequenceTaskDataset(options: SequenceTaskOptions = {}): Seq2SeqDataset {
  const who = 'sequence task:';
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${who} options must be an object`);
  }
  const {
    task = 'reverse',
    alphabet = 'digits',
    minLength = 4,
    maxLength = 10,
    trainSize = 20_000,
    validationSize = 500,
    testSize = 500,
    seed = 42,
  } = options;
  if (!SEQUENCE_TASKS.includes(task)) {
    throw new RangeError(`${who} task must be one of ${SEQUENCE_TASKS.join(', ')}, got ${task}`);
  }
  if (!SEQUENCE_ALPHABETS.includes(alphabet)) {
    throw new RangeError(
      `${who} alphabet must be one of ${SEQUENCE_ALPHABETS.join(', ')}, got ${alphabet}`,
    );
  }
  checkInRange(who, 'minLength', minLength, [1, 32], true);
  checkInRange(who, 'maxLength', maxLength, [minLength, 32], true);
  checkInRange(who, 'trainSize', trainSize, [1, 1_000_000], true);
  checkInRange(who, 'validationSize', validationSize, [1, 1_000_000], true);
  checkInRange(who, 'testSize', testSize, [1, 1_000_000], true);
  checkInRange(who, 'seed', seed, [0, 999_999], true);
  const symbols = SYMBOLS[alphabet];
  const rng = createRng(`${seed}/sequence-task/${task}/${alphabet}`);
  const draw = (n: number, want: Split): Seq2SeqExample[] => {
    const out: Seq2SeqExample[] = [];
    for (let tries = 0; out.length < n; tries++) {
      if (tries > 100 * n + 1000) throw new Error(`${who} could not draw ${n} ${want} sequences`);
      const len = minLength + rng.int(maxLength - minLength + 1);
      let source = '';
      for (let i = 0; i < len; i++) source += symbols[rng.int(symbols.length)];
      if (splitOf(seed, source) !== want) continue;
      out.push({ source, target: sequenceTaskTarget(task, source) });
    }
    return out;
  };
  const vocab = createSeq2SeqVocab(symbols);
  return {
    name: task,
    train: draw(trainSize, 'train'),
    validation: draw(validationSize, 'validation'),
    test: draw(testSize, 'test'),
    splitLabels: { validation: 'held-out sequences', test: 'more held-out sequences' },
    sourceVocab: vocab,
    targetVocab: vocab,
    maxSourceLength: maxLength,
    maxTargetLength: maxLength,
  };
}
