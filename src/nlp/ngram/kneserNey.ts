/**
 * Interpolated Kneser-Ney smoothing (NLTK 3.8 `KneserNeyInterpolated`, done by the book).
 */
import { LanguageModel, type LanguageModelOptions } from './languageModel';

/** Options of {@link KneserNeyInterpolated}. */
export interface KneserNeyOptions extends LanguageModelOptions {
  /** The absolute discount d, in (0, 1). Default 0.1 (NLTK's default). */
  discount?: number;
}

/** One level of the Kneser-Ney recursion (see {@link KneserNeyInterpolated.alphaGamma}). */
export interface AlphaGamma {
  /** The discounted relative (continuation) count of the word: max(c − d, 0) / Σc. */
  alpha: number;
  /** The weight λ of the lower-order distribution: d · N1+ / Σc (1 for an unseen context). */
  gamma: number;
}

/**
 * Interpolated Kneser-Ney (Kneser & Ney 1995; Chen & Goodman 1998, "An empirical study of
 * smoothing techniques for language modeling", §2.7 and its interpolated form; Jurafsky & Martin,
 * SLP3 ch. 3, "Kneser-Ney smoothing"). With h the last k words of the context (k = 0..n−1):
 *
 *   P_k(w | h) = max(c_KN(h w) − d, 0) / Σ_v c_KN(h v) + λ(h) · P_{k−1}(w | h without its first word)
 *   λ(h)      = d · |{v : c_KN(h v) > 0}| / Σ_v c_KN(h v)
 *   P_{−1}(w) = 1 / |V|   (the recursion ends in the uniform distribution over the vocabulary)
 *
 * where c_KN is the raw count c(h w) at the highest order (k = n − 1) and the continuation count
 * N1+(• h w) = |{u : c(u h w) > 0}| at every lower order, unigrams included. A context never seen
 * (Σ_v c_KN(h v) = 0) has α = 0, λ = 1: it passes the lower order through. So P sums to 1 over the
 * vocabulary for every context, seen or not, and every word, `'<UNK>'` included, gets P > 0.
 *
 * Where this differs from NLTK 3.8's `KneserNeyInterpolated` (and why):
 * 1. Unigrams: NLTK uses P(w) = N1+(• w) / N1+(• •) with no discount and no uniform term, so a
 *    word never seen after another word (an unseen `'<UNK>'`, or `'<s>'` in a bigram model) gets
 *    P = 0 in an unseen context, and an infinite perplexity; SLP3 ends the recursion by
 *    interpolating with the uniform distribution (above), which keeps P > 0. When every
 *    vocabulary word has N1+(• w) > 0 the two coincide exactly (the uniform term
 *    d · |V| / N1+(• •) · 1/|V| gives back what the discount took).
 * 2. λ at lower orders: NLTK counts the distinct RAW continuations N1+(h •), we count the words
 *    with a continuation count > 0, |{v : N1+(• h v) > 0}| (Chen & Goodman). They differ only for
 *    contexts followed by a word that never has a left neighbour (with padding: h = `'<s>'`
 *    followed by `'<s>'` at the very start of a sentence); NLTK's λ then makes the distribution
 *    sum to more than 1.
 * 3. Order 1: NLTK scores a unigram model with continuation counts (and divides by zero when the
 *    counter holds only unigrams); here the highest order uses raw counts, also when it is 1.
 * 4. A seen context whose continuation counts are all 0 (only possible at lower orders) is treated
 *    as unseen here; NLTK divides by zero.
 * 5. Contexts are cut to the last n − 1 words (see {@link LanguageModel}); a shorter context
 *    starts the recursion at a lower order (as in NLTK: raw counts only for full contexts).
 * Where the definitions coincide (the highest-order α and λ, lower-order α), the values match
 * NLTK to 1e-12 (tests/unit/nlp/ngram.nltk.test.ts).
 */
export class KneserNeyInterpolated extends LanguageModel {
  /** The absolute discount d. */
  readonly discount: number;

  /**
   * @throws RangeError if `discount` is not in (0, 1) (NLTK accepts [0, 1]; d = 0 gives unseen
   *   words P = 0) or `order` is not an integer >= 1.
   */
  constructor(order: number, options: KneserNeyOptions = {}) {
    super(order, options);
    const { discount = 0.1 } = options;
    if (!(discount > 0 && discount < 1)) {
      throw new RangeError(
        `KneserNeyInterpolated: discount must be in (0, 1); got ${String(discount)}.`,
      );
    }
    this.discount = discount;
  }

  /**
   * The α (discounted count of `word`) and λ (lower-order weight) of the recursion level of
   * `context` (k = context length, used as given: looked up, at most `order − 1` words). NLTK:
   * `model.estimator.alpha_gamma(word, context)`.
   *
   * @throws Error before the model has counts; RangeError for a context longer than order − 1.
   */
  alphaGamma(word: string, context: readonly string[]): AlphaGamma {
    this.ready();
    if (context.length > this.order - 1) {
      throw new RangeError(`alphaGamma: the context has more than ${this.order - 1} words.`);
    }
    const c = this.counts;
    c.ensureContinuations();
    const node = c.find(context);
    const top = context.length === this.order - 1;
    const total = node < 0 ? 0 : top ? c.childTotal[node] : c.contTotal[node];
    if (total === 0) return { alpha: 0, gamma: 1 };
    const child = c.child(node, c.wordId(word));
    const count = child < 0 ? 0 : top ? c.cnt[child] : c.cont[child];
    const distinct = top ? c.distinct[node] : c.contDistinct[node];
    return {
      alpha: Math.max(count - this.discount, 0) / total,
      gamma: (this.discount * distinct) / total,
    };
  }

  /** @internal */
  probability(w: number, ctx: readonly number[]): number {
    const c = this.counts;
    c.ensureContinuations();
    const d = this.discount;
    const m = ctx.length;
    let p = 1 / this.vocab.size;
    for (let k = 0; k <= m; k++) {
      const node = this.contextNode(ctx, m - k);
      if (node < 0) break; // a longer context contains this one: unseen as well
      const top = k === this.order - 1;
      const total = top ? c.childTotal[node] : c.contTotal[node];
      if (total === 0) continue;
      const child = c.child(node, w);
      const count = child < 0 ? 0 : top ? c.cnt[child] : c.cont[child];
      const distinct = top ? c.distinct[node] : c.contDistinct[node];
      p = Math.max(count - d, 0) / total + ((d * distinct) / total) * p;
    }
    return p;
  }

  protected vocabDistribution(
    ctx: readonly number[],
    vocabIndex: Int32Array,
    size: number,
  ): Float64Array {
    const c = this.counts;
    c.ensureContinuations();
    const d = this.discount;
    const m = ctx.length;
    const p = new Float64Array(size).fill(1 / size);
    for (let k = 0; k <= m; k++) {
      const node = this.contextNode(ctx, m - k);
      if (node < 0) break;
      const top = k === this.order - 1;
      const total = top ? c.childTotal[node] : c.contTotal[node];
      if (total === 0) continue;
      const gamma = ((top ? c.distinct[node] : c.contDistinct[node]) * d) / total;
      for (let i = 0; i < size; i++) p[i] *= gamma;
      const counts = top ? c.cnt : c.cont;
      c.forEachChild(node, (ch) => {
        const i = vocabIndex[c.word[ch]];
        if (i >= 0 && counts[ch] > d) p[i] += (counts[ch] - d) / total;
      });
    }
    return p;
  }
}
