import { describe, expect, it } from 'vitest';
import {
  AliasSampler,
  BatchStream,
  keepProbabilities,
  prepareCorpus,
  segmentPlan,
  segmentPlanBuffers,
  SkipGramRowSorter,
  subsampleCorpus,
  unigramSampler,
  type BatchStreamOptions,
} from '../../../src/models/word2vec';
import { createRng } from '../../../src/train/random';

/** Chi-square statistic of observed counts against expected probabilities. */
function chiSquare(observed: number[], probs: number[]): number {
  const n = observed.reduce((a, b) => a + b, 0);
  return observed.reduce((s, o, i) => s + (o - n * probs[i]) ** 2 / (n * probs[i]), 0);
}

describe('unigram^0.75 noise sampler', () => {
  it('draws words with probability proportional to count^0.75', () => {
    const counts = [1000, 300, 50, 7, 1];
    const sampler = unigramSampler(Float64Array.from(counts));
    const rng = createRng(7);
    const observed = new Array<number>(counts.length).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) observed[sampler.sample(rng)]++;
    const w = counts.map((c) => c ** 0.75);
    const total = w.reduce((a, b) => a + b, 0);
    const probs = w.map((x) => x / total);
    // 4 degrees of freedom: P(chi2 > 18.5) = 0.001.
    expect(chiSquare(observed, probs)).toBeLessThan(18.5);
    // and it is NOT the plain unigram distribution (the 0.75 power matters at this sample size).
    const plain = counts.map((c) => c / 1358);
    expect(chiSquare(observed, plain)).toBeGreaterThan(1000);
  });

  it('never draws a zero-weight outcome and rejects bad weights', () => {
    const sampler = new AliasSampler([0, 3, 0, 1]);
    const rng = createRng(1);
    const drawn = new Set<number>();
    for (let i = 0; i < 10_000; i++) drawn.add(sampler.sample(rng));
    expect(drawn).toEqual(new Set([1, 3]));
    expect(() => new AliasSampler([])).toThrow(/weight > 0/);
    expect(() => new AliasSampler([0, 0])).toThrow(/weight > 0/);
    expect(() => new AliasSampler([1, -1])).toThrow(/finite and >= 0/);
    expect(() => new AliasSampler([1, NaN])).toThrow(/finite and >= 0/);
  });
});

describe('subsampling of frequent words', () => {
  it("matches word2vec.c's keep probability (sqrt(f/t) + 1) t / f, clipped to 1", () => {
    const counts = Float64Array.from([100_000, 10_000, 1_000, 10]);
    const total = 111_010;
    const sample = 1e-3;
    const keep = keepProbabilities(counts, sample, total);
    const t = sample * total;
    counts.forEach((f, i) => {
      expect(keep[i]).toBeCloseTo(Math.min(1, (Math.sqrt(f / t) + 1) * (t / f)), 12);
    });
    expect(keep[0]).toBeCloseTo(0.0344, 3); // hand value: (sqrt(100000/111.01) + 1) * 111.01/100000
    expect(keep[3]).toBe(1);
    expect(Array.from(keepProbabilities(counts, 0, total))).toEqual([1, 1, 1, 1]);
  });

  it('keeps each token with that probability, redrawn per call, sentences preserved', () => {
    const ids = new Int32Array(20_000); // word 0 in odd slots, word 1 in even slots
    for (let i = 0; i < ids.length; i++) ids[i] = i % 2;
    const starts = Int32Array.from({ length: 201 }, (_, s) => s * 100);
    const keep = Float64Array.from([0.25, 1]);
    const rng = createRng(3);
    const a = subsampleCorpus(ids, starts, keep, rng);
    const b = subsampleCorpus(ids, starts, keep, rng);
    const kept0 = a.ids.filter((w) => w === 0).length;
    expect(kept0 / 10_000).toBeGreaterThan(0.23);
    expect(kept0 / 10_000).toBeLessThan(0.27);
    expect(a.ids.filter((w) => w === 1).length).toBe(10_000);
    expect(Array.from(a.ids)).not.toEqual(Array.from(b.ids)); // redrawn each epoch
    // every kept token remembers its corpus position, and sentence s keeps only its own tokens
    for (let s = 0; s + 1 < a.sentenceStarts.length; s++) {
      const pos = a.positions.subarray(a.sentenceStarts[s], a.sentenceStarts[s + 1]);
      expect(Math.floor(pos[0] / 100)).toBe(Math.floor(pos[pos.length - 1] / 100));
    }
    expect(a.ids.every((w, i) => ids[a.positions[i]] === w)).toBe(true);
  });
});

