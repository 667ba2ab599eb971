/**
 * Chapter 11's TextCNN widget under Node: the encoding of the corpora, the schema's config, and
 * the widget's spec and worker task kind served by the real task host at the far end of a
 * MessageChannel, driven by a TrainingController as the page drives it (training, the n-gram and
 * explanation probes, no tensor leak per step in the "worker").
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseUciCorpus } from '../../../src/data';
import { resolveTextCnnConfig } from '../../../src/models/textcnn/config';
import { selectBackend } from '../../../src/train/backend';
import { Scheduler } from '../../../src/train/scheduler';
import { serveTasks } from '../../../src/train/worker/host';
import { TrainingController } from '../../../src/widgets/kit/controller';
import { encodeText, encodeTexts, PAD_TOKEN } from '../../../src/widgets/textcnn/encode';
import { textCnnSchema, toConfig, type TextCnnSettings } from '../../../src/widgets/textcnn/schema';
import {
  refreshExplanation,
  refreshNgrams,
  textCnnSpec,
  type TextCnnData,
} from '../../../src/widgets/textcnn/spec';
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
const defaults = Object.fromEntries(
  Object.entries(textCnnSchema).map(([k, v]) => [k, v.default]),
) as TextCnnSettings;

describe('TextCNN widget data', () => {
  it('encodes the UCI splits with a training-only vocabulary, padded at the end', () => {
    const e = encodeTexts(corpus, 500, 20);
    expect([e.nTrain, e.nVal]).toEqual([2400, 300]);
    expect(e.trainX).toHaveLength(2400 * 20);
    expect(e.vocabulary.slice(0, 2)).toEqual([PAD_TOKEN, '<OOV>']);
    expect(e.vocabulary).toHaveLength(500);
    const { tokens, ids, row } = encodeText(e, 'The food was great');
    expect(tokens).toEqual(['the', 'food', 'was', 'great']);
    expect(Array.from(row.slice(0, 4))).toEqual(ids);
    expect(ids.map((id) => e.vocabulary[id])).toEqual(tokens);
    expect(Array.from(row.slice(4))).toEqual(new Array(16).fill(0));
  });

  it('the default settings give a valid model config', () => {
    const cfg = resolveTextCnnConfig(toConfig(defaults, encodeTexts(corpus, 2000, 40)));
    expect(cfg.filterWidths).toEqual([3, 4, 5]);
    expect(cfg.vocabulary![5]).toBeTypeOf('string');
  });
});

describe('TextCNN widget on the kit', () => {
  it('trains in the worker, reads n-grams and explanations, and leaks nothing per step', async () => {
    const settings: TextCnnSettings = {
      ...defaults,
      num_words: 300,
      maxlen: 12,
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
              {
                selectBackend: () => selectBackend('cpu'),
              },
            ),
          ).endpoint,
        prepare: async () => data,
        runnerOptions: { evalEvery: 1000, scheduler: new Scheduler(), checkpointEveryMs: 0 },
      },
      '/',
    );
    open.push(() => controller.dispose());
    await controller.load(() => settings);
    const runner = controller.getState().runner!;
    await refreshNgrams(controller);
    expect(controller.getState().ngrams).toBeNull(); // no model yet
    await runner.stepOnce();
    await runner.stepOnce();
    const before = (await controller.workerMemory())!.numTensors;
    for (let i = 0; i < 3; i++) await runner.stepOnce();
    expect((await controller.workerMemory())!.numTensors).toBe(before);

    await refreshNgrams(controller);
    const s = controller.getState();
    expect(s.probeError).toBeNull();
    expect(s.ngrams).toHaveLength(8);
    expect(s.ngramsStep).toBe(5);
    expect(s.ngrams![0].ngrams[0]?.words).toHaveLength(2);

    await refreshExplanation(controller, 'The food was great');
    const ex = controller.getState().explanation!;
    expect(ex.tokens.slice(0, 4)).toEqual(['the', 'food', 'was', 'great']);
    expect(ex.tokens).toHaveLength(12);
    expect(ex.filters).toHaveLength(8);
    const sum = ex.contributions.reduce((a, b) => a + b, 0) + ex.bias;
    expect(sum).toBeCloseTo(ex.margin, 4);
    expect((await controller.workerMemory())!.numTensors).toBe(before);
  });
});
