/**
 * The stream of word2vec training examples, cut into fixed-size batches, exactly as word2vec.c
 * walks its corpus (Mikolov et al. 2013a/b; https://code.google.com/archive/p/word2vec/):
 * sentence by sentence over the subsampled corpus (redrawn each epoch), a dynamic window per
 * centre word, `negative` noise words per positive from the unigram^0.75 distribution. Also the
 * sparse-update plans (which table rows a batch touches, and which gradient rows sum into each).
 * Pure TypeScript on typed arrays: no tfjs, no React, no DOM.
 */
import { createRng, type Rng } from '../../train/random';
import {
  keepProbabilities,
  subsampleCorpus,
  unigramSampler,
  type AliasSampler,
  type SubsampledCorpus,
  type Word2VecCorpus,
} from './corpus';

/** Skip-gram or continuous bag-of-words (Mikolov et al. 2013a, section 3). */
export type Word2VecArchitecture = 'skipgram' | 'cbow';

/** What the batch stream needs to know. */
export interface BatchStreamOptions {
  architecture: Word2VecArchitecture;
  /** Maximum window (word2vec.c `-window`); the effective one is uniform in 1..window. */
  window: number;
  /** Noise words per positive (word2vec.c `-negative`). */
  negative: number;
  /** Subsampling threshold (word2vec.c `-sample`); 0 disables it. */
  sample: number;
  /** Passes over the corpus (word2vec.c `-iter`). */
  epochs: number;
  /** Rows per batch: (input, output) pairs for skip-gram, centre words for CBOW. */
  batchSize: number;
  /** Seed of the subsampling, windows and negatives. */
  seed: number;
}

/**
 * One batch, row-major, always `batchSize` rows (unused rows have mask 0), so tensor shapes never
 * change (no WebGL shader recompiles). With B = batchSize, K = negative, W = 2 · window:
 */
export interface Word2VecBatch {
  /**
   * int32 input-vector rows. Skip-gram `[B]`: the CONTEXT word of each pair (word2vec.c's
   * `last_word`, whose input vector predicts the centre word, as in word2vec.c and gensim).
   * CBOW `[B * W]`: each centre word's context words, padded with 0.
   */
  inputIds: Int32Array;
  /** float32 `[B * W]` (CBOW only; empty for skip-gram): 1 for a real context slot, 0 for padding. */
  inputMask: Float32Array;
  /** float32 `[B]` (CBOW only): 1 / number of context words (0 for an unused row). */
  inputScale: Float32Array;
  /** int32 `[B * (K + 1)]`: column 0 the positive (centre) word, columns 1..K noise words. */
  outputIds: Int32Array;
  /**
   * float32 `[B * (K + 1)]`: 1 where the output counts, 0 for unused rows and for a noise word
   * equal to the positive word (word2vec.c skips those: `if (target == word) continue`).
   */
  outputMask: Float32Array;
  /** Rows in use (pairs for skip-gram, centre words with a context for CBOW). */
  rows: number;
  /** Centre words consumed (after subsampling): word2vec.c's and gensim's "effective words". */
  words: number;
  /** Corpus words read so far in all epochs, before subsampling (drives the learning rate). */
  rawWordsDone: number;
  /** Epoch of the batch's last word (0-based). */
  epoch: number;
}

/**
 * Walks the corpus epoch after epoch and fills batches. Deterministic for a seed.
 */
export class BatchStream {
  readonly options: Readonly<BatchStreamOptions>;
  /** Total corpus words over all epochs (word2vec.c: `iter * train_words`). */
  readonly totalRawWords: number;
  /** Per-word keep probability of the subsampling. */
  readonly keep: Float64Array;
  private readonly corpus: Word2VecCorpus;
  private readonly noise: AliasSampler;
  private readonly rng: Rng;
  private epoch = 0;
  private epochData: SubsampledCorpus;
  private sentence = 0;
  private pos = 0;
  private rawDone = 0;
  private finished = false;
  private readonly batch: Word2VecBatch;

  constructor(corpus: Word2VecCorpus, options: BatchStreamOptions) {
    this.options = { ...options };
    this.corpus = corpus;
    const { vocab } = corpus;
    this.keep = keepProbabilities(vocab.counts, options.sample, vocab.keptTokens);
    this.noise = unigramSampler(vocab.counts);
    this.rng = createRng(`${options.seed}/word2vec-stream`);
    this.totalRawWords = corpus.ids.length * options.epochs;
    this.epochData = subsampleCorpus(corpus.ids, corpus.sentenceStarts, this.keep, this.rng);
    this.pos = this.epochData.sentenceStarts[0] ?? 0;
    const { batchSize: B, negative: K, window } = options;
    const cbow = options.architecture === 'cbow';
    this.batch = {
      inputIds: new Int32Array(cbow ? B * 2 * window : B),
      inputMask: new Float32Array(cbow ? B * 2 * window : 0),
      inputScale: new Float32Array(cbow ? B : 0),
      outputIds: new Int32Array(B * (K + 1)),
      outputMask: new Float32Array(B * (K + 1)),
      rows: 0,
      words: 0,
      rawWordsDone: 0,
      epoch: 0,
    };
  }