describe('prepareCorpus', () => {
  it('sorts the vocabulary by count, drops rare words before windows, keeps boundaries', () => {
    const c = prepareCorpus([['b', 'a', 'rare', 'a'], ['rare2'], ['c', 'b', 'a']], 2);
    expect(c.vocab.words).toEqual(['a', 'b']);
    expect(Array.from(c.ids)).toEqual([1, 0, 0, 1, 0]);
    expect(Array.from(c.sentenceStarts)).toEqual([0, 3, 5]);
    expect(() => prepareCorpus([['x']], 2)).toThrow(/no word occurs minCount = 2/);
    expect(() => prepareCorpus([], 1)).toThrow(/no words/);
    expect(() => prepareCorpus([['x']], 0)).toThrow(/minCount must be an integer in \[1, 1000\]/);
  });
});

/** A corpus where the word id is the position in the sentence (every word distinct). */
function positionalCorpus(sentences: number[]) {
  let k = 0;
  const text = sentences.map((len) => Array.from({ length: len }, () => `w${k++}`));
  return prepareCorpus(text, 1);
}

const STREAM: BatchStreamOptions = {
  architecture: 'skipgram',
  window: 3,
  negative: 4,
  sample: 0,
  epochs: 2,
  batchSize: 64,
  seed: 11,
};

