import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createWord2VecTask,
  prepareCorpus,
  type Word2VecConfig,
} from '../../../src/models/word2vec';
import { selectBackend } from '../../../src/train/backend';
import { createRng } from '../../../src/train/random';

/** The wasm backend's own code paths (GatherNd row gathers, the segment sums) in Node. */
beforeAll(async () => {
  const info = await selectBackend('wasm');
  expect(info.name).toBe('wasm');
});

function sentences(n: number): string[][] {
  const rng = createRng(11);
  const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
  return Array.from({ length: n }, () =>
    Array.from({ length: 4 + rng.int(6) }, () => words[Math.floor(words.length * rng.next() ** 2)]),
  );
}

const base: Word2VecConfig = {
  corpus: prepareCorpus(sentences(300), 1),
  dim: 12,
  window: 3,
  negative: 4,
  batchSize: 256,
  epochs: 1,
  sample: 1e-2,
  seed: 5,
};

describe('word2vec on the wasm backend', () => {
  for (const architecture of ['skipgram', 'cbow'] as const) {
    it(`${architecture}: the segment formulation matches the dense scatter one to 1e-5, no leak`, async () => {
      const run = async (sparseUpdate: 'segment' | 'scatter') => {
        const task = createWord2VecTask({ ...base, architecture, sparseUpdate });
        task.init();
        let after = -1;
        const losses: number[] = [];
        for (let i = 0; i < 6 && !task.finished; i++) {
          const out = task.step();
          losses.push((await out.loss.data())[0]);
          tf.dispose([out.loss, ...Object.values(out.metrics!)]);
          if (i === 0) after = tf.memory().numTensors;
          else expect(tf.memory().numTensors).toBe(after);
        }
        const weights = await task.getWeights();
        task.dispose();
        return { losses, weights };
      };
      const start = tf.memory().numTensors;
      const a = await run('segment');
      const b = await run('scatter');
      expect(tf.memory().numTensors).toBe(start);
      expect(a.losses.length).toBeGreaterThan(2);
      for (let i = 0; i < a.losses.length; i++) expect(a.losses[i]).toBeCloseTo(b.losses[i], 5);
      for (const name of ['syn0', 'syn1neg'] as const) {
        const x = a.weights[name].values;
        const y = b.weights[name].values;
        let err = 0;
        for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(x[i] - y[i]));
        expect(err).toBeLessThan(1e-5);
      }
      // the output vectors started at 0: training moved them
      expect(a.weights.syn1neg.values.some((v) => v !== 0)).toBe(true);
    });
  }

  it('getVectors reads syn0 rows on wasm', async () => {
    const task = createWord2VecTask(base);
    task.init();
    const all = await task.getEmbeddings();
    const d = task.config.dim;
    const rows = await task.getVectors([3, 0]);
    expect(Array.from(rows.subarray(0, d))).toEqual(Array.from(all.subarray(3 * d, 4 * d)));
    expect(Array.from(rows.subarray(d))).toEqual(Array.from(all.subarray(0, d)));
    task.dispose();
  });
});
