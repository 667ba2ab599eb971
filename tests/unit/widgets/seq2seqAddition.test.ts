/**
 * Chapter 13's addition widget: the reader's question is checked with a message that says what
 * to fix; the schema's defaults and bounds are the model's; `toConfig` builds a valid model
 * config without attention; the worker's calls decode (beam of width 1 = greedy) and report the
 * held-out sums in the order the reader types them, also when the run reverses its input.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  resolveSeq2SeqConfig,
  SEQ2SEQ_DEFAULTS,
  SEQ2SEQ_LIMITS,
  type Seq2SeqTask,
} from '../../../src/models/seq2seq';
import { defaults, parseParams } from '../../../src/ui';
import { encoderView, parseQuestion } from '../../../src/widgets/seq2seq-addition/question';
import {
  ADDITION_PREFIX,
  additionPresets,
  additionSchema,
  toConfig,
} from '../../../src/widgets/seq2seq-addition/schema';
import {
  additionKind,
  type AnswerResult,
  type EvaluationView,
} from '../../../src/widgets/seq2seq-addition/workerKind';

describe('parseQuestion', () => {
  test('accepts two numbers and one +, spaces removed, with the true sum', () => {
    expect(parseQuestion('123+45', 3)).toEqual({ ok: true, text: '123+45', answer: '168' });
    expect(parseQuestion(' 999 + 1 ', 3)).toEqual({ ok: true, text: '999+1', answer: '1000' });
    expect(parseQuestion('0+0', 1)).toEqual({ ok: true, text: '0+0', answer: '0' });
    expect(parseQuestion('999999+999999', 6)).toMatchObject({ ok: true, answer: '1999998' });
  });

  test.each([
    ['', /Type a sum/],
    ['12a+3', /Only digits and one \+ can be asked: remove “a”/],
    ['-1+2', /remove “-”/],
    ['1.5+2', /remove “\.”/],
    ['12', /Add a \+/],
    ['1+2+3', /exactly one \+/],
    ['+5', /a number on each side/],
    ['5+', /a number on each side/],
    ['1234+5', /1234 has 4 digits; .*1 to 3 digits/],
    ['12+34', /12 has 2 digits; .*1 to 1 digit\./],
    ['007+5', /Write 007 without its leading zeros \(7\)/],
    ['5+01', /Write 01 without its leading zero \(1\)/],
  ])('rejects %j with a message that says what to fix', (input, message) => {
    const maxDigits = input === '12+34' ? 1 : 3;
    const r = parseQuestion(input, maxDigits);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  test('refuses a max digits it cannot check', () => {
    expect(() => parseQuestion('1+1', 0)).toThrow(RangeError);
    expect(() => parseQuestion('1+1', 2.5)).toThrow(/maxDigits/);
  });

  test('encoderView reverses the whole question only when the run does', () => {
    expect(encoderView('123+45', true)).toBe('54+321');
    expect(encoderView('123+45', false)).toBe('123+45');
  });
});

describe('addition schema', () => {
  test("the model's knobs default to the model's defaults and stop at its limits", () => {
    const d = defaults(additionSchema);
    expect(d.digits).toBe(SEQ2SEQ_DEFAULTS.maxDigits);
    expect(d.reverse).toBe(SEQ2SEQ_DEFAULTS.reverseSource);
    expect(d.lr).toBe(SEQ2SEQ_DEFAULTS.learningRate);
    expect(d.batch).toBe(SEQ2SEQ_DEFAULTS.batchSize);
    expect(d.enc).toBe(SEQ2SEQ_DEFAULTS.encoderSize);
    expect(d.dec).toBe(SEQ2SEQ_DEFAULTS.decoderSize);
    expect(d.seed).toBe(SEQ2SEQ_DEFAULTS.seed);
    const parsed = parseParams(
      additionSchema,
      new URLSearchParams(`${ADDITION_PREFIX}digits=9&${ADDITION_PREFIX}enc=100000`),
      ADDITION_PREFIX,
    );
    expect(parsed.values.digits).toBe(SEQ2SEQ_LIMITS.maxDigits[1]);
    expect(parsed.values.enc).toBe(SEQ2SEQ_LIMITS.encoderSize[1]);
    expect(parsed.messages.length).toBe(2);
  });

  test('toConfig gives a valid addition config without attention, for defaults and presets', () => {
    for (const preset of additionPresets) {
      const s = { ...defaults(additionSchema), ...preset.values };
      const cfg = toConfig(s);
      expect(cfg).toMatchObject({ task: 'addition', attention: 'none', maxDigits: s.digits });
      const resolved = resolveSeq2SeqConfig({
        ...cfg,
        trainSize: 256,
        validationSize: 16,
        testSize: 16,
        batchSize: 16,
      });
      expect(resolved.attention).toBe('none');
      expect(resolved.reverseSource).toBe(s.reverse);
      expect(resolved.dataset.maxSourceLength).toBe(2 * s.digits + 1);
      expect(JSON.parse(JSON.stringify(cfg))).toEqual(cfg);
    }
  });
});

describe('the worker task kind', () => {
  let task: Seq2SeqTask;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const s = {
      ...defaults(additionSchema),
      digits: 2,
      reverse: true,
      enc: 8,
      dec: 16,
      batch: 32,
    };
    task = additionKind.create({
      ...toConfig(s),
      trainSize: 512,
      validationSize: 64,
      testSize: 16,
    }) as Seq2SeqTask;
    await task.init();
    for (let i = 0; i < 3; i++) tf.dispose(Object.values(task.step()));
  });

  test('describe reports the parameter count and the data sizes', () => {
    const info = additionKind.describe!(task);
    expect(info.parameterCount).toBe(task.parameterCount);
    expect(info).toMatchObject({ trainSize: 512, validationSize: 64, stepsPerEpoch: 16 });
  });

  test('answer decodes by greedy and beam search; width 1 is greedy; candidates best first', async () => {
    const answer = additionKind.calls!.answer as (
      t: Seq2SeqTask,
      q: string,
      w: number,
      a: number,
    ) => Promise<AnswerResult>;
    const one = await answer(task, '57+68', 1, 0.6);
    expect(one.beam.output).toBe(one.greedy.output);
    expect(one.beam.logProb).toBeCloseTo(one.greedy.logProb, 4);
    const four = await answer(task, '57+68', 4, 0.6);
    const scores = four.beam.candidates.map((c) => c.score);
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(four.beam.score).toBe(scores[0]);
    expect(four.beam.candidates.every((c) => /^\d*$/.test(c.output))).toBe(true);
  });

  test('evaluation is null before an evaluation, then lists the sums as the reader types them', async () => {
    const evaluation = additionKind.calls!.evaluation as (t: Seq2SeqTask) => EvaluationView | null;
    expect(evaluation(task)).toBe(null);
    // Count the pairs each evaluation decodes, split by split (evaluate() goes through the task's
    // evaluateSplit): only the held-out sums the widget shows may be scored.
    const scored: Array<[string, number]> = [];
    const evaluateSplit = task.evaluateSplit.bind(task);
    task.evaluateSplit = async (split, limit) => {
      const r = await evaluateSplit(split, limit);
      scored.push([split, r.count]);
      return r;
    };
    const scores = await task.evaluate();
    expect(scored).toEqual([['validation', 64]]);
    expect(Object.keys(scores).sort()).toEqual(['val_exact_match', 'val_loss']);
    expect(task.lastEvaluation?.test).toBe(null);
    const view = evaluation(task)!;
    expect(view.count).toBe(64);
    expect(view.byAnswerLength.reduce((n, b) => n + b.count, 0)).toBe(64);
    expect(view.mistakes.length).toBeGreaterThan(0);
    for (const m of view.mistakes) {
      // The run reverses its input; the view must not: a + b (as typed) is the target.
      const [a, b] = m.source.split('+').map(Number);
      expect(String(a + b)).toBe(m.target);
    }
  });
});