describe('BatchStream (skip-gram pairs)', () => {
  it('pairs stay in the sentence, within a dynamic window drawn in 1..window', () => {
    const corpus = positionalCorpus([7, 1, 12, 5]);
    const sentenceOf = new Int32Array(25);
    [7, 1, 12, 5].reduce(
      (start, len, s) => (sentenceOf.fill(s, start, start + len), start + len),
      0,
    );
    const stream = new BatchStream(corpus, STREAM);
    const reaches = new Map<number, number>(); // centre -> max |offset| in this epoch
    let words = 0;
    const seenReach = new Set<number>();
    while (!stream.done) {
      const b = stream.next();
      expect(b.words).toBeGreaterThan(0); // never an empty batch, even the last
      words += b.words;
      for (let r = 0; r < b.rows; r++) {
        const input = b.inputIds[r];
        const centre = b.outputIds[r * 5];
        expect(sentenceOf[input]).toBe(sentenceOf[centre]);
        const off = Math.abs(input - centre);
        expect(off).toBeGreaterThanOrEqual(1);
        expect(off).toBeLessThanOrEqual(3);
        reaches.set(centre, Math.max(reaches.get(centre) ?? 0, off));
        // the positive is never masked; negatives equal to it are
        expect(b.outputMask[r * 5]).toBe(1);
        for (let k = 1; k <= 4; k++) {
          expect(b.outputMask[r * 5 + k]).toBe(b.outputIds[r * 5 + k] === centre ? 0 : 1);
        }
      }
      for (let r = b.rows; r < 64; r++)
        expect(b.outputMask.subarray(r * 5, r * 5 + 5)).toEqual(new Float32Array(5));
      if (b.epoch === 0 && !stream.done) {
        for (const v of reaches.values()) seenReach.add(v);
      }
    }
    expect(words).toBe(2 * 25); // every word of both epochs is a centre once (sample = 0)
    expect(stream.rawWordsDone).toBe(stream.totalRawWords);
    expect(seenReach).toEqual(new Set([1, 2, 3]));
  });

  it('for a centre with window b, its contexts are exactly the words within b in the sentence', () => {
    const corpus = positionalCorpus([30]);
    const stream = new BatchStream(corpus, { ...STREAM, epochs: 1, batchSize: 6 });
    // batchSize 6 = 2 · window: one centre word per batch
    const counts = [0, 0, 0, 0];
    while (!stream.done) {
      const b = stream.next();
      if (b.words === 0) break;
      const centre = b.outputIds[0];
      const inputs = Array.from(b.inputIds.subarray(0, b.rows)).sort((x, y) => x - y);
      const reach = Math.max(...inputs.map((i) => Math.abs(i - centre)));
      const want = [];
      for (let c = Math.max(0, centre - reach); c <= Math.min(29, centre + reach); c++) {
        if (c !== centre) want.push(c);
      }
      expect(inputs).toEqual(want);
      if (centre >= 3 && centre <= 26) counts[reach]++;
    }
    expect(counts[1] + counts[2] + counts[3]).toBe(24);
    expect(Math.min(counts[1], counts[2], counts[3])).toBeGreaterThan(2);
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const corpus = positionalCorpus([40, 40]);
    const run = (seed: number) => {
      const s = new BatchStream(corpus, { ...STREAM, seed, sample: 0.05 });
      return Array.from(s.next().outputIds);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });
});

describe('BatchStream (CBOW)', () => {
  it('gives each centre its window of context words with 1/count scale', () => {
    const corpus = positionalCorpus([9]);
    const s = new BatchStream(corpus, { ...STREAM, architecture: 'cbow', epochs: 1 });
    const b = s.next();
    expect(b.words).toBe(9);
    expect(b.rows).toBe(9);
    for (let r = 0; r < b.rows; r++) {
      const centre = b.outputIds[r * 5];
      const ctx: number[] = [];
      for (let j = 0; j < 6; j++) if (b.inputMask[r * 6 + j] > 0) ctx.push(b.inputIds[r * 6 + j]);
      expect(ctx.length).toBeGreaterThan(0);
      expect(b.inputScale[r]).toBeCloseTo(1 / ctx.length, 6);
      for (const c of ctx) expect(Math.abs(c - centre)).toBeLessThanOrEqual(3);
      expect(ctx).not.toContain(centre);
    }
  });
});

describe('segmentPlan', () => {
  it('groups gradient rows by table row, skipping masked entries', () => {
    const ids = Int32Array.from([4, 1, 4, 0, 1, 4]);
    const mask = Float32Array.from([1, 1, 0, 1, 1, 1]);
    const plan = segmentPlan(ids, mask, new Int32Array(6));
    expect(Array.from(plan.rows)).toEqual([0, 1, 4]);
    expect(Array.from(plan.perm)).toEqual([3, 1, 4, 0, 5]);
    expect(Array.from(plan.segmentIds)).toEqual([0, 1, 1, 2, 2]);
    const cbow = segmentPlan(ids, null, new Int32Array(6), (i) => Math.floor(i / 2));
    expect(Array.from(cbow.perm)).toEqual([1, 0, 2, 0, 1, 2]);
  });
});

describe('segmentPlan buffers', () => {
  it('fills reused buffers with the same plan as fresh arrays, call after call', () => {
    const rng = createRng(4);
    const V = 9;
    const scratch = new Int32Array(V + 1);
    const buffers = segmentPlanBuffers(V, 40);
    for (let t = 0; t < 3; t++) {
      const n = 20 + 10 * t;
      const ids = Int32Array.from({ length: n }, () => rng.int(V));
      const mask = Float32Array.from({ length: n }, () => (rng.next() < 0.8 ? 1 : 0));
      const fresh = segmentPlan(ids, mask, scratch);
      const reused = segmentPlan(ids, mask, scratch, undefined, buffers);
      expect(Array.from(reused.rows)).toEqual(Array.from(fresh.rows));
      expect(Array.from(reused.perm)).toEqual(Array.from(fresh.perm));
      expect(Array.from(reused.segmentIds)).toEqual(Array.from(fresh.segmentIds));
      expect(reused.perm.buffer).toBe(buffers.perm.buffer);
    }
  });
});

describe('SkipGramRowSorter', () => {
  it('sorts the rows in use by input id, stably, keeping each row whole', () => {
    const corpus = prepareCorpus(
      Array.from({ length: 30 }, (_, i) => ['a', 'b', 'c', 'd', 'e', 'f'].slice(i % 3)),
      1,
    );
    const options: BatchStreamOptions = {
      architecture: 'skipgram',
      window: 2,
      negative: 3,
      sample: 0,
      epochs: 1,
      batchSize: 64,
      seed: 2,
    };
    const K1 = options.negative + 1;
    const batch = new BatchStream(corpus, options).next();
    const rowOf = (b: typeof batch, r: number) =>
      [
        b.inputIds[r],
        ...b.outputIds.subarray(r * K1, (r + 1) * K1),
        ...b.outputMask.subarray(r * K1, (r + 1) * K1),
      ].join(',');
    const before = Array.from({ length: batch.rows }, (_, r) => rowOf(batch, r));
    const tail = Array.from(batch.outputIds.subarray(batch.rows * K1));
    expect(batch.rows).toBeGreaterThan(10);
    new SkipGramRowSorter(options.batchSize, options.negative, corpus.vocab.words.length).sort(
      batch,
    );
    const after = Array.from({ length: batch.rows }, (_, r) => rowOf(batch, r));
    // the same rows, now by input id; rows of one input keep their order
    const want = before
      .map((row, i) => ({ row, i, id: Number(row.split(',')[0]) }))
      .sort((x, y) => x.id - y.id || x.i - y.i)
      .map((x) => x.row);
    expect(after).toEqual(want);
    expect(Array.from(batch.outputIds.subarray(batch.rows * K1))).toEqual(tail);
  });
});
