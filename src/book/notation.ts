/**
 * The book's notation: one entry per row of the notation table in `../shared/WRITING.md`
 * ("Notation (the whole book)"), rendered by the notation page (`NotationPage.tsx`).
 *
 * Plain data with no React, so Node tests can read it. tests/unit/book/notation.test.ts parses
 * WRITING.md's table and checks that `source` below matches it row for row, so the page and
 * the style guide cannot drift apart: change one, and the test says what to change in the other.
 */

/** One row of the notation table. */
export interface NotationEntry {
  /** The symbols as KaTeX (TeX) source, shown side by side. */
  symbols: readonly string[];
  /** What they mean, as shown on the page: plain text with inline math between `$` signs. */
  meaning: string;
  /** Chapters (by number) that use the symbols. */
  chapters: readonly number[];
  /** The row as WRITING.md writes it (cells trimmed, backticks kept): the test's reference. */
  source: { symbol: string; meaning: string };
}

/** The conventions stated above the table in WRITING.md, as shown on the page. */
export const NOTATION_CONVENTIONS: readonly string[] = [
  'Rows are examples: a batch is a matrix whose rows are vectors, and a layer computes $\\mathbf{x}\\mathbf{W} + \\mathbf{b}$, as Keras and d2l do.',
  'Matrices are bold upper case ($\\mathbf{W}$), vectors bold lower case ($\\mathbf{x}$), scalars italic ($t$).',
  'A symbol has one meaning within a chapter. Where a chapter must reuse one (LDA’s $\\alpha$), it says so.',
];

/** The table, in WRITING.md's order. */
export const NOTATION: readonly NotationEntry[] = [
  {
    symbols: ['V', '|V|'],
    meaning: 'vocabulary and its size',
    chapters: [1, 3, 4, 8, 9],
    source: { symbol: '`V`, `|V|`', meaning: 'vocabulary and its size' },
  },
  {
    symbols: ['w', 'w_t'],
    meaning: 'a word (type), the word at position $t$',
    chapters: [3, 4, 8],
    source: { symbol: '`w`, `w_t`', meaning: 'a word (type), the word at position `t`' },
  },
  {
    symbols: ['T', 't'],
    meaning: 'sequence length, time step',
    chapters: [1, 9, 11, 13, 14],
    source: { symbol: '`T`, `t`', meaning: 'sequence length, time step' },
  },
  {
    symbols: ['B'],
    meaning: 'batch size',
    chapters: [1, 9, 11, 13],
    source: { symbol: '`B`', meaning: 'batch size' },
  },
  {
    symbols: ['d', 'd_h', 'd_{\\text{model}}', 'd_k', 'd_v', 'd_{\\text{ff}}', 'h'],
    meaning:
      'embedding dimension $d$; hidden size $d_h$; in the Transformer, model width $d_{\\text{model}}$, key and value widths $d_k$ and $d_v$, feed-forward width $d_{\\text{ff}}$ and number of heads $h$',
    chapters: [1, 8, 9, 11, 13, 15],
    source: {
      symbol: '`d`',
      meaning:
        'embedding dimension; `d_h` hidden size; `d_model`, `d_k`, `d_v`, `d_ff`, `h` (heads) in the Transformer',
    },
  },
  {
    symbols: ['\\mathbf{E}'],
    meaning:
      'embedding matrix in $\\mathbb{R}^{|V| \\times d}$, one row per word; a one-hot row vector times $\\mathbf{E}$ is a row lookup',
    chapters: [1, 3, 8, 9, 14],
    source: {
      symbol: '`E`',
      meaning:
        'embedding matrix in R^{|V| x d}, one row per word; a one-hot row vector times `E` is a row lookup',
    },
  },
  {
    symbols: ['\\mathbf{x}_t', '\\mathbf{h}_t', '\\mathbf{c}_t'],
    meaning: 'input, hidden state and LSTM cell state at step $t$',
    chapters: [9, 13, 14],
    source: {
      symbol: '`x_t`, `h_t`, `c_t`',
      meaning: 'input, hidden state and LSTM cell state at step `t`',
    },
  },
  {
    symbols: ['\\mathbf{W}_{xh}', '\\mathbf{W}_{hh}', '\\mathbf{b}_h'],
    meaning:
      'input-to-hidden and hidden-to-hidden weights, bias (the code may use PyTorch’s W_ih layout; chapters say so where it matters)',
    chapters: [9, 13],
    source: {
      symbol: '`W_xh`, `W_hh`, `b_h`',
      meaning:
        "input-to-hidden and hidden-to-hidden weights, bias (the code may use PyTorch's `W_ih` layout: say so where it matters)",
    },
  },
  {
    symbols: ['m', 'k'],
    meaning: 'word2vec window half-width $m$; number of negative samples $k$',
    chapters: [8],
    source: { symbol: '`m`', meaning: 'word2vec window half-width; `k` negative samples' },
  },
  {
    symbols: ['\\eta'],
    meaning: 'learning rate (word2vec.c’s alpha is $\\eta$)',
    chapters: [4, 8, 9],
    source: { symbol: '`eta` (η)', meaning: "learning rate (word2vec.c's `alpha` is η)" },
  },
  {
    symbols: ['\\alpha'],
    meaning:
      'additive (add-$\\alpha$, Lidstone) smoothing constant; $\\alpha = 1$ is Laplace smoothing (NLTK calls it gamma)',
    chapters: [3, 4],
    source: {
      symbol: '`alpha` (α)',
      meaning:
        'additive (add-α, Lidstone) smoothing constant; α = 1 is Laplace (NLTK calls it `gamma`)',
    },
  },
  {
    symbols: ['D'],
    meaning: 'Kneser-Ney absolute discount',
    chapters: [3],
    source: { symbol: '`D`', meaning: 'Kneser-Ney absolute discount' },
  },
  {
    symbols: ['K', 'C'],
    meaning: 'number of topics $K$ (LDA); number of classes $C$',
    chapters: [4, 5, 11],
    source: { symbol: '`K`', meaning: 'number of topics (LDA); `C` number of classes' },
  },
  {
    symbols: ['\\alpha', '\\beta'],
    meaning: 'in Chapter 5 only: LDA’s Dirichlet priors (the one place $\\alpha$ means a prior)',
    chapters: [5],
    source: {
      symbol: '`alpha`, `beta` in Chapter 5',
      meaning: "LDA's Dirichlet priors (the one place α means a prior: say so)",
    },
  },
  {
    symbols: ['p', 'P', 'H', '\\exp(H)'],
    meaning:
      'probability mass $p$, $P$; cross-entropy $H$, in nats unless bits are said; perplexity $\\exp(H)$',
    chapters: [3, 5, 9, 13],
    source: {
      symbol: '`p`, `P`',
      meaning:
        'probability mass; `H` cross-entropy in nats unless bits are said; perplexity `exp(H)`',
    },
  },
];
