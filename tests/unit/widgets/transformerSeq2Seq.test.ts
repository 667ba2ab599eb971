/**
 * Chapter 15's encoder-decoder widget (src/widgets/transformer-seq2seq): the check of the
 * reader's sequence, the cross-attention maps as rows and their alignment score, the worker's
 * report, and the schema against the model's defaults and limits.
 */
import { describe, expect, test } from 'vitest';
import { createTransformerSeq2SeqTask } from '../../../src/models/transformer/encoderDecoder';
import {
  resolveTransformerSeq2SeqConfig,
  TRANSFORMER_SEQ2SEQ_DEFAULTS as D,
  TRANSFORMER_SEQ2SEQ_LIMITS as L,
} from '../../../src/models/transformer/encoderDecoderConfig';
import type { TransformerSeq2SeqTranslation } from '../../../src/models/transformer/encoderDecoderTypes';
import { defaults, parseParams } from '../../../src/ui';
import {
  settingsProblem,
  toConfig,
  TSQ_MAX_INPUT,
  TSQ_PREFIX,
  tsqPresets,
  tsqSchema,
} from '../../../src/widgets/transformer-seq2seq/schema';
import { parameterCountOf } from '../../../src/widgets/transformer-seq2seq/spec';
import {
  alignmentWeight,
  checkSequenceInput,
  crossAttentionCells,
  matrixRows,
  readTaskInfo,
} from '../../../src/widgets/transformer-seq2seq/views';

const DIGITS = '0123456789';

/** A `[rows, S]` map whose row i puts weight 1 on column `pick(i)`. */
const oneHot = (rows: number, S: number, pick: (i: number) => number) => {
  const m = new Float32Array(rows * S);
  for (let i = 0; i < rows; i++) m[i * S + pick(i)] = 1;
  return m;
};

describe('checkSequenceInput', () => {
  test('empty, unknown symbols (each named once), too long; fine up to the limit', () => {
    expect(checkSequenceInput('', DIGITS, 32)).toMatch(/Type a sequence of the symbols 0–9/);
    expect(checkSequenceInput('1a2a b', DIGITS, 32)).toBe(
      'The model knows only the symbols 0–9: remove “a”, space, “b”.',
    );
    expect(checkSequenceInput('123456', DIGITS, 5)).toBe(
      'That is 6 symbols; the model reads at most 5.',
    );
    expect(checkSequenceInput('12345', DIGITS, 5)).toBeNull();
    expect(checkSequenceInput('8302517', DIGITS, TSQ_MAX_INPUT)).toBeNull();
  });
});

describe('cross-attention views', () => {
  test('matrixRows cuts a row-major [rows, cols] map', () => {
    expect(matrixRows(Float32Array.from([1, 0, 0, 0.5, 0.25, 0.25]), 2, 3)).toEqual([
      [1, 0, 0],
      [0.5, 0.25, 0.25],
    ]);
    expect(() => matrixRows(new Float32Array(5), 2, 3)).toThrow(/2×3/);
  });

  test('alignmentWeight: 1 on the anti-diagonal of a reversal, 1/S uniform, </s> row ignored', () => {
    const source = '83025';
    const target = '52038';
    const S = 5;
    // Output rows: the 5 symbols then </s> (which reads column 0, not scored).
    const anti = oneHot(S + 1, S, (i) => (i < S ? S - 1 - i : 0));
    expect(alignmentWeight(anti, S + 1, source, target)).toBe(1);
    const diagonal = oneHot(S, S, (i) => i);
    // Only the middle symbol of a 5-symbol reversal is on both diagonals.
    expect(alignmentWeight(diagonal, S, source, target)).toBeCloseTo(1 / 5, 6);
    const uniform = new Float32Array(S * S).fill(1 / S);
    expect(alignmentWeight(uniform, S, source, target)).toBeCloseTo(1 / S, 6);
    // A repeated symbol: either copy counts.
    expect(
      alignmentWeight(
        oneHot(3, 3, () => 0),
        3,
        '112',
        '211',
      ),
    ).toBeCloseTo(2 / 3, 6);
    expect(alignmentWeight(new Float32Array(0), 0, source, target)).toBe(0);
    expect(() => alignmentWeight(new Float32Array(4), 1, source, target)).toThrow(/1×5/);
  });

  test('crossAttentionCells: layer by layer, head by head, with alignment and peaks', () => {
    const S = 3;
    const t: TransformerSeq2SeqTranslation = {
      source: '123',
      output: '321',
      sourceTokens: ['1', '2', '3'],
      outputTokens: ['3', '2', '1', '</s>'],
      numLayers: 2,
      numHeads: 1,
      crossAttention: [[oneHot(4, S, () => 0)], [oneHot(4, S, (i) => (i < S ? S - 1 - i : 0))]],
    };
    const cells = crossAttentionCells(t, 'reverse');
    expect(cells.map((c) => [c.layer, c.head])).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(cells[1].alignment).toBe(1);
    expect(cells[0].alignment).toBeCloseTo(1 / 3, 6);
    expect(cells[1].peaks).toBe('2:1.00 1:1.00 0:1.00 0:1.00');
    expect(cells[1].rows).toHaveLength(4);
    // Sorting '312' is '123': the same maps score by where each sorted symbol sits.
    const sorted = crossAttentionCells({ ...t, source: '312' }, 'sort');
    expect(sorted[1].alignment).toBeCloseTo(1 / 3, 6);
  });

  test('readTaskInfo accepts the worker report and rejects incomplete ones', () => {
    const report = {
      parameterCount: 100,
      symbols: DIGITS,
      minLength: 4,
      maxLength: 10,
      maxInputLength: 32,
      trainSize: 20_000,
      heldOut: 300,
      stepsPerEpoch: 312,
    };
    expect(readTaskInfo(report)).toEqual({ ...report, stepsPerEpoch: undefined });
    expect(readTaskInfo(null)).toBeNull();
    expect(readTaskInfo({ ...report, symbols: 3 })).toBeNull();
    expect(readTaskInfo({ ...report, heldOut: 'many' })).toBeNull();
  });
});

