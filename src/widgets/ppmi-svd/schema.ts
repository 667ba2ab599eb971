/**
 * Settings of the PPMI + SVD widget (chapter 8). URL keys carry the prefix `ppmi.`
 * (e.g. `?ppmi.corpus=moby&ppmi.k=50`).
 */
import { defineSchema, definePresets } from '../../ui';

/** URL key prefix of the widget. */
export const PPMI_PREFIX = 'ppmi.';

export const ppmiSchema = defineSchema({
  corpus: {
    kind: 'choice',
    label: 'Corpus',
    default: 'sotu',
    options: [
      { value: 'sotu', label: 'State of the Union' },
      { value: 'moby', label: 'Moby Dick' },
    ],
    help: 'The same text, tokenization and vocabulary as the word2vec widget above.',
    restart: true,
  },
  window: {
    kind: 'number',
    label: 'Window (words on each side)',
    default: 5,
    min: 1,
    max: 10,
    integer: true,
    help: 'Narrow windows find words that can replace each other; wide ones, words of the same topic.',
    restart: true,
  },
  alpha: {
    kind: 'choice',
    label: 'Context smoothing α',
    default: '1',
    options: [
      { value: '1', label: 'off (α = 1)' },
      { value: '0.75', label: 'α = 0.75' },
    ],
    help: 'P(y) from count(y)^α: 0.75 lowers the PMI of rare contexts (Levy, Goldberg & Dagan 2015).',
    restart: true,
  },
  k: {
    kind: 'number',
    label: 'Dimension d',
    default: 50,
    min: 2,
    max: 300,
    integer: true,
    help: 'Singular vectors kept. The SVD takes most of the time, and grows faster than k: 100 takes about three times as long as 50.',
    restart: true,
  },
  power: {
    kind: 'choice',
    label: 'Eigenvalue weight p',
    default: '1',
    options: [
      { value: '1', label: 'p = 1' },
      { value: '0.5', label: 'p = 0.5' },
      { value: '0', label: 'p = 0' },
    ],
    help: 'Word vectors P_d Σ_d^p (chapter 8 writes the SVD M = P Σ Qᵀ): p = 1 is classic truncated SVD. Changing p alone is instant.',
    restart: true,
  },
  minCount: {
    kind: 'number',
    label: 'Minimum count',
    default: 5,
    min: 2,
    max: 100,
    integer: true,
    help: 'Words rarer than this get no vector (word2vec min_count). Lower means a larger, slower matrix.',
    restart: true,
  },
});

export const ppmiPresets = definePresets(ppmiSchema, [
  {
    name: 'defaults',
    label: 'Classic (window 5)',
    description: 'Window 5, no smoothing, d = 50, p = 1 (the defaults).',
    values: {},
  },
  {
    name: 'levy',
    label: 'Tuned (Levy et al.)',
    description: 'Window 2, α = 0.75, p = 0.5: the best of the chapter’s eight settings.',
    values: { window: 2, alpha: '0.75', power: '0.5' },
  },
  {
    name: 'chapter',
    label: 'As in the text (d = 100)',
    description: 'd = 100 like word2vec’s: the chapter’s numbers, about three times slower.',
    values: { k: 100 },
  },
]);
