/**
 * Test data for the sentiment classifier: the real UCI training split, encoded with a simple
 * lowercase / letters-only tokenizer (the project's Tokenizer is written elsewhere), and a small
 * synthetic, linearly separable task.
 */
import seedrandom from 'seedrandom';
import { getSplit, parseUciCorpus } from '../../../src/data';
import { readUciJson } from '../data/realCorpus';

export interface Encoded {
  trainX: Int32Array;
  trainY: Float32Array;
  valX: Int32Array;
  valY: Float32Array;
  vocabSize: number;
  maxlen: number;
}

const words = (text: string) => text.toLowerCase().match(/[a-z']+/g) ?? [];

/** Keras-style encoding: 0 = padding, 1 = OOV, 2.. = words by falling frequency; post padding and truncation. */
export function encodeUci(numWords = 1000, maxlen = 20): Encoded {
  const corpus = parseUciCorpus(readUciJson());
  const train = getSplit(corpus, 'train');
  const val = getSplit(corpus, 'validation');
  const counts = new Map<string, number>();
  for (const t of train.texts) for (const w of words(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, numWords - 2);
  const index = new Map(ranked.map(([w], i) => [w, i + 2]));
  const encode = (texts: string[]) => {
    const x = new Int32Array(texts.length * maxlen);
    texts.forEach((t, r) =>
      words(t)
        .slice(0, maxlen)
        .forEach((w, k) => (x[r * maxlen + k] = index.get(w) ?? 1)),
    );
    return x;
  };
  return {
    trainX: encode(train.texts),
    trainY: Float32Array.from(train.labels),
    valX: encode(val.texts),
    valY: Float32Array.from(val.labels),
    vocabSize: numWords,
    maxlen,
  };
}

/** Ids 2-5 are "positive" words, 6-9 "negative", 10-19 neutral; the label is the majority polarity. */
export function synthetic(nTrain: number, nVal: number, seed = 'synthetic', maxlen = 8): Encoded {
  const rng = seedrandom(seed);
  const make = (n: number) => {
    const x = new Int32Array(n * maxlen);
    const y = new Float32Array(n);
    for (let r = 0; r < n; r++) {
      const positive = rng() < 0.5;
      y[r] = positive ? 1 : 0;
      const len = 3 + Math.floor(rng() * (maxlen - 2));
      for (let k = 0; k < len; k++) {
        const u = rng();
        x[r * maxlen + k] =
          u < 0.5 ? (positive ? 2 : 6) + Math.floor(rng() * 4) : 10 + Math.floor(rng() * 10);
      }
    }
    return { x, y };
  };
  const t = make(nTrain);
  const v = make(nVal);
  return { trainX: t.x, trainY: t.y, valX: v.x, valY: v.y, vocabSize: 20, maxlen };
}
