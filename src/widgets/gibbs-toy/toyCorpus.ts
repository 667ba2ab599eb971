/**
 * The Gibbs toy's corpus: the reader's text (one document per line) turned into word ids for
 * `GibbsLda`, and the numbers behind one sampling step. Pure TypeScript, no React.
 */
import { CountVectorizer, type GibbsLda, type GibbsStep } from '../../nlp';

/**
 * Six short documents with two obvious themes (trade, war), the last one mixing them, in the
 * vocabulary of the chapter's worked example.
 */
export const DEFAULT_TOY_CORPUS = [
  'tariff trade duties tariff imports trade',
  'war army navy war soldiers army',
  'trade imports tariff duties goods trade',
  'army soldiers war navy battle war',
  'duties goods trade tariff imports goods',
  'trade war tariff army',
].join('\n');

/** Limits of the toy corpus (the tables must stay readable). */
export const TOY_LIMITS = {
  maxDocs: 10,
  maxTokensPerDoc: 20,
  maxTerms: 30,
  maxChars: 800,
} as const;

/** A parsed toy corpus, or why it cannot be used. */
export type ToyCorpus =
  | {
      ok: true;
      /** Documents as word ids into `vocab` (empty lines and stop-word-only lines dropped). */
      docs: number[][];
      /** Terms in order of first appearance. */
      vocab: string[];
      /** Reader-facing notes on what was dropped or cut. */
      notes: string[];
    }
  | { ok: false; message: string };

const analyze = new CountVectorizer({ lowercase: true, stopWords: 'english' }).buildAnalyzer();

/**
 * Tokenizes one document per line (lowercased runs of 2+ letters or digits, English stop words
 * left out). Documents beyond `maxDocs`, tokens beyond `maxTokensPerDoc`, and new terms beyond
 * `maxTerms` are dropped with a note.
 */
export function parseToyCorpus(text: string): ToyCorpus {
  const notes: string[] = [];
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) {
    return { ok: false, message: 'The corpus is empty: write one short document per line.' };
  }
  if (lines.length > TOY_LIMITS.maxDocs) {
    notes.push(`Only the first ${TOY_LIMITS.maxDocs} documents are used.`);
  }
  const vocab: string[] = [];
  const ids = new Map<string, number>();
  const docs: number[][] = [];
  let cut = false;
  let unseen = 0;
  let empty = 0;
  for (const line of lines.slice(0, TOY_LIMITS.maxDocs)) {
    const tokens = analyze(line);
    if (tokens.length > TOY_LIMITS.maxTokensPerDoc) cut = true;
    const doc: number[] = [];
    for (const t of tokens.slice(0, TOY_LIMITS.maxTokensPerDoc)) {
      let id = ids.get(t);
      if (id === undefined) {
        if (vocab.length >= TOY_LIMITS.maxTerms) {
          unseen++;
          continue;
        }
        id = vocab.length;
        ids.set(t, id);
        vocab.push(t);
      }
      doc.push(id);
    }
    if (doc.length > 0) docs.push(doc);
    else empty++;
  }
  if (cut) notes.push(`Each document keeps its first ${TOY_LIMITS.maxTokensPerDoc} words.`);
  if (unseen) {
    notes.push(
      `${unseen} words beyond the first ${TOY_LIMITS.maxTerms} distinct terms are left out.`,
    );
  }
  if (empty) notes.push(`${empty} line(s) had only stop words and were left out.`);
  if (docs.length === 0) {
    return {
      ok: false,
      message:
        'No document has a word left after removing stop words (the, of, and, ...): write some content words.',
    };
  }
  return { ok: true, docs, vocab, notes };
}

/** The factors of p(z_i = k | z_−i, w) for one topic, counts without token i. */
export interface ConditionalTerm {
  nKw: number;
  nK: number;
  nDk: number;
  /** (n_kw + β) / (n_k + Vβ): how much topic k likes the word. */
  wordFactor: number;
  /** n_dk + α: how much the document uses topic k. */
  docFactor: number;
  /** The normalised probability. */
  p: number;
}

/**
 * The numbers behind `step` (the sampler's last step): the counts without the token (the state
 * after the step, with the token's new topic taken out again) and both factors per topic.
 */
export function explainStep(lda: GibbsLda, step: GibbsStep): ConditionalTerm[] {
  const { nComponents: K, nFeatures: V, alpha, beta } = lda;
  const rows: ConditionalTerm[] = [];
  let total = 0;
  for (let k = 0; k < K; k++) {
    const self = k === step.newTopic ? 1 : 0;
    const nKw = lda.nKw[k * V + step.word] - self;
    const nK = lda.nK[k] - self;
    const nDk = lda.nDk[step.doc * K + k] - self;
    const wordFactor = (nKw + beta) / (nK + V * beta);
    const docFactor = nDk + alpha;
    total += wordFactor * docFactor;
    rows.push({ nKw, nK, nDk, wordFactor, docFactor, p: 0 });
  }
  for (const r of rows) r.p = (r.wordFactor * r.docFactor) / total;
  return rows;
}

/** The `n` most probable words of each topic under φ̂ (ties in vocabulary order). */
export function topWords(lda: GibbsLda, vocab: readonly string[], n: number): string[][] {
  const phi = lda.topicWordDistribution();
  const V = lda.nFeatures;
  return Array.from({ length: lda.nComponents }, (_, k) =>
    Array.from({ length: V }, (_, w) => w)
      .sort((a, b) => phi[k * V + b] - phi[k * V + a] || a - b)
      .slice(0, n)
      .map((w) => vocab[w]),
  );
}