  /** True once every epoch has been consumed. */
  get done(): boolean {
    return this.finished;
  }

  /** Corpus words read so far, before subsampling, over all epochs. */
  get rawWordsDone(): number {
    return this.rawDone;
  }

  /**
   * Expected effective words per epoch (Σ count · keep) and expected rows per epoch, used to
   * estimate the number of steps. For skip-gram a centre word with window b has up to 2b
   * contexts, b uniform in 1..window: on average window + 1, less near sentence ends.
   */
  expectedPerEpoch(): { words: number; rows: number } {
    const { counts } = this.corpus.vocab;
    let words = 0;
    for (let i = 0; i < counts.length; i++) words += counts[i] * this.keep[i];
    const w = this.options.window;
    const rows = this.options.architecture === 'cbow' ? words : words * (w + 1);
    return { words, rows };
  }

  /**
   * Fills and returns the next batch (the same object every call: copy what must outlive the
   * next call). Returns a batch with `words = 0` only when {@link done}.
   */
  next(): Word2VecBatch {
    const b = this.batch;
    const { batchSize: B, window } = this.options;
    const cbow = this.options.architecture === 'cbow';
    const W = 2 * window;
    const perWord = cbow ? 1 : W;
    b.outputMask.fill(0);
    b.outputIds.fill(0);
    b.inputIds.fill(0);
    if (cbow) {
      b.inputMask.fill(0);
      b.inputScale.fill(0);
    }
    let rows = 0;
    let words = 0;
    const rng = this.rng;
    while (!this.finished && rows + perWord <= B) {
      const data = this.epochData;
      const starts = data.sentenceStarts;
      if (this.sentence + 1 >= starts.length) {
        this.nextEpoch();
        continue;
      }
      const s0 = starts[this.sentence];
      const s1 = starts[this.sentence + 1];
      const i = this.pos;
      const ids = data.ids;
      const centre = ids[i];
      const reach = 1 + rng.int(window);
      const lo = Math.max(s0, i - reach);
      const hi = Math.min(s1 - 1, i + reach);
      if (cbow) {
        let cw = 0;
        for (let c = lo; c <= hi; c++) {
          if (c === i) continue;
          b.inputIds[rows * W + cw] = ids[c];
          b.inputMask[rows * W + cw] = 1;
          cw++;
        }
        if (cw > 0) {
          b.inputScale[rows] = 1 / cw;
          this.fillOutputs(rows, centre);
          rows++;
        }
      } else {
        for (let c = lo; c <= hi; c++) {
          if (c === i) continue;
          b.inputIds[rows] = ids[c];
          this.fillOutputs(rows, centre);
          rows++;
        }
      }
      words++;
      this.rawDone = this.epoch * this.corpus.ids.length + data.positions[i] + 1;
      this.pos++;
      if (this.pos >= s1) this.sentence++;
    }
    const epoch = this.epoch;
    // Move on now when the epoch is used up, so `done` is true right after the last real batch
    // (never a batch with no rows at the very end).
    if (!this.finished && this.sentence + 1 >= this.epochData.sentenceStarts.length) {
      this.nextEpoch();
    }
    b.rows = rows;
    b.words = words;
    b.rawWordsDone = this.rawDone;
    b.epoch = Math.min(epoch, this.options.epochs - 1);
    return b;
  }

  private fillOutputs(row: number, centre: number): void {
    const b = this.batch;
    const K = this.options.negative;
    const base = row * (K + 1);
    b.outputIds[base] = centre;
    b.outputMask[base] = 1;
    for (let k = 1; k <= K; k++) {
      const w = this.noise.sample(this.rng);
      b.outputIds[base + k] = w;
      b.outputMask[base + k] = w === centre ? 0 : 1;
    }
  }

  private nextEpoch(): void {
    this.epoch++;
    this.rawDone = this.epoch * this.corpus.ids.length;
    if (this.epoch >= this.options.epochs) {
      this.finished = true;
      this.rawDone = this.totalRawWords;
      return;
    }
    const c = this.corpus;
    this.epochData = subsampleCorpus(c.ids, c.sentenceStarts, this.keep, this.rng);
    this.sentence = 0;
    this.pos = this.epochData.sentenceStarts[0] ?? 0;
  }
}

/**
 * Which table rows a batch touches and which gradient rows sum into each: the plan of a sparse
 * update `table[rows[j]] += Σ_{i in segment j} grad[perm[i]]`. Built by counting sort on the row
 * id, O(n + V).
 */
export interface SegmentPlan {
  /** int32 `[U]`: distinct table rows, ascending. */
  rows: Int32Array;
  /** int32 `[n]`: gradient-row indices grouped by table row (segment order). */
  perm: Int32Array;
  /** int32 `[n]`: segment (index into `rows`) of each entry of `perm`; non-decreasing. */
  segmentIds: Int32Array;
}

