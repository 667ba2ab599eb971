/** Controls of the pipeline explorer. URL keys carry the prefix `pe.` (e.g. `?pe.maxlen=8`). */
import { KERAS_DEFAULT_FILTERS } from '../../nlp';
import { SIDE_OPTIONS } from '../common/options';
import { defineSchema } from '../../ui';

/** URL key prefix of the explorer. */
export const EXPLORER_PREFIX = 'pe.';

export const explorerSchema = defineSchema({
  tokenizer: {
    kind: 'choice',
    label: 'Tokenizer',
    default: 'unicode',
    options: [
      { value: 'unicode', label: 'Unicode words' },
      { value: 'keras', label: 'Keras (filters + spaces)' },
    ],
    help: 'Unicode words keeps URLs, emoji and numbers whole; Keras deletes the filter characters and splits on spaces.',
    restart: false,
  },
  filters: {
    kind: 'text',
    label: 'Filters (Keras tokenizer)',
    default: KERAS_DEFAULT_FILTERS,
    maxLength: 200,
    help: 'Characters replaced by a space before splitting.',
    restart: false,
  },
  lowercase: { kind: 'boolean', label: 'Lowercase (case folding)', default: true, restart: false },
  normalization: {
    kind: 'choice',
    label: 'Unicode normalization',
    default: 'NFC',
    options: [
      { value: 'none', label: 'none' },
      { value: 'NFC', label: 'NFC' },
      { value: 'NFKC', label: 'NFKC' },
    ],
    restart: false,
  },
  korean: {
    kind: 'boolean',
    label: 'Split Korean particles (approximate morphemes)',
    default: false,
    restart: false,
  },
  stemming: { kind: 'boolean', label: 'Porter stemming', default: false, restart: false },
  stopwords: { kind: 'boolean', label: 'Remove stopwords', default: false, restart: false },
  stopword_lang: {
    kind: 'choice',
    label: 'Stopword list',
    default: 'en',
    options: [
      { value: 'en', label: 'English' },
      { value: 'ko', label: 'Korean' },
    ],
    restart: false,
  },
  oov_token: {
    kind: 'text',
    label: 'OOV token (empty: none)',
    default: '<OOV>',
    maxLength: 20,
    restart: false,
  },
  num_words: {
    kind: 'number',
    label: 'num_words (0: no limit)',
    default: 20,
    min: 0,
    max: 1000,
    integer: true,
    restart: false,
  },
  maxlen: {
    kind: 'number',
    label: 'maxlen',
    default: 10,
    min: 1,
    max: 64,
    integer: true,
    restart: false,
  },
  padding: {
    kind: 'choice',
    label: 'Padding',
    default: 'pre',
    options: SIDE_OPTIONS,
    restart: false,
  },
  truncating: {
    kind: 'choice',
    label: 'Truncating',
    default: 'pre',
    options: SIDE_OPTIONS,
    restart: false,
  },
});

/** Sample texts: one document per line. Written for this book. */
export const SAMPLES: readonly { name: string; label: string; text: string }[] = [
  {
    name: 'reviews',
    label: 'English reviews',
    text: [
      'The food was great and the service was great too.',
      'The service was slow and the food was cold.',
      "I wouldn't come back, not even for the desserts.",
      'Great value, great food, friendly staff!',
    ].join('\n'),
  },
  {
    name: 'messy',
    label: 'Messy web text',
    text: [
      "OMG!!! Can't believe it's only $3.99 now 😂👍🏽 https://shop.example/deal?id=42",
      'Email deals@shop.example or DM @shopbot #bargain — 10/10 would buy again…',
      'The ﬁnal score was ２–１ and the café (cafe\u0301?) was state-of-the-art.',
    ].join('\n'),
  },
  {
    name: 'korean',
    label: 'Korean',
    text: [
      '나는 어제 학교에 갔습니다.',
      '학교에서 친구를 만났습니다.',
      '친구는 학교를 좋아합니다.',
    ].join('\n'),
  },
];
