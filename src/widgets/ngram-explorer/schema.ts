/** Controls of the n-gram explorer. URL keys carry the prefix `ng.` (e.g. `?ng.order=4`). */
import { defineSchema } from '../../ui';
import { DEFAULT_PARAMS, MAX_ORDER } from '../common/ngram-service';

/** URL key prefix of the explorer. */
export const NGRAM_PREFIX = 'ng.';

export const ngramSchema = defineSchema({
  order: {
    kind: 'number',
    label: 'Order n',
    default: 3,
    min: 1,
    max: MAX_ORDER,
    integer: true,
    help: 'The model predicts a word from the n − 1 words before it.',
    restart: false,
  },
  method: {
    kind: 'choice',
    label: 'Smoothing',
    default: 'kneser-ney',
    options: [
      { value: 'mle', label: 'MLE' },
      { value: 'laplace', label: 'Laplace' },
      { value: 'lidstone', label: 'Lidstone' },
      { value: 'kneser-ney', label: 'Kneser-Ney' },
    ],
    help: 'MLE: relative counts. Laplace: add 1. Lidstone: add α. Kneser-Ney: interpolated, discount D.',
    restart: false,
  },
  gamma: {
    kind: 'number',
    label: 'Lidstone α',
    default: DEFAULT_PARAMS.lidstone,
    min: 0.001,
    max: 10,
    scale: 'log',
    help: 'Added to every count (Lidstone only; Laplace is α = 1).',
    restart: false,
  },
  discount: {
    kind: 'number',
    label: 'Kneser-Ney discount D',
    default: DEFAULT_PARAMS['kneser-ney'],
    min: 0.05,
    max: 0.95,
    step: 0.05,
    help: 'Subtracted from every seen count and given to the lower order (Kneser-Ney only).',
    restart: false,
  },
  context: {
    kind: 'text',
    label: 'Context',
    default: 'the white',
    maxLength: 300,
    keep: 'end',
    help: 'Type words: the model reads the last n − 1 of them. End with . ! or ? to start a new sentence.',
    restart: false,
  },
  temperature: {
    kind: 'number',
    label: 'Temperature',
    default: 1,
    min: 0.05,
    max: 5,
    scale: 'log',
    help: 'Generation samples from p^(1/T): below 1 sharper, above 1 flatter; near 0 always the top word.',
    restart: false,
  },
  words: {
    kind: 'number',
    label: 'Words to generate',
    default: 40,
    min: 1,
    max: 200,
    integer: true,
    restart: false,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    default: 1,
    min: 0,
    max: 999_999,
    integer: true,
    help: 'The same seed and settings give the same text.',
    restart: false,
  },
});

/** Every control but the context, which has its own box above the bars. */
export const { context: contextSpec, ...knobSchema } = ngramSchema;