/** Buffers a {@link segmentPlan} may fill instead of allocating (capacities: V, n, n). */
export interface SegmentPlanBuffers {
  rows: Int32Array;
  perm: Int32Array;
  segmentIds: Int32Array;
}

/** Allocates {@link SegmentPlanBuffers} for up to `entries` entries over `vocabSize` rows. */
export function segmentPlanBuffers(vocabSize: number, entries: number): SegmentPlanBuffers {
  return {
    rows: new Int32Array(Math.min(vocabSize, entries)),
    perm: new Int32Array(entries),
    segmentIds: new Int32Array(entries),
  };
}

/**
 * Builds a {@link SegmentPlan} from the entries `(ids[i], i)` with `mask[i] > 0` (all when mask
 * is omitted); `dataIndex(i)` maps entry i to its gradient row (identity by default). Entries of
 * one row keep their order (a stable counting sort).
 *
 * @param scratch - int32 `[V + 1]` reused between calls (contents overwritten).
 * @param out - buffers to fill ({@link segmentPlanBuffers}(V, ids.length)): the plan is then
 *   views into them, valid until the next call with the same buffers. Default: new arrays.
 */
export function segmentPlan(
  ids: Int32Array,
  mask: Float32Array | null,
  scratch: Int32Array,
  dataIndex?: (i: number) => number,
  out?: SegmentPlanBuffers,
): SegmentPlan {
  const V = scratch.length - 1;
  const m = ids.length;
  scratch.fill(0);
  let n = 0;
  for (let i = 0; i < m; i++) {
    if (mask !== null && !(mask[i] > 0)) continue;
    scratch[ids[i] + 1]++;
    n++;
  }
  let u = 0;
  for (let v = 0; v < V; v++) if (scratch[v + 1] > 0) u++;
  const rows = out ? out.rows.subarray(0, u) : new Int32Array(u);
  const perm = out ? out.perm.subarray(0, n) : new Int32Array(n);
  const segmentIds = out ? out.segmentIds.subarray(0, n) : new Int32Array(n);
  // prefix sums -> start offset of each id; segment ids written run by run
  let j = 0;
  for (let v = 0; v < V; v++) {
    const c = scratch[v + 1];
    if (c > 0) {
      segmentIds.fill(j, scratch[v], scratch[v] + c);
      rows[j++] = v;
    }
    scratch[v + 1] = scratch[v] + c;
  }
  if (dataIndex) {
    for (let i = 0; i < m; i++) {
      if (mask !== null && !(mask[i] > 0)) continue;
      perm[scratch[ids[i]]++] = dataIndex(i);
    }
  } else {
    for (let i = 0; i < m; i++) {
      if (mask !== null && !(mask[i] > 0)) continue;
      perm[scratch[ids[i]]++] = i;
    }
  }
  return { rows, perm, segmentIds };
}

/**
 * Reorders the rows in use of skip-gram batches by input id (a stable counting sort, O(rows + V)),
 * in place, with buffers reused between calls. The rows of a batch are all computed from the same
 * weights and their steps summed, so their order does not change the step (up to float rounding);
 * sorted, the gradient rows of one input vector are adjacent, so the segment sum that adds them
 * into syn0 reads its data in order (on wasm, 24,576 rows of 100: 0.6 ms in order, 1.5 ms in
 * random order).
 */
export class SkipGramRowSorter {
  private readonly counts: Int32Array;
  private readonly inputIds: Int32Array;
  private readonly outputIds: Int32Array;
  private readonly outputMask: Float32Array;

  /**
   * @param batchSize - B; @param negative - K; @param vocabSize - V (input ids are in [0, V)).
   */
  constructor(
    batchSize: number,
    private readonly negative: number,
    vocabSize: number,
  ) {
    this.counts = new Int32Array(vocabSize + 1);
    this.inputIds = new Int32Array(batchSize);
    this.outputIds = new Int32Array(batchSize * (negative + 1));
    this.outputMask = new Float32Array(batchSize * (negative + 1));
  }

  /** Sorts rows `[0, batch.rows)` of a skip-gram batch by `inputIds`; rows past them are kept. */
  sort(batch: Word2VecBatch): void {
    const n = batch.rows;
    const K1 = this.negative + 1;
    const { counts, inputIds, outputIds, outputMask } = this;
    counts.fill(0);
    for (let r = 0; r < n; r++) counts[batch.inputIds[r] + 1]++;
    for (let v = 1; v < counts.length; v++) counts[v] += counts[v - 1];
    for (let r = 0; r < n; r++) {
      const to = counts[batch.inputIds[r]]++;
      inputIds[to] = batch.inputIds[r];
      for (let k = 0; k < K1; k++) {
        outputIds[to * K1 + k] = batch.outputIds[r * K1 + k];
        outputMask[to * K1 + k] = batch.outputMask[r * K1 + k];
      }
    }
    batch.inputIds.set(inputIds.subarray(0, n));
    batch.outputIds.set(outputIds.subarray(0, n * K1));
    batch.outputMask.set(outputMask.subarray(0, n * K1));
  }
}
