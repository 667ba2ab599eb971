/**
 * Settings of the LSA explorer. URL keys carry the prefix `lsa.` (e.g. `?lsa.k=10&lsa.sel=war`).
 * Bounds and defaults come from lsaConfig.ts (declared once, shared with the worker's model).
 */
import { defineSchema, type ParamValues } from '../../ui';
import { LSA_DEFAULT_QUERY, LSA_DEFAULT_SELECTION, LSA_LIMITS } from './lsaConfig';

/** URL key prefix of the widget. */
export const LSA_PREFIX = 'lsa.';

const dim = (label: string, value: number) =>
  ({
    kind: 'number',
    label,
    default: value,
    min: 1,
    max: LSA_LIMITS.kMax,
    integer: true,
    restart: false,
  }) as const;

/** The settings shown as controls. */
export const lsaControlsSchema = defineSchema({
  k: {
    kind: 'number',
    label: 'Latent dimensions k',
    default: LSA_LIMITS.kDefault,
    min: LSA_LIMITS.kMin,
    max: LSA_LIMITS.kMax,
    integer: true,
    help: 'Cosines (neighbours, query) use the first k dimensions of the fitted SVD.',
    restart: false,
  },
  x: dim('Map: horizontal dimension', LSA_LIMITS.dimXDefault),
  y: dim('Map: vertical dimension', LSA_LIMITS.dimYDefault),
});

/** Everything in the URL: the controls, the selected point and the query. */
export const lsaSchema = defineSchema({
  ...lsaControlsSchema,
  sel: {
    kind: 'text',
    label: 'Selected point',
    default: LSA_DEFAULT_SELECTION,
    maxLength: 60,
    help: 'A term, or #N for passage N.',
    restart: false,
  },
  q: {
    kind: 'text',
    label: 'Query',
    default: LSA_DEFAULT_QUERY,
    maxLength: LSA_LIMITS.queryMaxChars,
    restart: false,
  },
});

/** The widget's settings, derived from the schema. */
export type LsaSettings = ParamValues<typeof lsaSchema>;

/** Points drawn on the map: the terms farthest from the origin, and passages spread evenly. */
export const MAP_TERMS = 160;
export const MAP_DOCS = 600;
/** Terms labelled on the map (the farthest first, skipping labels that would overlap). */
export const MAP_LABELS = 28;

/** Example queries, shown as buttons. */
export const EXAMPLE_QUERIES: readonly string[] = [
  LSA_DEFAULT_QUERY,
  'railroads and canals',
  'health insurance for families',
  'the the of and',
  'cryptocurrency blockchain',
];

/** Eras the passages are coloured by on the map. */
export const ERAS = [
  { from: 1790, to: 1860, label: '1790-1860', color: 'var(--series-2)' },
  { from: 1861, to: 1945, label: '1861-1945', color: 'var(--series-3)' },
  { from: 1946, to: 2021, label: '1946-2021', color: 'var(--series-4)' },
] as const;

/** The era colour of a year. */
export function eraColor(year: number): string {
  return (ERAS.find((e) => year <= e.to) ?? ERAS[ERAS.length - 1]).color;
}
