/**
 * NLTK 3.8's `nltk.lm.NgramCounter`, stored as a trie of integer node ids for speed.
 */

import { ChildTable } from './childTable';
import { BOS, EOS, checkInt } from './preprocessing';

/** Word ids and node ids are int32. */
const MAX_WORDS = 2 ** 31 - 1;
const MAX_NODES = 2 ** 30;

/** One row of {@link NgramCounter.continuations}. */
export interface Continuation {
  word: string;
  count: number;
}

/** Per-order totals of {@link NgramCounter.orderStats}. */
export interface OrderStats {
  /** The n-gram order n. */
  order: number;
  /** Distinct n-grams of this order with a count > 0. */
  types: number;
  /** Occurrences of n-grams of this order. */
  tokens: number;
}

/**
 * Counts n-grams of every order (NLTK `NgramCounter`). `update` takes sentences of n-grams (each
 * an array of words, any length >= 1), as `paddedEverygramPipeline(...).ngrams`; the words are
 * counted as given (a language model's `fit` looks them up in its vocabulary first).
 *
 * Storage: a trie. Node 0 is the empty context; the node of `w1..wk` is the child `wk` of the
 * node of `w1..w(k-1)`. Per node: its count, the sum and the number of distinct (count > 0)
 * continuations, and, computed lazily for Kneser-Ney, the continuation count
 * N1+(• w1..wk) = |{v : c(v w1..wk) > 0}| with its per-context sums (Chen & Goodman 1998, §2.7;
 * Jurafsky & Martin, SLP3 ch. 3, "Kneser-Ney smoothing"). A score is then at most
 * order · (order + 1) / 2 lookups in a typed-array hash table.
 *
 * NLTK equivalents: `counts[ngram_tuple]` = {@link NgramCounter.count}; `counts[context]` (a
 * FreqDist) = {@link NgramCounter.continuations}; `counts[context].N()` =
 * {@link NgramCounter.contextTotal}; `counts.N()` = {@link NgramCounter.N}.
 */
export class NgramCounter {
  /** Incremented by every update (models cache derived tables by it). */
  version = 0;
  private readonly ids = new Map<string, number>();
  private readonly vocabWords: string[] = [];
  private readonly edges = new ChildTable();
  private size = 1;
  private total = 0;
  private maxOrder = 0;
  /** @internal per node */
  parent = new Int32Array(1024);
  /** @internal counter word id of the node's last word (-1 for the root) */
  word = new Int32Array(1024);
  /** @internal */
  depth = new Uint8Array(1024);
  /** @internal c(ngram) */
  cnt = new Float64Array(1024);
  /** @internal sum of the children's counts: c(context •) */
  childTotal = new Float64Array(1024);
  /** @internal children with count > 0: N1+(context •) */
  distinct = new Int32Array(1024);
  private firstChild = new Int32Array(1024).fill(-1);
  private nextSibling = new Int32Array(1024).fill(-1);
  private contVersion = -1;
  /** @internal N1+(• ngram); valid after ensureContinuations() */
  cont = new Int32Array(0);
  /** @internal sum over w of N1+(• context w) */
  contTotal = new Float64Array(0);
  /** @internal |{w : N1+(• context w) > 0}| */
  contDistinct = new Int32Array(0);

  /**
   * @param ngramText optional sentences of n-grams to count at once (NLTK `NgramCounter(text)`).
   */
  constructor(ngramText?: Iterable<Iterable<readonly string[]>>) {
    this.word[0] = -1;
    if (ngramText) this.update(ngramText);
  }

  /**
   * Counts sentences of n-grams (NLTK `update`).
   *
   * @param lookup optional word mapping applied before counting (a model's `fit` passes its
   *   vocabulary lookup, as NLTK's `fit` does with `vocab.lookup(sent)`).
   * @throws TypeError if an n-gram is not a non-empty array of strings.
   */
  update(
    ngramText: Iterable<Iterable<readonly string[]>>,
    lookup?: (word: string) => string,
  ): void {
    const path: number[] = [];
    let prev: readonly string[] = [];
    for (const sentence of ngramText) {
      for (const ngram of sentence) {
        if (!Array.isArray(ngram) || ngram.length === 0) {
          throw new TypeError(
            `NgramCounter.update: n-gram ${String(ngram)} is not a non-empty array.`,
          );
        }
        // Everygrams come as (a) (a b) (a b c) ...: reuse the previous n-gram's path.
        let shared = 0;
        const limit = Math.min(prev.length, ngram.length - 1);
        while (shared < limit && ngram[shared] === prev[shared]) shared++;
        let node = shared === 0 ? 0 : path[shared - 1];
        for (let k = shared; k < ngram.length; k++) {
          const w = ngram[k];
          node = this.child(node, this.intern(lookup ? lookup(w) : w), true);
          path[k] = node;
        }
        this.increment(node);
        prev = ngram;
      }
    }
  }

