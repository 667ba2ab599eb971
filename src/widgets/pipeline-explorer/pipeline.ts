/**
 * The preprocessing pipeline of Chapter 1's explorer, stage by stage, as plain data:
 * documents → tokens → normalized tokens → stems → stopwords removed → Keras `Tokenizer`
 * vocabulary → id sequences → padded matrix. Pure TypeScript (no React), unit tested. The result
 * is plain data (structured-cloneable), so the explorer can run it in a Web Worker.
 */
import {
  KERAS_DEFAULT_FILTERS,
  Tokenizer,
  buildVocabularyTable,
  getStopwords,
  kerasLower,
  normalize,
  padSequences,
  stem,
  textToWordSequence,
  wordTokenize,
  type Int32Matrix,
  type NormalizationForm,
  type VocabularyRow,
} from '../../nlp';
import type { TokenKind } from '../../ui';

/** Characters of text the explorer processes; the rest is kept in the box but not processed. */
export const MAX_EXPLORER_CHARS = 20_000;
/** Documents (lines) processed at most. */
export const MAX_EXPLORER_DOCUMENTS = 200;

/** How much of a text the explorer processes (defaults: the two limits above). */
export interface ExplorerLimits {
  maxChars: number;
  maxDocuments: number;
}

const DEFAULT_LIMITS: ExplorerLimits = {
  maxChars: MAX_EXPLORER_CHARS,
  maxDocuments: MAX_EXPLORER_DOCUMENTS,
};

/** Options of {@link runPipeline} (the explorer's controls). */
export interface PipelineOptions {
  /** `keras`: Keras' filters + split on spaces; `unicode`: the book's Unicode word tokenizer. */
  tokenizer: 'keras' | 'unicode';
  /** Keras filters (characters replaced by spaces), for the `keras` tokenizer. */
  filters: string;
  /** Case folding. */
  lowercase: boolean;
  /** Unicode normalization form applied to every token. */
  normalization: NormalizationForm;
  /** Peel common Korean particles and endings off Hangul eojeol (`unicode` tokenizer). */
  koreanParticles: boolean;
  /** Replace tokens by their Porter stems. */
  stemming: boolean;
  /** Remove stopwords of `stopwordLanguage`. */
  removeStopwords: boolean;
  stopwordLanguage: 'en' | 'ko';
  /** Drop punctuation tokens (the `unicode` tokenizer keeps them as tokens). */
  dropPunctuation: boolean;
  /** OOV token, or null for none (unknown words are then dropped, as in Keras). */
  oovToken: string | null;
  /** Keras `num_words`; 0 = no limit. */
  numWords: number;
  maxlen: number;
  padding: 'pre' | 'post';
  truncating: 'pre' | 'post';
}

/** Defaults: the explorer's initial settings. */
export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = {
  tokenizer: 'unicode',
  filters: KERAS_DEFAULT_FILTERS,
  lowercase: true,
  normalization: 'NFC',
  koreanParticles: false,
  stemming: false,
  removeStopwords: false,
  stopwordLanguage: 'en',
  dropPunctuation: true,
  oovToken: '<OOV>',
  numWords: 20,
  maxlen: 10,
  padding: 'pre',
  truncating: 'pre',
};

/** A token at one stage, with what happened to it. */
export interface StageToken {
  text: string;
  kind: TokenKind;
  /** Tooltip, e.g. "stem of 'running'". */
  title?: string;
}

