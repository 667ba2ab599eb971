/**
 * The word2vec widget's pure logic: the schema agrees with the model's limits, presets are valid,
 * the automatic learning rate is word2vec.c's per architecture, a worker message becomes a usable
 * corpus, and the reader-facing texts.
 */
import { describe, expect, it } from 'vitest';
import {
  WORD2VEC_DEFAULTS,
  WORD2VEC_LIMITS,
  resolveWord2VecConfig,
} from '../../../src/models/word2vec';
import { prepareCorpus } from '../../../src/models/word2vec/corpus';
import { parseParams, presetValues } from '../../../src/ui';
import { activityText, settingsSummary } from '../../../src/widgets/word2vec/controller';
import { fromMessage } from '../../../src/widgets/word2vec/corpusClient';
import {
  effectiveAlpha,
  word2vecPresets,
  word2vecSchema,
  type Word2VecSettings,
} from '../../../src/widgets/word2vec/schema';

const defaults = Object.fromEntries(
  Object.entries(word2vecSchema).map(([k, s]) => [k, s.default]),
) as Word2VecSettings;

describe('word2vec widget schema', () => {
  it('uses the model bounds, so every accepted value is one createWord2VecTask accepts', () => {
    const L = WORD2VEC_LIMITS;
    const pairs: [keyof typeof word2vecSchema, readonly [number, number]][] = [
      ['window', L.window],
      ['negative', L.negative],
      ['dim', L.dim],
      ['sample', L.sample],
      ['minCount', L.minCount],
      ['epochs', L.epochs],
      ['batch', L.batchSize],
      ['seed', L.seed],
    ];
    for (const [name, [min, max]] of pairs) {
      const spec = word2vecSchema[name];
      expect(spec.kind).toBe('number');
      if (spec.kind === 'number') expect([name, spec.min, spec.max]).toEqual([name, min, max]);
    }
    expect(defaults.window).toBe(WORD2VEC_DEFAULTS.window);
    expect(defaults.dim).toBe(WORD2VEC_DEFAULTS.dim);
  });

  it('alpha 0 means word2vec.c’s default per architecture; a set alpha is kept', () => {
    expect(effectiveAlpha({ alpha: 0, arch: 'skipgram' })).toBe(0.025);
    expect(effectiveAlpha({ alpha: 0, arch: 'cbow' })).toBe(0.05);
    expect(effectiveAlpha({ alpha: 0.1, arch: 'cbow' })).toBe(0.1);
  });

  it('CBOW defaults to 1,024 rows per step (whole windows; 4,096 diverged at alpha 0.05), skip-gram to 4,096', () => {
    const corpus = prepareCorpus([['a', 'b', 'a', 'c', 'b', 'a']], 1);
    expect(resolveWord2VecConfig({ corpus, architecture: 'cbow' }).batchSize).toBe(1024);
    expect(resolveWord2VecConfig({ corpus }).batchSize).toBe(4096);
    expect(resolveWord2VecConfig({ corpus, architecture: 'cbow', batchSize: 512 }).batchSize).toBe(
      512,
    );
    const cbow = word2vecPresets.find((p) => p.name === 'cbow');
    expect(cbow?.values).toMatchObject({ arch: 'cbow', batch: WORD2VEC_DEFAULTS.batchSizeCbow });
  });

  it('every preset is valid and builds a config the model accepts', () => {
    const corpus = prepareCorpus([['a', 'b', 'a', 'c', 'b', 'a']], 1);
    for (const p of word2vecPresets) {
      const { values, messages } = presetValues(word2vecSchema, p);
      expect(messages, p.name).toEqual([]);
      const v = values as Word2VecSettings;
      expect(() =>
        resolveWord2VecConfig({
          corpus,
          architecture: v.arch,
          window: v.window,
          negative: v.negative,
          dim: v.dim,
          alpha: effectiveAlpha(v),
          sample: v.sample,
          epochs: v.epochs,
          batchSize: v.batch,
          seed: v.seed,
        }),
      ).not.toThrow();
    }
  });

  it('out-of-range URL values are clamped with a message naming the knob', () => {
    const { values, messages } = parseParams(
      word2vecSchema,
      new URLSearchParams('w2v.window=99&w2v.corpus=nope&w2v.alpha=-1'),
      'w2v.',
    );
    expect(values.window).toBe(10);
    expect(values.corpus).toBe('sotu');
    expect(values.alpha).toBe(0);
    expect(messages.join(' ')).toMatch(/Window c/);
    expect(messages.length).toBe(3);
  });
});

describe('corpus worker message', () => {
  it('rebuilds the word → id map and counts the sentences', () => {
    const c = prepareCorpus([['the', 'whale', 'the'], ['rare'], ['the', 'whale']], 2);
    const p = fromMessage({
      corpus: 'moby',
      minCount: 2,
      words: c.vocab.words,
      counts: c.vocab.counts,
      ids: c.ids,
      sentenceStarts: c.sentenceStarts,
      totalTokens: c.vocab.totalTokens,
      keptTokens: c.vocab.keptTokens,
      prepareMs: 1,
    });
    expect(p.corpus.vocab.index.get('the')).toBe(0);
    expect(p.corpus.vocab.index.get('whale')).toBe(1);
    expect(p.corpus.vocab.index.has('rare')).toBe(false);
    expect(p.sentences).toBe(2); // the sentence of "rare" alone is dropped
    expect(p.totalTokens).toBe(6);
    expect(() => resolveWord2VecConfig({ corpus: p.corpus, batchSize: 64 })).not.toThrow();
  });
});

describe('reader-facing texts', () => {
  it('summarises the settings with the effective learning rate', () => {
    expect(settingsSummary({ ...defaults, arch: 'cbow' })).toMatch(/^CBOW, d = 100, .*α₀ 0\.05/);
    expect(settingsSummary({ ...defaults, epochs: 1 })).toMatch(/1 epoch$/);
  });

  it('says what preparation is doing', () => {
    expect(activityText('moby', { phase: 'download', fraction: 0.5 })).toBe(
      'Downloading Moby Dick (50%)',
    );
    expect(activityText('sotu', { phase: 'tokenize', fraction: null })).toMatch(
      /Tokenizing the State/,
    );
  });
});
