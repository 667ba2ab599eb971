/**
 * Settings and text presets of the similarity explorer. URL keys carry the prefix `sx.`
 * (e.g. `?sx.vectors=tfidf`).
 */
import { defineSchema } from '../../ui';

/** URL key prefix of the widget. */
export const SIMILARITY_PREFIX = 'sx.';

export const similaritySchema = defineSchema({
  vectors: {
    kind: 'choice',
    label: 'Vectors',
    default: 'count',
    options: [
      { value: 'count', label: 'counts' },
      { value: 'tfidf', label: 'TF-IDF (l2)' },
    ],
    help: 'TF-IDF is fitted on these texts only, with scikit-learn defaults (rows of length 1).',
    restart: false,
  },
  stop_words: {
    kind: 'boolean',
    label: "stop_words='english'",
    default: false,
    restart: false,
  },
});

/** A set of texts to compare, with why the measures (dis)agree on it. Written for this book. */
export interface TextPreset {
  name: string;
  label: string;
  texts: readonly [string, string, string];
  /** One line per measure (or per point) that explains what the table shows. */
  explain: readonly string[];
}

export const TEXT_PRESETS: readonly TextPreset[] = [
  {
    name: 'repeat',
    label: 'A text and its triple',
    texts: [
      'The cat sat on the mat.',
      'The cat sat on the mat. The cat sat on the mat. The cat sat on the mat.',
      'The dog sat on the log.',
    ],
    explain: [
      'Cosine ignores length: B is A three times over, the same direction, so cos(A, B) = 1.',
      'Jaccard compares the sets of words, and repeating words adds none: J(A, B) = 1.',
      'Euclidean distance measures the difference vector, which grows with every repetition: it calls C, a different sentence, closer to A than A’s own triple (with counts).',
      'With TF-IDF the rows have length 1, so the distance becomes √(2 − 2 cos) and agrees with cosine.',
    ],
  },
  {
    name: 'frequency',
    label: 'Same words, other weights',
    texts: ['spam spam spam spam eggs', 'spam eggs eggs eggs eggs', 'spam spam spam spam ham'],
    explain: [
      'Jaccard sees only which words occur: A and B use the same two words, so J(A, B) = 1.',
      'Cosine weighs how often: A is mostly "spam" like C, B mostly "eggs", so cosine ranks A–C first.',
      'Euclidean distance agrees with cosine here: A and C differ in one count of one word each.',
    ],
  },
  {
    name: 'whales',
    label: 'Three sentences',
    texts: [
      'Ahab hunts the whale across the sea.',
      'The whale escapes Ahab.',
      'The ship crosses the sea in the storm.',
    ],
    explain: [
      'Here the three measures agree on the order: A–B share the rarest words (Ahab, whale).',
      'Switch to TF-IDF: "the", in every text, gets the smallest idf and counts less in cosine.',
    ],
  },
];

/** Longest text accepted per box, in characters. */
export const MAX_TEXT_CHARS = 2_000;
