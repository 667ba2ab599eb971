/**
 * The count-based route of chapter 8 as a cached pipeline: sentences -> vocabulary (min count)
 * -> co-occurrence counts (symmetric window) -> PPMI (context smoothing alpha) -> randomized SVD
 * (k) -> word vectors U_k S_k^p -> evaluation. Each stage's result is kept for the last setting
 * it was computed with, so changing only p reuses the SVD, only k reuses the PPMI matrix, and so
 * on. Pure TypeScript (runs in the widget's Web Worker and in Node tests).
 *
 * The steps are src/nlp/embeddings' (`buildEmbeddingVocab`, `encodeSentences`,
 * `cooccurrenceMatrix`, `ppmi`, `randomizedSvd`; Levy, Goldberg & Dagan 2015) with the
 * tokenization of the word2vec widget, so both routes have the same vocabulary.
 */
import {
  MOBY_DICK_EVALUATION_SET,
  SOTU_EVALUATION_SET,
  KeyedVectors,
  buildEmbeddingVocab,
  cooccurrenceMatrix,
  encodeSentences,
  evaluate,
  ppmi,
  randomizedSvd,
  type EmbeddingVocab,
  type TruncatedSvd,
} from '../../nlp/embeddings';
import type { PpmiResult, PpmiSettings, PpmiStage, StageTimes } from './protocol';

type Csr = ReturnType<typeof cooccurrenceMatrix>;

/** Reports progress of a stage (fraction in [0, 1] or null when unknown). */
export type StageProgress = (stage: PpmiStage, fraction: number | null) => void;

/** Seed of the SVD's random test matrix: builds are reproducible. */
export const SVD_SEED = 0;

/**
 * Word vectors U_k S_k^p from a truncated SVD (`svdWordVectors`'s formula, applied to a cached
 * SVD so that p can change without a new decomposition).
 * @param power p in [0, 1].
 */
export function weightedVectors(svd: TruncatedSvd, rows: number, power: number): Float32Array {
  const { U, S, k } = svd;
  const scale = Array.from(S, (s) => (power === 0 ? 1 : s ** power));
  const out = new Float32Array(rows * k);
  for (let i = 0; i < rows; i++)
    for (let c = 0; c < k; c++) out[i * k + c] = U[i * k + c] * scale[c];
  return out;
}

/** The evaluation set of a corpus. */
export const evaluationSetOf = (corpus: PpmiSettings['corpus']) =>
  corpus === 'moby' ? MOBY_DICK_EVALUATION_SET : SOTU_EVALUATION_SET;

/**
 * A pipeline with one cached result per stage.
 *
 * @param sentencesOf tokenized sentences of a corpus (`lmSentences`; cached per corpus here).
 */
export class PpmiPipeline {
  private sentences = new Map<string, string[][]>();
  private vocab: { key: string; vocab: EmbeddingVocab; ids: Int32Array[] } | null = null;
  private co: { key: string; C: Csr } | null = null;
  private pm: { key: string; M: Csr } | null = null;
  private svd: { key: string; svd: TruncatedSvd } | null = null;
  private full: StageTimes = {};

  constructor(
    private readonly sentencesOf: (
      corpus: PpmiSettings['corpus'],
      progress: StageProgress,
    ) => Promise<string[][]>,
  ) {}

  /**
   * Runs (or reuses) every stage for `s`.
   * @throws RangeError from src/nlp/embeddings for bad settings; Error if the vocabulary is
   *   smaller than k + 1 words.
   */
  async build(s: PpmiSettings, progress: StageProgress = () => {}): Promise<PpmiResult> {
    const ms: StageTimes = {};
    const timed = <T>(stage: PpmiStage, fn: () => T): T => {
      progress(stage, null);
      const t = performance.now();
      const v = fn();
      ms[stage] = this.full[stage] = performance.now() - t;
      return v;
    };

    let sentences = this.sentences.get(s.corpus);
    if (!sentences) {
      const t = performance.now();
      sentences = await this.sentencesOf(s.corpus, progress);
      ms.tokenize = this.full.tokenize = performance.now() - t;
      this.sentences.clear(); // one corpus at a time (SOTU's tokens are ~100 MB of strings)
      this.sentences.set(s.corpus, sentences);
    }
    const sents = sentences;

    const vKey = `${s.corpus}|${s.minCount}`;
    if (this.vocab?.key !== vKey) {
      this.vocab = null;
      this.co = this.pm = this.svd = null;
      const vocab = timed('vocabulary', () => buildEmbeddingVocab(sents, { minCount: s.minCount }));
      this.vocab = { key: vKey, vocab, ids: encodeSentences(sents, vocab) };
    }
    const { vocab, ids } = this.vocab;
    const V = vocab.words.length;
    if (V <= s.k) {
      throw new Error(
        `Only ${V} words occur at least ${s.minCount} times: choose k below ${V} or a lower minimum count.`,
      );
    }

    const cKey = `${vKey}|${s.window}`;
    if (this.co?.key !== cKey) {
      this.co = this.pm = this.svd = null; // free the old matrices before building new ones
      this.co = { key: cKey, C: timed('cooccurrence', () => cooccurrenceMatrix(ids, V, s.window)) };
    }
    const C = this.co.C;

    const pKey = `${cKey}|${s.alpha}`;
    if (this.pm?.key !== pKey) {
      this.pm = this.svd = null;
      this.pm = { key: pKey, M: timed('ppmi', () => ppmi(C, { alpha: s.alpha })) };
    }
    const M = this.pm.M;

    const sKey = `${pKey}|${s.k}`;
    if (this.svd?.key !== sKey) {
      this.svd = null;
      const svd = timed('svd', () =>
        randomizedSvd(M, s.k, {
          seed: SVD_SEED,
          onProgress: (done, total) => progress('svd', done / total),
        }),
      );
      this.svd = { key: sKey, svd };
    }
    const vectors = weightedVectors(this.svd.svd, V, s.power);
    const kv = new KeyedVectors(vectors, s.k, vocab.words);
    const evaluation = timed('evaluate', () => evaluate(kv, evaluationSetOf(s.corpus)));

    return {
      settings: { ...s },
      words: vocab.words,
      vectors,
      dim: s.k,
      singularValues: Float64Array.from(this.svd.svd.S),
      totalTokens: vocab.totalTokens,
      keptTokens: vocab.keptTokens,
      sentences: sents.length,
      nnzCooccurrence: C.nnz,
      nnzPpmi: M.nnz,
      ms,
      fullMs: { ...this.full },
      evaluation,
    };
  }
}
