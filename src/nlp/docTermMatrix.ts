/**
 * Internals of the Keras Tokenizer port: input validation and the document-term matrix of
 * `sequences_to_matrix` (keras-preprocessing 1.1.2, keras_preprocessing/text.py).
 */
import type { Float32Matrix } from './matrix';
import type { MatrixMode, TokenizerText } from './tokenizer';

const MODES: readonly MatrixMode[] = ['binary', 'count', 'freq', 'tfidf'];

/**
 * Keras' `sequences_to_matrix` loop, for validated input: shape `[sequences.length, cols]`;
 * indices `>= cols` are skipped but still count in the sequence length used by `freq`.
 * `tfidf` = (1 + ln c) * ln(1 + documentCount / (1 + indexDocs[j])).
 */
export function docTermMatrix(
  sequences: readonly (readonly number[])[],
  mode: MatrixMode,
  cols: number,
  documentCount: number,
  indexDocs: ReadonlyMap<number, number>,
): Float32Matrix {
  const data = new Float32Array(sequences.length * cols);
  sequences.forEach((seq, row) => {
    if (seq.length === 0) return;
    const counts = new Map<number, number>();
    for (const j of seq) if (j < cols) counts.set(j, (counts.get(j) ?? 0) + 1);
    for (const [j, c] of counts) {
      let v: number;
      if (mode === 'count') v = c;
      else if (mode === 'freq') v = c / seq.length;
      else if (mode === 'binary') v = 1;
      else v = (1 + Math.log(c)) * Math.log(1 + documentCount / (1 + (indexDocs.get(j) ?? 0)));
      data[row * cols + j] = v;
    }
  });
  return { rows: sequences.length, cols, data };
}

/** @throws TypeError unless `mode` is one of binary, count, freq, tfidf. */
export function checkMode(mode: unknown): asserts mode is MatrixMode {
  if (!MODES.includes(mode as MatrixMode)) {
    throw new TypeError(
      `Unknown vectorization mode ${JSON.stringify(mode)}; use one of ${MODES.join(', ')}.`,
    );
  }
}

/** @throws TypeError (naming `fn` and the index) unless every text is a string or string[]. */
export function checkTexts(texts: unknown, fn: string): readonly TokenizerText[] {
  if (!Array.isArray(texts)) throw new TypeError(`${fn}: expected an array of texts.`);
  texts.forEach((t: unknown, i) => {
    const ok =
      typeof t === 'string' || (Array.isArray(t) && t.every((x: unknown) => typeof x === 'string'));
    if (!ok) throw new TypeError(`${fn}: texts[${i}] must be a string or an array of strings.`);
  });
  return texts as readonly TokenizerText[];
}

/**
 * @throws TypeError (naming `fn` and the index) unless every sequence is an array of numbers,
 *   non-negative integers when `strict`.
 */
export function checkSequences(seqs: unknown, fn: string, strict = true): void {
  if (!Array.isArray(seqs)) throw new TypeError(`${fn}: expected an array of sequences.`);
  seqs.forEach((s: unknown, i) => {
    if (!Array.isArray(s))
      throw new TypeError(`${fn}: sequences[${i}] must be an array of numbers.`);
    for (const x of s as unknown[]) {
      const ok = typeof x === 'number' && (!strict || (Number.isInteger(x) && x >= 0));
      if (!ok) {
        throw new TypeError(
          `${fn}: sequences[${i}] contains ${String(x)}; indices must be ${strict ? 'non-negative integers' : 'numbers'}.`,
        );
      }
    }
  });
}