  /**
   * Counts what `update(paddedEverygramPipeline(order, sentences).ngrams, lookup)` counts (every
   * n-gram of lengths 1..order of each sentence padded with `order - 1` × `'<s>'` and `'</s>'`),
   * without building the n-gram arrays: about 3 times faster, and no garbage.
   *
   * @throws RangeError if `order` is not an integer >= 1; TypeError for a non-string word.
   */
  updatePaddedEverygrams(
    sentences: Iterable<readonly string[]>,
    order: number,
    lookup?: (word: string) => string,
  ): void {
    checkInt('updatePaddedEverygrams: order', order);
    const cache = new Map<string, number>();
    const id = (w: string): number => {
      let i = cache.get(w);
      if (i === undefined) {
        i = this.intern(lookup ? lookup(w) : w);
        cache.set(w, i);
      }
      return i;
    };
    const bos = id(BOS);
    const eos = id(EOS);
    const ids: number[] = [];
    for (const sentence of sentences) {
      ids.length = 0;
      for (let i = 1; i < order; i++) ids.push(bos);
      for (const w of sentence) ids.push(id(w));
      for (let i = 1; i < order; i++) ids.push(eos);
      const len = ids.length;
      for (let i = 0; i < len; i++) {
        let node = 0;
        const end = Math.min(len, i + order);
        for (let k = i; k < end; k++) {
          node = this.child(node, ids[k], true);
          this.increment(node);
        }
      }
    }
  }

  /** @internal Adds one occurrence of the n-gram ending at `node`. */
  increment(node: number, by = 1): void {
    const p = this.parent[node];
    if (this.cnt[node] === 0) this.distinct[p]++;
    this.cnt[node] += by;
    this.childTotal[p] += by;
    this.total += by;
    if (this.depth[node] > this.maxOrder) this.maxOrder = this.depth[node];
    this.version++;
  }

  /** NLTK `N()`: the number of n-grams counted, all orders together. */
  N(): number {
    return this.total;
  }

  /** The highest order counted (0 when empty). */
  get order(): number {
    return this.maxOrder;
  }

  /** The distinct words counted, in order of first appearance (index = internal word id). */
  get words(): readonly string[] {
    return this.vocabWords;
  }

  /** The count of an n-gram (a string is a unigram): NLTK `counts[context][word]`. 0 if unseen. */
  count(ngram: string | readonly string[]): number {
    const node = this.find(typeof ngram === 'string' ? [ngram] : ngram);
    return node < 0 ? 0 : this.cnt[node];
  }

  /** c(context •) = Σ_w c(context w): NLTK `counts[context].N()` (context [] = all unigrams). */
  contextTotal(context: readonly string[]): number {
    const node = this.find(context);
    return node < 0 ? 0 : this.childTotal[node];
  }

  /**
   * The words seen after `context` with their counts (NLTK `counts[context]`, a FreqDist), most
   * frequent first, ties in order of first appearance. `[]` gives the unigram counts.
   */
  continuations(context: readonly string[]): Continuation[] {
    const node = this.find(context);
    if (node < 0) return [];
    const rows: Continuation[] = [];
    for (let c = this.firstChild[node]; c >= 0; c = this.nextSibling[c]) {
      if (this.cnt[c] > 0) rows.push({ word: this.vocabWords[this.word[c]], count: this.cnt[c] });
    }
    rows.reverse(); // children are linked newest first
    return rows.sort((a, b) => b.count - a.count);
  }

  /**
   * The Kneser-Ney continuation count N1+(• ngram) = |{v : c(v ngram) > 0}|: the number of
   * distinct words seen before the n-gram (NLTK `KneserNey._continuation_counts(word, context)[0]`).
   */
  continuationCount(ngram: readonly string[]): number {
    this.ensureContinuations();
    const node = this.find(ngram);
    return node < 0 ? 0 : this.cont[node];
  }

  /**
   * N1+(• context •) = Σ_w N1+(• context w), the Kneser-Ney denominator at a lower order (NLTK
   * `KneserNey._continuation_counts(word, context)[1]`).
   */
  continuationTotal(context: readonly string[]): number {
    this.ensureContinuations();
    const node = this.find(context);
    return node < 0 ? 0 : this.contTotal[node];
  }

