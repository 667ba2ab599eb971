/**
 * The book's table of contents: every chapter of CURRICULUM.md in reading order.
 *
 * Plain data with no React and no MDX imports, so that Node code (vite.config.ts, the e2e
 * tests, the benchmarks) can read it too. The MDX modules themselves are loaded on demand
 * by `chapterLoaders.ts`.
 */

/** Where a chapter stands: `ready` chapters have a page; `coming` ones are listed only. */
export type ChapterStatus = 'ready' | 'coming';

/** One entry of the table of contents. */
export interface ChapterInfo {
  /** Chapter number in reading order, 1-based. */
  number: number;
  /** URL segment: the page lives at `chapters/<slug>`. */
  slug: string;
  /** Title as printed in the table of contents. */
  title: string;
  /** Part of the book (I, II or III). */
  part: string;
  /** One sentence on what the reader will learn. */
  summary: string;
  status: ChapterStatus;
}

/** Titles of the book's parts, keyed by the part's Roman numeral. */
export const PARTS: Record<string, string> = {
  I: 'Text as data',
  II: 'Learning from data',
  III: 'Neural NLP',
};

/** All chapters, in reading order. */
export const CHAPTERS: readonly ChapterInfo[] = [
  {
    number: 1,
    slug: 'preprocessing',
    title: 'Text preprocessing',
    part: 'I',
    summary:
      'From raw text to integer tensors: tokens, vocabularies, normalization, stemming, padding, and a first classifier.',
    status: 'ready',
  },
  {
    number: 2,
    slug: 'subword-tokenization',
    title: 'Subword tokenization',
    part: 'I',
    summary: 'Byte-pair encoding, WordPiece and unigram models: vocabularies without OOV words.',
    status: 'coming',
  },
  {
    number: 3,
    slug: 'language-models',
    title: 'Language models and n-grams',
    part: 'I',
    summary:
      'Counting, smoothing and perplexity, with a neural language model trained beside them.',
    status: 'ready',
  },
  {
    number: 4,
    slug: 'bag-of-words',
    title: 'Bag of words, TF-IDF and vector similarity',
    part: 'I',
    summary: 'Documents as vectors: TF-IDF, cosine similarity, search and linear classifiers.',
    status: 'ready',
  },
  {
    number: 5,
    slug: 'topic-models',
    title: 'Topic models: LSA and LDA',
    part: 'I',
    summary: 'Latent structure in a corpus: truncated SVD and latent Dirichlet allocation.',
    status: 'ready',
  },
  {
    number: 6,
    slug: 'machine-learning-basics',
    title: 'Machine learning basics',
    part: 'II',
    summary: 'Loss functions, gradient descent, logistic and softmax regression, and evaluation.',
    status: 'coming',
  },
  {
    number: 7,
    slug: 'neural-networks',
    title: 'Neural networks',
    part: 'II',
    summary: 'Perceptrons to multilayer networks, backpropagation and optimisers.',
    status: 'coming',
  },
  {
    number: 8,
    slug: 'word-embeddings',
    title: 'Word embeddings',
    part: 'III',
    summary: 'PPMI and SVD, word2vec with negative sampling, and how to evaluate word vectors.',
    status: 'ready',
  },
  {
    number: 9,
    slug: 'recurrent-networks',
    title: 'Recurrent neural networks',
    part: 'III',
    summary: 'RNN, LSTM and GRU cells, backpropagation through time, and vanishing gradients.',
    status: 'ready',
  },
  {
    number: 10,
    slug: 'rnn-text-classification',
    title: 'Text classification with RNNs',
    part: 'III',
    summary: 'Many-to-one recurrent classifiers for spam and review-source detection.',
    status: 'coming',
  },
  {
    number: 11,
    slug: 'convolutional-networks',
    title: 'Convolutional networks for text',
    part: 'III',
    summary: '1-D convolutions as n-gram detectors and the multi-width TextCNN.',
    status: 'ready',
  },
  {
    number: 12,
    slug: 'sequence-tagging',
    title: 'Sequence tagging',
    part: 'III',
    summary: 'Part-of-speech tagging and named entities with bidirectional LSTMs.',
    status: 'coming',
  },
  {
    number: 13,
    slug: 'seq2seq',
    title: 'Sequence-to-sequence models',
    part: 'III',
    summary: 'Encoder-decoder networks, teacher forcing and beam search.',
    status: 'ready',
  },
  {
    number: 14,
    slug: 'attention',
    title: 'Attention',
    part: 'III',
    summary: 'Alignment as a soft lookup: Bahdanau and Luong attention.',
    status: 'ready',
  },
  {
    number: 15,
    slug: 'transformer',
    title: 'The Transformer',
    part: 'III',
    summary: 'Self-attention, multi-head attention, positional encodings and the full stack.',
    status: 'ready',
  },
  {
    number: 16,
    slug: 'bert',
    title: 'Pretrained language models: BERT',
    part: 'III',
    summary: 'Masked language modelling, pretraining and fine-tuning.',
    status: 'coming',
  },
  {
    number: 17,
    slug: 'summarization',
    title: 'Text summarization',
    part: 'III',
    summary: 'Extractive and abstractive summaries: TextRank and ROUGE.',
    status: 'coming',
  },
];

/** The chapters that have a page, in reading order. */
export const READY_CHAPTERS: readonly ChapterInfo[] = CHAPTERS.filter((c) => c.status === 'ready');

/** The route of a chapter, relative to the site's base path (no leading slash). */
export function chapterPath(slug: string): string {
  return `chapters/${slug}`;
}
