/**
 * Settings of chapter 11's convolution arithmetic widget: the sentence and a 1-D convolution's
 * kernel width, stride, padding and dilation (PyTorch `nn.Conv1d` names in the help texts).
 * URL keys carry the prefix `ca.` (e.g. `?ca.stride=2&ca.padding=same`).
 */
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import type { ConvPadding } from './convArithmetic';

/** URL key prefix of the widget. */
export const CONV_PREFIX = 'ca.';

/** Tokens drawn at most; a longer sentence is cut with a message. */
export const MAX_TOKENS = 20;

export const convSchema = defineSchema({
  sentence: {
    kind: 'text',
    label: 'Sentence',
    default: 'The film was not good, but the music was great.',
    maxLength: 200,
    help: `Split into words and punctuation by the book's word tokenizer; at most ${MAX_TOKENS} tokens are drawn.`,
    restart: false,
  },
  kernel: {
    kind: 'number',
    label: 'Kernel width k',
    default: 3,
    min: 1,
    max: 7,
    integer: true,
    unit: 'tokens',
    help: 'How many rows (tokens) one filter reads at a time: kernel_size.',
    restart: false,
  },
  stride: {
    kind: 'number',
    label: 'Stride s',
    default: 1,
    min: 1,
    max: 4,
    integer: true,
    help: 'How many rows the window moves between output positions.',
    restart: false,
  },
  padding: {
    kind: 'choice',
    label: 'Padding',
    default: 'valid',
    options: [
      { value: 'valid', label: 'valid (none)' },
      { value: 'same', label: 'same' },
      { value: 'zeros', label: 'p zeros' },
    ],
    help: "'same' adds r(k − 1) zero rows in all, the odd one at the end, so that T_out = T at stride 1.",
    restart: false,
  },
  pad: {
    kind: 'number',
    label: 'Zero rows on each side p',
    default: 1,
    min: 0,
    max: 6,
    integer: true,
    restart: false,
  },
  dilation: {
    kind: 'number',
    label: 'Dilation r',
    default: 1,
    min: 1,
    max: 4,
    integer: true,
    help: 'Distance between the rows a filter reads: 1 reads adjacent tokens.',
    restart: false,
  },
  dim: {
    kind: 'number',
    label: 'Embedding dimension d (columns drawn)',
    default: 4,
    min: 1,
    max: 8,
    integer: true,
    restart: false,
  },
});

/** The widget's settings. */
export type ConvSettings = ParamValues<typeof convSchema>;

/** The padding the settings stand for, as `convArithmetic` takes it. */
export function paddingOf(v: ConvSettings): ConvPadding {
  return v.padding === 'zeros' ? v.pad : v.padding;
}

/** Named settings for the chapter's "What to try". */
export const convPresets = definePresets(convSchema, [
  {
    name: 'bigram',
    label: 'Bigrams (k = 2)',
    description: 'A width-2 filter reads every pair of neighbouring tokens.',
    values: { kernel: 2 },
  },
  {
    name: 'same',
    label: "Keep the length ('same')",
    values: { padding: 'same' },
  },
  {
    name: 'strided',
    label: 'Stride 2',
    description: 'Windows start every second token: half as many outputs.',
    values: { kernel: 2, stride: 2 },
  },
  {
    name: 'dilated',
    label: 'Dilated (r = 2)',
    description: 'Three taps two tokens apart: a span of five tokens for the price of three.',
    values: { dilation: 2 },
  },
]);
