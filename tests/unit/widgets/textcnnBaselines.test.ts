/**
 * The TextCNN widget's baselines table under Node: chapter 1's averaged-embedding classifier and
 * chapter 4's TF-IDF logistic regression trained by the widget's worker task kind (the real task
 * host at the far end of a MessageChannel, driven by a TrainingController as the page drives it)
 * on the TextCNN run's own split, beside a TextCNN that keeps training; no tensor left behind.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseUciCorpus } from '../../../src/data';
import { TfidfVectorizer } from '../../../src/nlp';
import { selectBackend } from '../../../src/train/backend';
import { Scheduler } from '../../../src/train/scheduler';
import { serveTasks } from '../../../src/train/worker/host';
import { TrainingController } from '../../../src/widgets/kit/controller';
import { runBaselines, splitTextsOf } from '../../../src/widgets/textcnn/baselineRun';
import { CHAPTER4_VECTORIZER, trainBaseline } from '../../../src/widgets/textcnn/baselines';
import { encodeTexts, splitOf } from '../../../src/widgets/textcnn/encode';
import { textCnnSchema, type TextCnnSettings } from '../../../src/widgets/textcnn/schema';
import { textCnnSpec, type TextCnnData } from '../../../src/widgets/textcnn/spec';
import { textCnnKind } from '../../../src/widgets/textcnn/workerKind';
import { readUciJson } from '../data/realCorpus';
import { channelEndpoint } from './channelWorker';

beforeAll(async () => {
  await selectBackend('cpu');
});
const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()!();
});

const corpus = parseUciCorpus(readUciJson());
const defaultsOf = <T>(schema: Record<string, { default: unknown }>) =>
  Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, v.default])) as T;

describe('TextCNN baselines', () => {
  it('refuse texts that are not the run split', async () => {
    const e = encodeTexts(corpus, 200, 10);
    const data = { ...e, vocabSize: e.numWords };
    const val = splitOf(corpus, 1).texts;
    await expect(trainBaseline('tfidf', data, { train: val, val })).rejects.toThrow(
      /not the run's split \(2400 and 300\)/,
    );
    await expect(trainBaseline('bow' as never, data)).rejects.toThrow(/unknown baseline "bow"/);
  });

  it('train in the widget worker on the run split, row by row, and free every tensor', async () => {
    const settings: TextCnnSettings = {
      ...defaultsOf<TextCnnSettings>(textCnnSchema),
      num_words: 500,
      maxlen: 16,
      filters: 4,
      dim: 8,
      widths: '2,3',
    };
    const data: TextCnnData = {
      corpusName: 'uci',
      corpus,
      labelNames: ['negative', 'positive'],
      encoded: encodeTexts(corpus, settings.num_words, settings.maxlen),
    };
    const controller = new TrainingController(
      {
        ...textCnnSpec,
        spawnWorker: () =>
          channelEndpoint((port) =>
            serveTasks(
              port as never,
              { textcnn: async () => textCnnKind as never },
              { selectBackend: () => selectBackend('cpu') },
            ),
          ).endpoint,
        prepare: async (s) =>
          s.maxlen === settings.maxlen
            ? data
            : { ...data, encoded: encodeTexts(corpus, s.num_words, s.maxlen) },
        runnerOptions: { evalEvery: 1000, scheduler: new Scheduler(), checkpointEveryMs: 0 },
      },
      '/',
    );
    open.push(() => controller.dispose());
    await controller.load(() => settings);
    await runBaselines(controller);
    expect(controller.getState().baselines).toBeNull(); // no TextCNN task yet
    const runner = controller.getState().runner!;
    await runner.stepOnce();
    await runner.stepOnce();
    const before = (await controller.workerMemory())!.numTensors;

    const seen: Array<string | null> = [];
    const unsubscribe = controller.subscribe(() => {
      const running = controller.getState().baselines?.running ?? null;
      if (seen[seen.length - 1] !== running) seen.push(running);
    });
    const run = runBaselines(controller);
    // The TextCNN keeps training in the same worker meanwhile.
    await runner.stepOnce();
    await run;
    unsubscribe();
    expect(seen).toEqual(['averaged', 'tfidf', null]);
    await runner.stepOnce();
    expect((await controller.workerMemory())!.numTensors).toBe(before);

    const b = controller.getState().baselines!;
    expect(b.error).toBeNull();
    const { averaged, tfidf } = b.results;
    for (const r of [averaged!, tfidf!]) {
      expect(r.epochs).toBe(10);
      // Both beat chance clearly on the review sentences, and fit the training split better.
      expect(r.valAccuracy).toBeGreaterThan(0.65);
      expect(r.trainAccuracy).toBeGreaterThan(r.valAccuracy);
      expect(r.trainAccuracy).toBeLessThanOrEqual(1);
      expect(r.valLoss).toBeGreaterThan(0);
      expect(r.valLoss).toBeLessThan(Math.log(2));
    }
    // Chapter 1's model on the TextCNN's ids: V x 16 embeddings, a 16-weight output and a bias.
    expect(averaged!.parameters).toBe(500 * 16 + 17);
    // Chapter 4's on the TF-IDF vocabulary of the same training texts, plus a bias.
    const vocab = new TfidfVectorizer(CHAPTER4_VECTORIZER)
      .fit(splitTextsOf(data).train)
      .getFeatureNamesOut().length;
    expect(tfidf!.parameters).toBe(vocab + 1);

    // The same numbers as a run outside the worker on the same split (seeded, cpu).
    const direct = await trainBaseline('averaged', {
      ...data.encoded,
      vocabSize: data.encoded.numWords,
    });
    expect(direct.valAccuracy).toBe(averaged!.valAccuracy);
    expect(direct.valLoss).toBeCloseTo(averaged!.valLoss, 6);

    // Kept across a Reset that keeps the data; not for other data.
    await controller.apply({ ...settings, seed: settings.seed + 1 });
    expect(controller.getState().baselines?.results.tfidf).toEqual(tfidf);
    await controller.apply({ ...settings, maxlen: 20 });
    expect(controller.getState().baselines).toBeNull();
  }, 180_000); // two baselines and a TextCNN trained in the same worker: about 40 s alone, more in the full suite
});