  /** Distinct and total counts per order 1..`order`. */
  orderStats(): OrderStats[] {
    const stats: OrderStats[] = [];
    for (let k = 1; k <= this.maxOrder; k++) stats.push({ order: k, types: 0, tokens: 0 });
    for (let n = 1; n < this.size; n++) {
      if (this.cnt[n] > 0) {
        const s = stats[this.depth[n] - 1];
        s.types++;
        s.tokens += this.cnt[n];
      }
    }
    return stats;
  }

  /** @internal The word's internal id, or -1 if never counted. */
  wordId(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  /** @internal The child of `node` for word id `w`; -1 if absent (or created when `create`). */
  child(node: number, w: number, create = false): number {
    if (w < 0 || node < 0) return -1;
    const found = this.edges.get(node, w);
    if (found >= 0) return found;
    if (!create) return -1;
    if (this.size >= MAX_NODES) throw new RangeError('NgramCounter: too many n-grams.');
    if (this.size === this.parent.length) this.grow();
    const n = this.size++;
    this.parent[n] = node;
    this.word[n] = w;
    this.depth[n] = this.depth[node] + 1;
    this.nextSibling[n] = this.firstChild[node];
    this.firstChild[node] = n;
    this.edges.add(node, w, n);
    return n;
  }

  /** @internal The node of an n-gram, or -1. */
  find(ngram: readonly string[]): number {
    let node = 0;
    for (let k = 0; k < ngram.length && node >= 0; k++)
      node = this.child(node, this.wordId(ngram[k]));
    return node;
  }

  /**
   * @internal Calls `fn(childNode)` for every child node of `node`, including nodes with count 0
   * (contexts and Kneser-Ney suffixes that were never counted themselves).
   */
  forEachChild(node: number, fn: (child: number) => void): void {
    for (let c = this.firstChild[node]; c >= 0; c = this.nextSibling[c]) fn(c);
  }

  /**
   * @internal Computes the continuation counts once per version. Every counted n-gram v·x adds 1
   * to N1+(• x), where x (its suffix) gets a node (count 0) if it was never counted itself.
   */
  ensureContinuations(): void {
    if (this.contVersion === this.version) return;
    // Suffix nodes first (they may add nodes, which are visited too).
    let suffix = new Int32Array(this.size + (this.size >> 2));
    for (let n = 1; n < this.size; n++) {
      if (n === suffix.length) {
        const bigger = new Int32Array(2 * n);
        bigger.set(suffix);
        suffix = bigger;
      }
      suffix[n] = this.depth[n] === 1 ? 0 : this.child(suffix[this.parent[n]], this.word[n], true);
    }
    const cont = new Int32Array(this.size);
    const contTotal = new Float64Array(this.size);
    const contDistinct = new Int32Array(this.size);
    for (let n = 1; n < this.size; n++)
      if (this.cnt[n] > 0 && this.depth[n] >= 2) cont[suffix[n]]++;
    for (let n = 1; n < this.size; n++) {
      if (cont[n] > 0) {
        contTotal[this.parent[n]] += cont[n];
        contDistinct[this.parent[n]]++;
      }
    }
    this.cont = cont;
    this.contTotal = contTotal;
    this.contDistinct = contDistinct;
    this.contVersion = this.version;
  }

  private intern(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      if (typeof word !== 'string') {
        throw new TypeError(`NgramCounter.update: words must be strings; got ${typeof word}.`);
      }
      id = this.vocabWords.length;
      if (id >= MAX_WORDS) throw new RangeError('NgramCounter: too many distinct words.');
      this.ids.set(word, id);
      this.vocabWords.push(word);
    }
    return id;
  }

  private grow(): void {
    const cap = this.parent.length * 2;
    const g = <A extends Int32Array | Float64Array | Uint8Array>(a: A, fill?: number): A => {
      const b = new (a.constructor as new (n: number) => A)(cap);
      b.set(a);
      if (fill !== undefined) b.fill(fill, a.length);
      return b;
    };
    this.parent = g(this.parent);
    this.word = g(this.word);
    this.depth = g(this.depth);
    this.cnt = g(this.cnt);
    this.childTotal = g(this.childTotal);
    this.distinct = g(this.distinct);
    this.firstChild = g(this.firstChild, -1);
    this.nextSibling = g(this.nextSibling, -1);
  }
}