/** Everything the explorer shows. */
export interface PipelineResult {
  /** The documents: non-empty lines of the (clipped) text. */
  documents: string[];
  /** Stage 1 per document: tokens as produced by the tokenizer. */
  tokens: StageToken[][];
  /** Stage 2: after Unicode normalization and case folding. */
  normalized: StageToken[][];
  /** Stage 3: after stemming (same as stage 2 when stemming is off). */
  stems: StageToken[][];
  /** Stage 4: tokens that go on to the vocabulary (stopwords and punctuation removed if asked). */
  kept: StageToken[][];
  /** Stage 4 with removed tokens marked, for display. */
  marked: StageToken[][];
  /** The fitted Keras tokenizer's `word_index` (fitted on stage 4 token lists). */
  wordIndex: ReadonlyMap<string, number>;
  /** Its `index_word`. */
  indexWord: ReadonlyMap<number, string>;
  /** Its OOV token (index 1), or null. */
  oovToken: string | null;
  /** Stage 5: the vocabulary table in rank order. */
  vocabulary: VocabularyRow[];
  /** Stage 6: the id sequences (OOV = 1 when there is an OOV token). */
  sequences: number[][];
  /** Stage 7: the padded matrix `[documents, maxlen]`. */
  padded: Int32Matrix;
  /** Counts: tokens (N) and types (|V|) after stage 4. */
  tokenCount: number;
  typeCount: number;
  /** True when only part of the text was processed (see {@link DocumentSplit}). */
  clipped: boolean;
  /** Characters of the whole text, and of the part processed. */
  totalChars: number;
  processedChars: number;
  /** Documents (non-empty lines) in the whole text; `documents.length` were processed. */
  totalDocuments: number;
}

function uiKind(kind: string): TokenKind {
  if (kind === 'punct' || kind === 'symbol') return 'punct';
  if (kind === 'number') return 'number';
  if (
    kind === 'url' ||
    kind === 'email' ||
    kind === 'emoji' ||
    kind === 'hashtag' ||
    kind === 'mention'
  )
    return 'special';
  return 'word';
}

