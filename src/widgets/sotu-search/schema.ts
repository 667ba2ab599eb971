/**
 * Settings of the SOTU search widget. URL keys carry the prefix `ss.` (e.g.
 * `?ss.q=income+tax&ss.from=1900`), so a search is a shareable link.
 */
import { defineSchema } from '../../ui';

/** URL key prefix of the widget. */
export const SOTU_PREFIX = 'ss.';
/** First and last years of the corpus. */
export const FIRST_YEAR = 1790;
export const LAST_YEAR = 2021;

/** The settings shown as controls beside the results. */
export const sotuControlsSchema = defineSchema({
  stop_words: {
    kind: 'boolean',
    label: 'Leave out English stop words',
    default: true,
    help: "scikit-learn's list (the, of, and, ...). Changing it rebuilds the index (a few seconds).",
    restart: false,
  },
  from: {
    kind: 'number',
    label: 'From year',
    default: FIRST_YEAR,
    min: FIRST_YEAR,
    max: LAST_YEAR,
    integer: true,
    restart: false,
  },
  to: {
    kind: 'number',
    label: 'To year',
    default: LAST_YEAR,
    min: FIRST_YEAR,
    max: LAST_YEAR,
    integer: true,
    restart: false,
  },
});

/** Everything in the URL: the query and the controls. */
export const sotuSchema = defineSchema({
  q: {
    kind: 'text',
    label: 'Query',
    default: 'slavery',
    maxLength: 200,
    restart: false,
  },
  ...sotuControlsSchema,
});

/** Example queries, shown as buttons. */
export const EXAMPLE_QUERIES: readonly string[] = [
  'slavery',
  'income tax',
  'nuclear weapons',
  'internet',
  'railroads',
  'climate change',
];

/** Number of hits shown. */
export const TOP_K = 10;
