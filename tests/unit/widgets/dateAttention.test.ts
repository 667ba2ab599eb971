/**
 * Chapter 14's date converter: its schema and `toConfig` against the model's defaults and bounds,
 * the check of the reader's date, the attention matrix as rows, the archive of runs drawn beside
 * the current one, and the worker task kind's probes (`attend`, `byLength`) on a small seeded
 * model on the cpu backend.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  resolveSeq2SeqConfig,
  SEQ2SEQ_DEFAULTS,
  SEQ2SEQ_LIMITS,
} from '../../../src/models/seq2seq';
import type { RunnerState } from '../../../src/train';
import { selectBackend } from '../../../src/train/backend';
import { defaults, parseParams } from '../../../src/ui';
import {
  attentionOf,
  DATE_PREFIX,
  datePresets,
  dateSchema,
  toConfig,
} from '../../../src/widgets/date-attention/schema';
import {
  archiveRun,
  attentionRows,
  checkDateInput,
  comparisonRun,
  EMPTY_ARCHIVE,
  keepRun,
  type AttendResult,
  type ByLengthResult,
  type DateTaskInfo,
} from '../../../src/widgets/date-attention/views';
import { dateKind } from '../../../src/widgets/date-attention/workerKind';

describe('date-attention schema', () => {
  it('defaults are the model defaults: additive attention, its learning rate and seed', () => {
    const d = defaults(dateSchema);
    expect(attentionOf(d)).toBe(SEQ2SEQ_DEFAULTS.attention);
    const cfg = resolveSeq2SeqConfig(toConfig(d));
    expect(cfg.attention).toBe('additive');
    expect(cfg.learningRate).toBe(SEQ2SEQ_DEFAULTS.learningRate);
    expect(cfg.seed).toBe(SEQ2SEQ_DEFAULTS.seed);
    expect(cfg.task).toBe('dates');
    expect(dateSchema.lr.min).toBe(SEQ2SEQ_LIMITS.learningRate[0]);
    expect(dateSchema.seed.max).toBe(SEQ2SEQ_LIMITS.seed[1]);
  });

  it('the attention switch off gives attention "none" whatever the score', () => {
    for (const score of ['additive', 'dot', 'general'] as const) {
      expect(toConfig({ ...defaults(dateSchema), attention: false, score }).attention).toBe('none');
      expect(toConfig({ ...defaults(dateSchema), attention: true, score }).attention).toBe(score);
    }
  });

  it('every score and the presets give configs the model accepts (dot needs 128 = 2 x 64)', () => {
    for (const p of datePresets) {
      const s = { ...defaults(dateSchema), ...p.values };
      expect(() => resolveSeq2SeqConfig({ ...toConfig(s), trainSize: 256 })).not.toThrow();
    }
    const dot = { ...defaults(dateSchema), score: 'dot' as const };
    expect(resolveSeq2SeqConfig({ ...toConfig(dot), trainSize: 256 }).attention).toBe('dot');
  });

  it('URL keys carry the date. prefix', () => {
    const { values } = parseParams(
      dateSchema,
      new URLSearchParams('date.attention=false&date.score=dot&attention=true'),
      DATE_PREFIX,
    );
    expect(values.attention).toBe(false);
    expect(values.score).toBe('dot');
  });
});

describe('date-attention views', () => {
  it('checkDateInput: empty, too long and unknown characters get a message; good dates none', () => {
    expect(checkDateInput('', null)).toMatch(/Type a date/);
    expect(checkDateInput('   ', null)).toMatch(/Type a date/);
    expect(checkDateInput('x'.repeat(25), null)).toMatch(/25 characters.*at most 24/);
    expect(checkDateInput('x'.repeat(25), null, 30)).toBeNull();
    expect(checkDateInput('3rd of March 2021', null)).toBeNull();
    const known = '0123456789 abcdefghijklmnopqrstuvwxyzAM,./-';
    expect(checkDateInput('3rd of March 2021', known)).toBeNull();
    const msg = checkDateInput('3 März 2021!', known);
    expect(msg).toMatch(/“ä”/);
    expect(msg).toMatch(/“!”/);
    expect(msg).not.toMatch(/“M”/);
    // Characters are counted as code points, not UTF-16 units.
    expect(checkDateInput('😀'.repeat(24), null)).toBeNull();
  });

  it('attentionRows splits the row-major matrix by output token; null without attention', () => {
    const r: AttendResult = {
      input: 'ab',
      output: 'x',
      inputTokens: ['a', 'b'],
      outputTokens: ['x', '</s>'],
      attention: Float32Array.from([0.25, 0.75, 1, 0]),
      step: 3,
    };
    expect(attentionRows(r)).toEqual([
      [0.25, 0.75],
      [1, 0],
    ]);
    expect(attentionRows({ ...r, attention: null })).toBeNull();
    expect(attentionRows({ ...r, attention: Float32Array.from([1, 0]) })).toBeNull();
  });

  const state = (step: number, loss: number[]): RunnerState =>
    ({
      step,
      history: { step: loss.map((_, i) => i + 1), epoch: [], loss },
      evalHistory: { step: [100], epoch: [], val_exact_match: [0.5], test_exact_match: [0.25] },
    }) as unknown as RunnerState;
  const bl: ByLengthResult = {
    validation: [{ length: 10, count: 2, correct: 1, exactMatch: 0.5 }],
    test: [],
    validationExactMatch: 0.5,
    testExactMatch: 0.25,
    step: 100,
  };

  it('archiveRun copies the curves (smoothed loss, both exact matches) and nothing before a step', () => {
    expect(archiveRun(state(0, []), 'additive', 1, null)).toBeNull();
    const run = archiveRun(state(3, [3, 2, 1]), 'none', 7, bl)!;
    expect(run.label).toBe('no attention');
    expect(run.seed).toBe(7);
    expect(run.loss.x).toEqual([1, 2, 3]);
    expect(run.loss.y[0]).toBe(3);
    expect(run.loss.y[2]).toBeLessThan(3);
    expect(run.loss.y[2]).toBeGreaterThan(1);
    expect(run.validation).toEqual({ x: [100], y: [0.5] });
    expect(run.test).toEqual({ x: [100], y: [0.25] });
    expect(run.byLength).toBe(bl);
  });

  it('the comparison is the latest kept run of the other kind', () => {
    const none = archiveRun(state(5, [1]), 'none', 1, null);
    const additive = archiveRun(state(6, [1]), 'additive', 1, null);
    const dot = archiveRun(state(7, [1]), 'dot', 1, null);
    let a = keepRun(EMPTY_ARCHIVE, none);
    expect(comparisonRun(a, 'additive')).toBe(none);
    expect(comparisonRun(a, 'none')).toBeNull();
    a = keepRun(keepRun(a, additive), dot);
    expect(comparisonRun(a, 'none')).toBe(dot);
    expect(comparisonRun(a, 'general')).toBe(none);
    expect(keepRun(a, null)).toBe(a);
  });
});

describe('date-attention worker kind', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  const small = {
    task: 'dates' as const,
    trainSize: 256,
    validationSize: 16,
    testSize: 16,
    embeddingSize: 4,
    encoderSize: 8,
    decoderSize: 16,
    attentionUnits: 8,
    batchSize: 32,
    seed: 3,
  };

  it('describe reports the vocabulary and sizes; attend returns rows summing to 1', async () => {
    const task = dateKind.create({ ...small, attention: 'additive' });
    try {
      task.init();
      const info = dateKind.describe!(task) as unknown as DateTaskInfo;
      expect(info.attention).toBe('additive');
      expect(info.maxSourceLength).toBe(24);
      expect(info.sourceChars).toContain('M');
      expect(info.sourceChars).toContain('0');
      expect(info.sourceChars).not.toContain('<');
      expect(checkDateInput('3rd of March 2021', info.sourceChars)).toBeNull();
      task.step();
      const r = (await dateKind.calls!.attend(task, '3 Mar 21' as never)) as AttendResult;
      expect(r.inputTokens).toEqual(Array.from('3 Mar 21'));
      expect(r.step).toBe(1);
      const rows = attentionRows(r)!;
      expect(rows.length).toBe(r.outputTokens.length);
      for (const row of rows) {
        expect(row.length).toBe(8);
        expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
      }
      expect(await dateKind.calls!.byLength(task)).toBeNull();
      await task.evaluate();
      const b = (await dateKind.calls!.byLength(task)) as ByLengthResult;
      expect(b.validation.reduce((n, x) => n + x.count, 0)).toBe(16);
      expect(b.test.reduce((n, x) => n + x.count, 0)).toBe(16);
      expect(b.step).toBe(1);
    } finally {
      task.dispose();
    }
  });

  it('without attention attend returns the output and no matrix', async () => {
    const task = dateKind.create({ ...small, attention: 'none' });
    try {
      task.init();
      task.step();
      const r = (await dateKind.calls!.attend(task, '20210303' as never)) as AttendResult;
      expect(r.attention).toBeNull();
      expect(r.outputTokens.length).toBeGreaterThan(0);
    } finally {
      task.dispose();
    }
  });
});
