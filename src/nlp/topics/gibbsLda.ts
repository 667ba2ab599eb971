/**
 * Collapsed Gibbs sampling for LDA (Griffiths & Steyvers 2004, "Finding scientific topics",
 * PNAS 101, eq. 5), one token at a time, for the teaching widget: the counts and the last
 * token's conditional distribution are public so a view can show a word changing topic.
 */
import { mulberry32 } from '../ngram/random';
import { lgammaScalar as lgamma } from './special';

/** Options of {@link GibbsLda}. */
export interface GibbsLdaOptions {
  /** Number of topics K (default 2). */
  nComponents?: number;
  /** Symmetric document-topic prior α (default 0.1; Griffiths & Steyvers use 50 / K). */
  alpha?: number;
  /** Symmetric topic-word prior β (default 0.01; Griffiths & Steyvers use 0.1). */
  beta?: number;
  /** Seed of the initial assignment and the draws (default 0). */
  randomState?: number;
}

/** What one {@link GibbsLda.step} did. */
export interface GibbsStep {
  /** Index of the token in corpus order (document by document). */
  token: number;
  doc: number;
  /** Word id. */
  word: number;
  /** Topic before and after the draw. */
  oldTopic: number;
  newTopic: number;
  /**
   * p(z_i = k | z_−i, w), k = 0..K−1, normalised: ∝ (n_kw + β) / (n_k + Vβ) · (n_dk + α), the
   * counts without token i.
   */
  conditional: Float64Array;
}

/**
 * The state of a collapsed Gibbs sampler over a corpus of word ids. Counts (all without
 * smoothing): `nDk[d * K + k]` tokens of document d in topic k; `nKw[k * V + w]` tokens of word w
 * in topic k; `nK[k]` tokens in topic k. Topics start uniformly at random (seeded).
 */
export class GibbsLda {
  readonly nComponents: number;
  readonly alpha: number;
  readonly beta: number;
  /** Vocabulary size V. */
  readonly nFeatures: number;
  /** Documents D. */
  readonly nDocs: number;
  /** Word id of each token, documents concatenated. */
  readonly words: Int32Array;
  /** Document of each token. */
  readonly docs: Int32Array;
  /** `docOffsets[d]`..`docOffsets[d + 1] − 1` are document d's tokens. */
  readonly docOffsets: Int32Array;
  /** Current topic of each token. */
  readonly z: Int32Array;
  readonly nDk: Int32Array;
  readonly nKw: Int32Array;
  readonly nK: Int32Array;
  /** Next token `step` resamples (cycles through the corpus in order). */
  position = 0;
  /** Complete sweeps done. */
  sweeps = 0;
  /** The last step, or null before the first. */
  lastStep: GibbsStep | null = null;
  private readonly rng: () => number;
  private readonly p: Float64Array;

  /**
   * @param corpus each document as word ids in [0, nFeatures).
   * @param nFeatures V.
   * @throws RangeError for a word id out of range, an empty corpus or a bad option.
   */
  constructor(
    corpus: readonly (readonly number[])[],
    nFeatures: number,
    options: GibbsLdaOptions = {},
  ) {
    const { nComponents = 2, alpha = 0.1, beta = 0.01, randomState = 0 } = options;
    if (!Number.isInteger(nComponents) || nComponents < 1) {
      throw new RangeError(`GibbsLda: nComponents must be an integer >= 1, got ${nComponents}.`);
    }
    if (!(alpha > 0) || !(beta > 0)) {
      throw new RangeError(`GibbsLda: alpha and beta must be positive, got ${alpha}, ${beta}.`);
    }
    if (!Number.isInteger(nFeatures) || nFeatures < 1) {
      throw new RangeError(`GibbsLda: nFeatures must be an integer >= 1, got ${nFeatures}.`);
    }
    const K = nComponents;
    const N = corpus.reduce((s, d) => s + d.length, 0);
    if (N === 0) throw new RangeError('GibbsLda: the corpus has no tokens.');
    this.nComponents = K;
    this.alpha = alpha;
    this.beta = beta;
    this.nFeatures = nFeatures;
    this.nDocs = corpus.length;
    this.words = new Int32Array(N);
    this.docs = new Int32Array(N);
    this.docOffsets = new Int32Array(corpus.length + 1);
    this.z = new Int32Array(N);
    this.nDk = new Int32Array(corpus.length * K);
    this.nKw = new Int32Array(K * nFeatures);
    this.nK = new Int32Array(K);
    this.p = new Float64Array(K);
    this.rng = mulberry32(randomState);
    let i = 0;
    corpus.forEach((doc, d) => {
      for (const w of doc) {
        if (!Number.isInteger(w) || w < 0 || w >= nFeatures) {
          throw new RangeError(
            `GibbsLda: document ${d} has word id ${w}, outside [0, ${nFeatures}).`,
          );
        }
        const k = Math.min(K - 1, Math.floor(this.rng() * K));
        this.words[i] = w;
        this.docs[i] = d;
        this.z[i] = k;
        this.add(i, 1);
        i++;
      }
      this.docOffsets[d + 1] = i;
    });
  }

