/**
 * Count-based models of NLTK 3.8's `nltk.lm.models`: MLE, Lidstone, Laplace.
 */
import { LanguageModel, type LanguageModelOptions } from './languageModel';

/**
 * Maximum-likelihood estimate (NLTK `MLE`): P(w | h) = c(h w) / c(h •) (SLP3 eq. 3.12), 0 when
 * the context h was never seen (NLTK's `FreqDist.freq` of an empty distribution). Any unseen
 * n-gram makes the perplexity infinite.
 */
export class MLE extends LanguageModel {
  /** @internal */
  probability(w: number, ctx: readonly number[]): number {
    const node = this.contextNode(ctx);
    if (node < 0) return 0;
    const total = this.counts.childTotal[node];
    if (total === 0) return 0;
    const child = this.counts.child(node, w);
    return child < 0 ? 0 : this.counts.cnt[child] / total;
  }

  protected vocabDistribution(
    ctx: readonly number[],
    vocabIndex: Int32Array,
    size: number,
  ): Float64Array {
    const p = new Float64Array(size);
    const c = this.counts;
    const node = this.contextNode(ctx);
    if (node < 0 || c.childTotal[node] === 0) return p;
    const total = c.childTotal[node];
    c.forEachChild(node, (ch) => {
      const i = vocabIndex[c.word[ch]];
      if (i >= 0) p[i] += c.cnt[ch] / total;
    });
    return p;
  }
}

/** Options of {@link Lidstone}. */
export type LidstoneOptions = LanguageModelOptions;

/**
 * Add-γ smoothing (NLTK `Lidstone(gamma, order)`): P(w | h) = (c(h w) + γ) / (c(h •) + |V| γ),
 * |V| = `vocab.size` (`'<UNK>'` included); 1/|V| for an unseen context. SLP3 §3.6.2 (add-k).
 */
export class Lidstone extends LanguageModel {
  /** The pseudo-count γ added to every count. */
  readonly gamma: number;

  /**
   * @param gamma the pseudo-count, > 0 (NLTK does not check it).
   * @throws RangeError if `gamma` is not a finite number > 0, or `order` is not an integer >= 1.
   */
  constructor(gamma: number, order: number, options: LidstoneOptions = {}) {
    super(order, options);
    if (!(gamma > 0) || !Number.isFinite(gamma)) {
      throw new RangeError(`${new.target.name}: gamma must be a finite number > 0; got ${gamma}.`);
    }
    this.gamma = gamma;
  }

  /** @internal */
  probability(w: number, ctx: readonly number[]): number {
    const node = this.contextNode(ctx);
    const norm = this.vocab.size * this.gamma;
    if (node < 0) return this.gamma / norm;
    const child = this.counts.child(node, w);
    const count = child < 0 ? 0 : this.counts.cnt[child];
    return (count + this.gamma) / (this.counts.childTotal[node] + norm);
  }

  protected vocabDistribution(
    ctx: readonly number[],
    vocabIndex: Int32Array,
    size: number,
  ): Float64Array {
    const c = this.counts;
    const node = this.contextNode(ctx);
    const denom = (node < 0 ? 0 : c.childTotal[node]) + size * this.gamma;
    const p = new Float64Array(size).fill(this.gamma / denom);
    if (node >= 0) {
      c.forEachChild(node, (ch) => {
        const i = vocabIndex[c.word[ch]];
        if (i >= 0) p[i] += c.cnt[ch] / denom;
      });
    }
    return p;
  }
}

/** Add-one smoothing (NLTK `Laplace(order)`): Lidstone with γ = 1 (SLP3 eq. 3.24). */
export class Laplace extends Lidstone {
  /** @throws RangeError if `order` is not an integer >= 1. */
  constructor(order: number, options: LanguageModelOptions = {}) {
    super(1, order, options);
  }
}