describe('transformer-seq2seq schema', () => {
  test('the defaults are the model defaults; bounds lie inside its limits', () => {
    const d = defaults(tsqSchema);
    expect([d.task, d.maxLen, d.layers, d.heads, d.dModel, d.lr, d.warmup, d.batch]).toEqual([
      D.task,
      D.maxLength,
      D.layers,
      D.numHeads,
      D.dModel,
      D.learningRate,
      D.warmupSteps,
      D.batchSize,
    ]);
    expect([d.epochs, d.seed]).toEqual([D.epochs, D.seed]);
    const pairs = [
      ['maxLen', 'maxLength'],
      ['layers', 'layers'],
      ['heads', 'numHeads'],
      ['dModel', 'dModel'],
      ['lr', 'learningRate'],
      ['warmup', 'warmupSteps'],
      ['batch', 'batchSize'],
      ['epochs', 'epochs'],
      ['seed', 'seed'],
    ] as const;
    for (const [key, limit] of pairs) {
      const [min, max] = L[limit];
      expect(tsqSchema[key].min, key).toBeGreaterThanOrEqual(min);
      expect(tsqSchema[key].max, key).toBeLessThanOrEqual(max);
    }
    expect(tsqSchema.maxLen.min).toBeGreaterThanOrEqual(D.minLength);
  });

  test('heads must divide d_model; every preset trains', () => {
    expect(settingsProblem({ heads: 4, dModel: 64 })).toBeNull();
    expect(settingsProblem({ heads: 3, dModel: 64 })).toMatch(/3 heads do not divide d_model = 64/);
    expect(parameterCountOf({ ...defaults(tsqSchema), heads: 3 })).toBeNull();
    for (const p of tsqPresets) {
      const v = { ...defaults(tsqSchema), ...p.values };
      expect(settingsProblem(v), p.name).toBeNull();
      expect(() => resolveTransformerSeq2SeqConfig(toConfig(v)), p.name).not.toThrow();
    }
  });

  test('bad URL values are clamped with a message naming the setting', () => {
    const parsed = parseParams(
      tsqSchema,
      new URLSearchParams(`${TSQ_PREFIX}layers=40&${TSQ_PREFIX}task=copy`),
      TSQ_PREFIX,
    );
    expect(parsed.values.layers).toBe(L.layers[1]);
    expect(parsed.values.task).toBe('reverse');
    expect(parsed.messages.join(' ')).toMatch(/Layers/);
  });

  test('toConfig builds the task the widget describes; the page count is the task count', () => {
    const s = { ...defaults(tsqSchema), task: 'sort' as const, maxLen: 6, heads: 2, dModel: 32 };
    const task = createTransformerSeq2SeqTask(toConfig(s));
    try {
      expect(task.config.task).toBe('sort');
      expect(task.config.maxLength).toBe(6);
      expect(task.config.maxInputLength).toBe(TSQ_MAX_INPUT);
      expect(task.config.dFf).toBe(64);
      expect(task.dataset.train.every((p) => p.source.length <= 6)).toBe(true);
      expect(parameterCountOf(s)).toBe(task.parameterCount);
    } finally {
      task.dispose();
    }
  });
});