  /** Number of tokens N. */
  get nTokens(): number {
    return this.words.length;
  }

  /** Resamples the token at `position` from its full conditional, then moves to the next. */
  step(): GibbsStep {
    const i = this.position;
    const { nComponents: K, nFeatures: V, alpha, beta } = this;
    const d = this.docs[i];
    const w = this.words[i];
    const oldTopic = this.z[i];
    this.add(i, -1);
    let total = 0;
    for (let k = 0; k < K; k++) {
      const pk =
        ((this.nKw[k * V + w] + beta) / (this.nK[k] + V * beta)) * (this.nDk[d * K + k] + alpha);
      this.p[k] = pk;
      total += pk;
    }
    let u = this.rng() * total;
    let newTopic = K - 1;
    for (let k = 0; k < K; k++) {
      u -= this.p[k];
      if (u < 0) {
        newTopic = k;
        break;
      }
    }
    this.z[i] = newTopic;
    this.add(i, 1);
    this.position = i + 1;
    if (this.position === this.nTokens) {
      this.position = 0;
      this.sweeps++;
    }
    const conditional = this.p.map((v) => v / total);
    this.lastStep = { token: i, doc: d, word: w, oldTopic, newTopic, conditional };
    return this.lastStep;
  }

  /**
   * Steps until the end of the corpus (a full sweep when `position` is 0).
   *
   * @returns how many tokens changed topic.
   */
  sweep(): number {
    let changed = 0;
    do {
      const s = this.step();
      if (s.newTopic !== s.oldTopic) changed++;
    } while (this.position !== 0);
    return changed;
  }

  /** θ̂, `[D, K]` row-major: (n_dk + α) / (n_d + Kα) (Griffiths & Steyvers eq. 7). */
  docTopicDistribution(): Float64Array {
    const { nComponents: K, alpha } = this;
    const out = new Float64Array(this.nDocs * K);
    for (let d = 0; d < this.nDocs; d++) {
      const n = this.docOffsets[d + 1] - this.docOffsets[d];
      for (let k = 0; k < K; k++) out[d * K + k] = (this.nDk[d * K + k] + alpha) / (n + K * alpha);
    }
    return out;
  }

  /** φ̂, `[K, V]` row-major: (n_kw + β) / (n_k + Vβ) (Griffiths & Steyvers eq. 6). */
  topicWordDistribution(): Float64Array {
    const { nComponents: K, nFeatures: V, beta } = this;
    const out = new Float64Array(K * V);
    for (let k = 0; k < K; k++) {
      for (let w = 0; w < V; w++)
        out[k * V + w] = (this.nKw[k * V + w] + beta) / (this.nK[k] + V * beta);
    }
    return out;
  }

  /**
   * log p(w | z) = K (ln Γ(Vβ) − V ln Γ(β)) + Σ_k (Σ_w ln Γ(n_kw + β) − ln Γ(n_k + Vβ))
   * (Griffiths & Steyvers eq. 2), the usual trace of a sampler's progress, in nats.
   */
  logLikelihood(): number {
    const { nComponents: K, nFeatures: V, beta } = this;
    let ll = K * (lgamma(V * beta) - V * lgamma(beta));
    for (let k = 0; k < K; k++) {
      for (let w = 0; w < V; w++) ll += lgamma(this.nKw[k * V + w] + beta);
      ll -= lgamma(this.nK[k] + V * beta);
    }
    return ll;
  }

  private add(i: number, delta: number): void {
    const k = this.z[i];
    this.nDk[this.docs[i] * this.nComponents + k] += delta;
    this.nKw[k * this.nFeatures + this.words[i]] += delta;
    this.nK[k] += delta;
  }
}
