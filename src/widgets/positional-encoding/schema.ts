/**
 * Settings of chapter 15's positional-encoding explorer: the width d_model and length T of the
 * sinusoidal table, the chosen position p whose dot product with every row is drawn, the offset
 * k the readout compares across the table, the order the heatmap draws the columns in, and whether the curve shows the raw dot product or
 * the cosine. URL keys carry the prefix `pe.` (e.g. `?pe.dModel=8&pe.position=30`).
 */
import { definePresets, defineSchema, type ParamValues } from '../../ui';

/** URL key prefix of the widget. */
export const PE_PREFIX = 'pe.';

/** Largest d_model drawn (columns of the heatmap). */
export const MAX_D_MODEL = 128;
/** Most positions drawn (rows of the heatmap). */
export const MAX_LENGTH = 100;

export const peSchema = defineSchema({
  dModel: {
    kind: 'number',
    label: 'Model width d_model',
    default: 32,
    min: 2,
    max: MAX_D_MODEL,
    step: 2,
    integer: true,
    unit: 'dimensions',
    help: 'Columns of the table: d_model / 2 sine-cosine pairs, so it must be even.',
    restart: false,
  },
  length: {
    kind: 'number',
    label: 'Positions T',
    default: 50,
    min: 8,
    max: MAX_LENGTH,
    integer: true,
    help: 'Rows of the table: positions 0 to T − 1.',
    restart: false,
  },
  position: {
    kind: 'number',
    label: 'Chosen position p',
    default: 20,
    min: 0,
    max: MAX_LENGTH - 1,
    integer: true,
    help: 'The row whose dot product with every other row is drawn.',
    restart: false,
  },
  offset: {
    kind: 'number',
    label: 'Offset k',
    default: 5,
    min: 1,
    max: MAX_LENGTH - 1,
    integer: true,
    help: 'The readout compares pairs of positions k apart at different places in the table.',
    restart: false,
  },
  order: {
    kind: 'choice',
    label: 'Column order',
    default: 'interleaved',
    options: [
      { value: 'interleaved', label: 'interleaved' },
      { value: 'split', label: 'sines first' },
    ],
    help: 'The paper interleaves the pairs (dimension 2i is a sine, 2i + 1 its cosine); drawing all the sines first shows each half as one smooth picture. Only the drawing changes.',
    restart: false,
  },
  measure: {
    kind: 'choice',
    label: 'Similarity',
    default: 'dot',
    options: [
      { value: 'dot', label: 'dot product' },
      { value: 'cosine', label: 'cosine' },
    ],
    help: 'Every row has length √(d_model / 2), so the cosine is the dot product divided by d_model / 2.',
    restart: false,
  },
});

/** The widget's settings. */
export type PeSettings = ParamValues<typeof peSchema>;

/** Named settings for the chapter's "What to try". */
export const pePresets = definePresets(peSchema, [
  {
    name: 'table',
    label: "The chapter's table (d_model = 4)",
    description: 'Two frequencies, 1 and 1/100, as in the worked table.',
    values: { dModel: 4 },
  },
  {
    name: 'wide',
    label: 'd_model = 128',
    description: 'Sixty-four sine-cosine pairs.',
    values: { dModel: 128 },
  },
]);
