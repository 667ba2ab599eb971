/**
 * Settings of the Gibbs toy. URL keys carry the prefix `gibbs.` (e.g. `?gibbs.alpha=0.1`); every
 * bound and default is declared here once (these are widget-only knobs: GibbsLda itself only
 * requires alpha, beta > 0 and an integer K >= 1).
 */
import { defineSchema, type ParamValues } from '../../ui';
import { DEFAULT_TOY_CORPUS, TOY_LIMITS } from './toyCorpus';

/** URL key prefix of the widget. */
export const GIBBS_PREFIX = 'gibbs.';

/** The sampler's settings: changing one starts a new chain. */
export const gibbsModelSchema = defineSchema({
  k: {
    kind: 'number',
    label: 'Topics K',
    default: 2,
    min: 1,
    max: 5,
    integer: true,
    restart: false,
  },
  alpha: {
    kind: 'number',
    label: 'α (document-topic prior)',
    default: 0.5,
    min: 0.01,
    max: 10,
    scale: 'log',
    help: 'Small α: each document prefers few topics.',
    restart: false,
  },
  beta: {
    kind: 'number',
    label: 'β (topic-word prior)',
    default: 0.1,
    min: 0.01,
    max: 10,
    scale: 'log',
    help: 'Small β: each topic prefers few words.',
    restart: false,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    default: 0,
    min: 0,
    max: 9999,
    integer: true,
    help: 'Of the random initial topics and of the draws.',
    restart: false,
  },
});

/** Everything in the URL. */
export const gibbsSchema = defineSchema({
  ...gibbsModelSchema,
  speed: {
    kind: 'number',
    label: 'Speed',
    default: 4,
    min: 1,
    max: 500,
    scale: 'log',
    unit: 'steps/s',
    restart: false,
  },
  docs: {
    kind: 'text',
    label: 'Corpus (one document per line)',
    default: DEFAULT_TOY_CORPUS,
    maxLength: TOY_LIMITS.maxChars,
    restart: false,
  },
});

/** The widget's settings, derived from the schema. */
export type GibbsSettings = ParamValues<typeof gibbsSchema>;

/** Topic colours (theme series colours). */
export const topicColor = (k: number) => `var(--series-${(k % 6) + 1})`;

/**
 * The style of a label that names topic k: the text keeps the text colour (the series colours
 * are contrast-safe for marks, not for small text) and a thick underline carries the topic's.
 */
export const topicLabelStyle = (k: number) => ({
  textDecoration: 'underline',
  textDecorationColor: topicColor(k),
  textDecorationThickness: '3px',
  textUnderlineOffset: '0.2em',
});

/** Redraws per second at most while playing (each redraw renders the tables and charts). */
export const MAX_DRAWS_PER_SECOND = 12;

/** Steps done in one animation frame at most (so a frame stays far below 50 ms). */
export const MAX_STEPS_PER_FRAME = 50;
