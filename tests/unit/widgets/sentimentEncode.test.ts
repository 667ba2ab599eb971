import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseUciCorpus, type UciCorpus } from '../../../src/data';
import { encodeCorpus, encodeSentence } from '../../../src/widgets/sentiment-classifier/encode';

const root = join(__dirname, '..', '..', '..');
let corpus: UciCorpus;

beforeAll(() => {
  const file = join(root, 'public', 'data', 'uci-sentences.json');
  if (!existsSync(file)) execFileSync('node', [join(root, 'scripts', 'prepare-data.mjs')]);
  corpus = parseUciCorpus(JSON.parse(readFileSync(file, 'utf8')));
});

const params = { numWords: 1000, maxlen: 20, padding: 'pre', truncating: 'pre' } as const;

describe('encodeCorpus (sentiment widget)', () => {
  it('encodes the train and validation splits into [n, maxlen] id matrices below num_words', () => {
    const e = encodeCorpus(corpus, params);
    expect(e.nTrain).toBe(2400);
    expect(e.nVal).toBe(300);
    expect(e.trainX.length).toBe(2400 * 20);
    expect(e.valX.length).toBe(300 * 20);
    expect(Math.max(...e.trainX)).toBeLessThan(1000);
    expect(Math.max(...e.valX)).toBeLessThan(1000);
    expect(e.vocabSize).toBe(1000);
    expect(e.trainY.reduce((a, b) => a + b, 0)).toBe(1200);
  });

  it('fits the vocabulary on the training split only, so validation has OOV words', () => {
    const e = encodeCorpus(corpus, { ...params, numWords: 100000 });
    // With no effective num_words cut, training text has no OOV at all, validation still does.
    expect(e.trainOovRate).toBe(0);
    expect(e.valOovRate).toBeGreaterThan(0.02);
    const valWords = new Set(
      corpus.texts.filter((_, i) => corpus.splits[i] === 1).flatMap((t) => e.tokenizer.tokensOf(t)),
    );
    const unseen = [...valWords].filter((w) => !e.tokenizer.wordIndex.has(w));
    expect(unseen.length).toBeGreaterThan(0);
  });

  it('a smaller num_words raises the OOV rate', () => {
    const small = encodeCorpus(corpus, { ...params, numWords: 50 });
    const large = encodeCorpus(corpus, params);
    expect(small.valOovRate).toBeGreaterThan(large.valOovRate + 0.2);
    expect(small.trainOovRate).toBeGreaterThan(0.2);
  });

  it('pads on the chosen side', () => {
    const pre = encodeCorpus(corpus, { ...params, maxlen: 60 });
    const post = encodeCorpus(corpus, { ...params, maxlen: 60, padding: 'post' });
    expect(pre.trainX[0]).toBe(0); // short sentence, zeros first
    expect(post.trainX[59]).toBe(0); // zeros last
    expect(post.trainX[0]).not.toBe(0);
  });

  it('encodes a sentence the same way, marking unknown words as 1', () => {
    const e = encodeCorpus(corpus, params);
    const s = encodeSentence(e, 'The food was great, zxqvbnm!');
    expect(s.tokens).toEqual(['the', 'food', 'was', 'great', 'zxqvbnm']);
    expect(s.ids[4]).toBe(1);
    expect(s.ids[0]).toBe(e.tokenizer.wordIndex.get('the'));
    expect(s.row.length).toBe(20);
    expect(Array.from(s.row.slice(15))).toEqual(s.ids);
  });

  it('rejects num_words below 2 and maxlen below 1', () => {
    expect(() => encodeCorpus(corpus, { ...params, numWords: 1 })).toThrow(/num_words/);
    expect(() => encodeCorpus(corpus, { ...params, maxlen: 0 })).toThrow(/maxlen/);
  });
});
