/**
 * The word2vec widget's pure logic: the schema agrees with the model's limits, presets are valid,
 * the automatic learning rate is word2vec.c's per architecture, `toConfig` builds what the model
 * accepts, the words-per-second window, and the reader-facing texts. The worker side (corpus
 * prepared in the model's worker, probes) is in word2vecWorker.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  WORD2VEC_DEFAULTS,
  WORD2VEC_LIMITS,
  resolveWord2VecConfig,
} from '../../../src/models/word2vec';
import { prepareCorpus } from '../../../src/models/word2vec/corpus';
import { parseParams, presetValues } from '../../../src/ui';
import {
  WORD2VEC_KNOBS,
  effectiveAlpha,
  toConfig,
  word2vecPresets,
  word2vecSchema,
  type Word2VecSettings,
} from '../../../src/widgets/word2vec/schema';
import { RateMeter, settingsSummary } from '../../../src/widgets/word2vec/session';
import { activityText } from '../../../src/widgets/word2vec/spec';
import type { CorpusSource } from '../../../src/widgets/word2vec/types';

const SOURCE: CorpusSource = { baseUrl: 'http://x/', name: 'moby', minCount: 1 };

const defaults = Object.fromEntries(
  Object.entries(word2vecSchema).map(([k, s]) => [k, s.default]),
) as unknown as Word2VecSettings;

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
    expect(effectiveAlpha({ alpha: 0, arch: 'cbow' })).toBe(0.025);
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
      const { corpus: source, ...hp } = toConfig({ ...defaults, ...values }, SOURCE);
      expect(source).toEqual(SOURCE);
      expect(() => resolveWord2VecConfig({ ...hp, corpus })).not.toThrow();
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
    expect(messages.join(' ')).toMatch(/Window m/);
    expect(messages.length).toBe(3);
  });
});

describe('toConfig', () => {
  const corpus = prepareCorpus([['a', 'b', 'a', 'c', 'b', 'a']], 1);
  it('leaves alpha 0 to the model, which picks word2vec.c’s default per architecture', () => {
    const cbow = toConfig({ ...defaults, arch: 'cbow' }, SOURCE);
    expect(cbow.alpha).toBeUndefined();
    const { corpus: _c, ...hp } = cbow;
    expect(resolveWord2VecConfig({ ...hp, corpus }).alpha).toBe(WORD2VEC_DEFAULTS.alphaCbow);
    expect(toConfig({ ...defaults, alpha: 0.3 }, SOURCE).alpha).toBe(0.3);
  });

  it('raises a batch below 2 · window to 2 · window (the model refuses less)', () => {
    expect(toConfig({ ...defaults, batch: 64, window: 10 }, SOURCE).batchSize).toBe(64);
    expect(toConfig({ ...defaults, batch: 8, window: 10 }, SOURCE).batchSize).toBe(20);
  });

  it('the divergence hint’s config field maps to the learning-rate control', () => {
    expect(WORD2VEC_KNOBS.alpha).toBe('alpha');
    expect(word2vecSchema[WORD2VEC_KNOBS.alpha].label).toMatch(/Learning rate η.*alpha/);
  });
});

describe('RateMeter', () => {
  it('is null under a second, then words over the window of training time', () => {
    const m = new RateMeter(5);
    expect(m.sample(0, 0)).toBeNull();
    expect(m.sample(0.5, 500)).toBeNull();
    expect(m.sample(2, 4000)).toBe(2000);
    // Past the window the oldest samples drop out: (16000 - 4000) / (8 - 2).
    m.sample(6, 10000);
    expect(m.sample(8, 16000)).toBe(2000);
    expect(m.sample(9, 16000)).toBeCloseTo(12000 / 7);
    m.clear();
    expect(m.sample(10, 20000)).toBeNull();
  });
});

describe('reader-facing texts', () => {
  it('summarises the settings with the effective learning rate', () => {
    expect(settingsSummary({ ...defaults, arch: 'cbow' })).toMatch(/^CBOW, d = 100, .*η₀ 0\.025/);
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