/** The documents of a text and how much of it they cover. */
export interface DocumentSplit {
  /** Non-empty lines (trimmed) of the processed part, at most `maxDocuments`. */
  documents: string[];
  /** True when the text has more characters or documents than processed. */
  clipped: boolean;
  /** `text.length`. */
  totalChars: number;
  /** Characters from the start of the text up to the end of the last processed document. */
  processedChars: number;
  /** Non-empty lines in the whole text. */
  totalDocuments: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;
const NON_SPACE = /\S/;
/** One non-empty line: optional spaces, a non-space, the rest of the line. */
const NON_EMPTY_LINE = /[^\S\r\n]*\S[^\r\n]*/g;

/**
 * Splits a text into documents, one per non-empty line, keeping the first `maxChars` characters
 * and `maxDocuments` documents; also counts the documents of the whole text. Linear time: the
 * processed part is sliced line by line, the rest is only scanned (no copies).
 */
export function splitDocuments(
  text: string,
  limits: ExplorerLimits = DEFAULT_LIMITS,
): DocumentSplit {
  const documents: string[] = [];
  let totalDocuments = 0;
  let processedChars = Math.min(text.length, limits.maxChars);
  let lineStart = 0;
  LINE_BREAK.lastIndex = 0;
  while (lineStart < limits.maxChars && documents.length < limits.maxDocuments) {
    const m = LINE_BREAK.exec(text);
    const lineEnd = m ? m.index : text.length;
    if (NON_SPACE.test(text.slice(lineStart, lineEnd))) {
      totalDocuments++;
      const doc = text.slice(lineStart, Math.min(lineEnd, limits.maxChars)).trim();
      // A line cut at maxChars whose kept part is blank counts, but has nothing to process.
      if (doc.length > 0) documents.push(doc);
      if (documents.length === limits.maxDocuments)
        processedChars = Math.min(lineEnd, processedChars);
    }
    if (!m) {
      lineStart = text.length;
      break;
    }
    lineStart = m.index + m[0].length;
  }
  // The rest of the text: count its non-empty lines.
  NON_EMPTY_LINE.lastIndex = lineStart;
  while (NON_EMPTY_LINE.exec(text) !== null) totalDocuments++;
  return {
    documents,
    clipped: processedChars < text.length && NON_SPACE.test(text.slice(processedChars)),
    totalChars: text.length,
    processedChars,
    totalDocuments,
  };
}

function tokenize(doc: string, o: PipelineOptions): StageToken[] {
  if (o.tokenizer === 'keras') {
    // Keras lowercases inside text_to_word_sequence; case folding is shown at stage 2 instead.
    return textToWordSequence(doc, { filters: o.filters, lower: false }).map((t) => ({
      text: t,
      kind: /^\p{N}+$/u.test(t) ? 'number' : 'word',
    }));
  }
  return wordTokenize(doc, { splitKoreanParticles: o.koreanParticles }).map((t) => ({
    text: t.text,
    kind: uiKind(t.kind),
    title: t.role === 'particle' ? 'particle or ending (approximate)' : t.kind,
  }));
}

/**
 * Runs every stage on `text` (one document per line), on the part within `limits`.
 *
 * @throws RangeError for `maxlen` below 1 or a negative `numWords` (the controls keep both valid).
 */
export function runPipeline(
  text: string,
  o: PipelineOptions,
  limits: ExplorerLimits = DEFAULT_LIMITS,
): PipelineResult {
  const split = splitDocuments(text, limits);
  const { documents } = split;
  const tokens = documents.map((d) => tokenize(d, o));
  const normalized = tokens.map((doc) =>
    doc.map((t) => {
      const text = normalize(t.text, { form: o.normalization, caseFold: false });
      const folded = o.lowercase ? kerasLower(text) : text;
      return folded === t.text ? t : { ...t, text: folded, title: `from "${t.text}"` };
    }),
  );
  const stems = normalized.map((doc) =>
    doc.map((t) => {
      if (!o.stemming || t.kind !== 'word') return t;
      const s = stem(t.text);
      return s === t.text ? t : { ...t, text: s, title: `stem of "${t.text}"` };
    }),
  );
  // Stopword lists hold surface words, so the check uses the normalized (unstemmed) form:
  // "was" is a stopword, its stem "wa" is not.
  const stop = o.removeStopwords ? getStopwords(o.stopwordLanguage) : null;
  const removal = (d: number, i: number): string | null => {
    const t = normalized[d][i];
    if (o.dropPunctuation && t.kind === 'punct') return 'punctuation dropped';
    if (stop !== null && stop.has(t.text.toLowerCase())) return 'stopword removed';
    return null;
  };
  const marked = stems.map((doc, d) =>
    doc.map((t, i) => {
      const why = removal(d, i);
      return why ? { ...t, kind: 'removed' as const, title: why } : t;
    }),
  );
  const kept = marked.map((doc) => doc.filter((t) => t.kind !== 'removed'));

  const tokenizer = new Tokenizer({
    numWords: o.numWords > 0 ? o.numWords : null,
    oovToken: o.oovToken,
    // The token lists are already case-folded (or deliberately not); Keras would lowercase
    // pre-tokenized lists again when lower=true.
    lower: false,
  });
  const lists = kept.map((doc) => doc.map((t) => t.text));
  tokenizer.fitOnTexts(lists);
  const sequences = tokenizer.textsToSequences(lists);
  const padded = padSequences(sequences, {
    maxlen: o.maxlen,
    padding: o.padding,
    truncating: o.truncating,
  });
  const typeCount = new Set(lists.flat()).size;
  return {
    documents,
    tokens,
    normalized,
    stems,
    kept,
    marked,
    wordIndex: tokenizer.wordIndex,
    indexWord: tokenizer.indexWord,
    oovToken: tokenizer.oovToken,
    vocabulary: buildVocabularyTable(tokenizer, o.numWords > 0 ? o.numWords : null),
    sequences,
    padded,
    tokenCount: lists.reduce((n, l) => n + l.length, 0),
    typeCount,
    clipped: split.clipped,
    totalChars: split.totalChars,
    processedChars: split.processedChars,
    totalDocuments: split.totalDocuments,
  };
}
