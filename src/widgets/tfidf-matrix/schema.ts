/**
 * Options of the TF-IDF matrix widget: scikit-learn 1.2's `CountVectorizer` /
 * `TfidfVectorizer` parameters, one control each. URL keys carry the prefix `tm.`
 * (e.g. `?tm.norm=l1&tm.sublinear_tf=true`).
 */
import { definePresets, defineSchema } from '../../ui';

/** URL key prefix of the widget. */
export const TFIDF_PREFIX = 'tm.';

export const tfidfSchema = defineSchema({
  binary: {
    kind: 'boolean',
    label: 'binary (presence, not counts)',
    default: false,
    help: 'Every non-zero count becomes 1 before weighting.',
    restart: false,
  },
  use_idf: {
    kind: 'boolean',
    label: 'use_idf (TF-IDF; off: TF only)',
    default: true,
    restart: false,
  },
  smooth_idf: {
    kind: 'boolean',
    label: 'smooth_idf',
    default: true,
    help: 'On: idf = ln((1 + n) / (1 + df)) + 1. Off: idf = ln(n / df) + 1.',
    restart: false,
  },
  sublinear_tf: {
    kind: 'boolean',
    label: 'sublinear_tf',
    default: false,
    help: 'Replace tf by 1 + ln(tf): ten repeats weigh about 3.3 times one, not 10 times.',
    restart: false,
  },
  norm: {
    kind: 'choice',
    label: 'norm (of each document row)',
    default: 'l2',
    options: [
      { value: 'l2', label: 'l2' },
      { value: 'l1', label: 'l1' },
      { value: 'none', label: 'none' },
    ],
    restart: false,
  },
  stop_words: {
    kind: 'boolean',
    label: "stop_words='english'",
    default: false,
    help: "Drop scikit-learn's English stop word list (the, of, and, ...).",
    restart: false,
  },
  ngram: {
    kind: 'choice',
    label: 'ngram_range',
    default: '1-1',
    options: [
      { value: '1-1', label: '(1, 1)' },
      { value: '1-2', label: '(1, 2)' },
      { value: '2-2', label: '(2, 2)' },
    ],
    help: 'Which word n-grams become terms: single words, words and pairs, or pairs only.',
    restart: false,
  },
});

/** Named settings, shown as buttons beside the documents. */
export const tfidfPresets = definePresets(tfidfSchema, [
  {
    name: 'sklearn',
    label: 'scikit-learn defaults',
    description: 'Every option at its TfidfVectorizer default.',
    values: {},
  },
  {
    name: 'counts',
    label: 'Raw counts (TF only, no norm)',
    values: { use_idf: false, norm: 'none' },
  },
  {
    name: 'unnormalised',
    label: 'TF-IDF without the norm',
    values: { norm: 'none' },
  },
]);

/** Sample document sets: one document per line. Written for this book. */
export const DOCUMENT_SETS: readonly { name: string; label: string; docs: readonly string[] }[] = [
  {
    name: 'sea',
    label: 'Whales and ships',
    docs: [
      'The whale swims in the deep sea.',
      'The ship sails on the sea, and the sea is calm.',
      'A whale and a ship met at sea.',
      'The captain of the ship hunts the white whale.',
    ],
  },
  {
    name: 'reviews',
    label: 'Restaurant reviews',
    docs: [
      'Great food and great service.',
      'The food was cold and the service was slow.',
      'Slow service, but the food was great.',
      'Never again: cold food, rude staff.',
    ],
  },
  {
    name: 'repeat',
    label: 'One word repeated',
    docs: ['spam spam spam spam spam spam spam spam eggs', 'spam and eggs', 'eggs and ham'],
  },
];

/** The widget shows at most this many documents (the first lines of the text box). */
export const MAX_DOCUMENTS = 5;
/** Longest text processed, in characters; the box keeps the reader's text as it is. */
export const MAX_CHARS = 2_000;
