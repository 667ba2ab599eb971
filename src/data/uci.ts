/**
 * The UCI Sentiment Labelled Sentences corpus (Kotzias, Denil, de Freitas and Smyth, 2015,
 * "From Group to Individual Labels using Deep Features", KDD), as prepared by
 * scripts/prepare-data.mjs into `public/data/uci-sentences.json`: 3,000 review sentences from
 * IMDB, Yelp and Amazon, 1,500 positive / 1,500 negative, split 2,400 / 300 / 300.
 *
 * No React, no DOM at module level: `parseUciCorpus` and `getSplit` run in Node unit tests;
 * `loadUciSentences` needs only `fetch` (browser or Node 18+).
 */
import { asObject, corpusUrl, fetchJson, type LoadOptions } from './fetchJson';

/** 0 = negative, 1 = positive. */
export type UciLabel = 0 | 1;
/** 0 = train, 1 = validation, 2 = test. */
export type UciSplitId = 0 | 1 | 2;
/** The split names `getSplit` accepts. */
export type UciSplitName = 'train' | 'validation' | 'test';

/** The prepared corpus: parallel arrays, one entry per sentence. */
export interface UciCorpus {
  /** Corpus title, e.g. "UCI Sentiment Labelled Sentences". */
  name: string;
  /** Sentences: Unicode NFC, whitespace collapsed, trimmed, never empty. */
  texts: string[];
  /** Sentiment of each sentence. */
  labels: UciLabel[];
  /** Index into `sources` of each sentence's review site. */
  sourceIds: number[];
  /** Split of each sentence. */
  splits: UciSplitId[];
  /** Review sites, e.g. `['imdb', 'yelp', 'amazon']`. */
  sources: string[];
  /** Names of the labels, e.g. `['negative', 'positive']`. */
  labelNames: [string, string];
  /** Names of the splits: `['train', 'validation', 'test']`. */
  splitNames: [string, string, string];
}

/** Texts and labels of one split (parallel arrays). */
export interface UciSplit {
  texts: string[];
  labels: UciLabel[];
}

/** Options of {@link loadUciSentences} (the same as every corpus loader's). */
export type LoadUciOptions = LoadOptions;

/** Path of the corpus file below the site's base URL. */
export const UCI_SENTENCES_PATH = 'data/uci-sentences.json';

const SPLIT_IDS: Record<UciSplitName, UciSplitId> = { train: 0, validation: 1, test: 2 };

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}

/**
 * Validates the parsed JSON of `uci-sentences.json` and returns it typed.
 *
 * @param json - the value of `JSON.parse` on the file.
 * @param where - how to name the data in error messages (default "The UCI review sentences file").
 * @returns the corpus (the same arrays, not copied).
 * @throws Error naming the first problem found, e.g.
 *   "The UCI review sentences file has 3000 texts but 2999 labels".
 */
export function parseUciCorpus(json: unknown, where = 'The UCI review sentences file'): UciCorpus {
  const o = asObject(json, where);
  for (const key of ['texts', 'sources', 'labelNames', 'splitNames'] as const) {
    if (!isStringArray(o[key])) throw new Error(`${where} has no "${key}" array of strings`);
  }
  for (const key of ['labels', 'sourceIds', 'splits'] as const) {
    if (!Array.isArray(o[key])) throw new Error(`${where} has no "${key}" array`);
  }
  const texts = o.texts as string[];
  const sources = o.sources as string[];
  const labelNames = o.labelNames as string[];
  const splitNames = o.splitNames as string[];
  if (labelNames.length !== 2)
    throw new Error(`${where} has ${labelNames.length} label names, expected 2`);
  if (splitNames.length !== 3)
    throw new Error(`${where} has ${splitNames.length} split names, expected 3`);
  if (sources.length === 0) throw new Error(`${where} names no sources`);
  const columns = [
    ['labels', (v: unknown) => v === 0 || v === 1, '0 or 1'],
    [
      'sourceIds',
      (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < sources.length,
      `an integer in [0, ${sources.length})`,
    ],
    ['splits', (v: unknown) => v === 0 || v === 1 || v === 2, '0, 1 or 2'],
  ] as const;
  for (const [key, ok, expected] of columns) {
    const values = o[key] as unknown[];
    if (values.length !== texts.length) {
      throw new Error(`${where} has ${texts.length} texts but ${values.length} ${key}`);
    }
    const bad = values.findIndex((v) => !ok(v));
    if (bad >= 0)
      throw new Error(
        `${where}: ${key}[${bad}] is ${JSON.stringify(values[bad])}, expected ${expected}`,
      );
  }
  const empty = texts.findIndex((t) => t.length === 0);
  if (empty >= 0) throw new Error(`${where}: texts[${empty}] is empty`);
  return {
    name: typeof o.name === 'string' ? o.name : 'UCI Sentiment Labelled Sentences',
    texts,
    labels: o.labels as UciLabel[],
    sourceIds: o.sourceIds as number[],
    splits: o.splits as UciSplitId[],
    sources,
    labelNames: labelNames as [string, string],
    splitNames: splitNames as [string, string, string],
  };
}

/**
 * Fetches `${baseUrl}data/uci-sentences.json`, reporting streamed progress, and validates it.
 *
 * Progress counts bytes as received. `total` comes from Content-Length; when the response is
 * compressed, Content-Length counts encoded bytes while the stream yields decoded ones, so
 * `loaded` may pass `total`: it is then reported as null (unknown) rather than as over 100 %.
 *
 * @throws Error "Could not load the UCI review sentences (HTTP 404) from <url>" on an HTTP error;
 *   "Could not load the UCI review sentences from <url>: <reason>" on a network error;
 *   "The UCI review sentences from <url> is not valid JSON (...)"; the errors of
 *   {@link parseUciCorpus} for a wrong shape. An abort rejects with the signal's AbortError.
 */
export async function loadUciSentences(options: LoadUciOptions): Promise<UciCorpus> {
  const json = await fetchJson(UCI_SENTENCES_PATH, 'the UCI review sentences', options);
  const url = corpusUrl(options.baseUrl, UCI_SENTENCES_PATH);
  return parseUciCorpus(json, `The UCI review sentences from ${url}`);
}

/**
 * Texts and labels of one split, optionally restricted to some review sites, in file order.
 *
 * @param split - 'train' (2,400 sentences), 'validation' (300) or 'test' (300).
 * @param options.sources - names from `corpus.sources` to keep (default: all).
 * @throws RangeError for an unknown split or source name.
 */
export function getSplit(
  corpus: UciCorpus,
  split: UciSplitName,
  options: { sources?: readonly string[] } = {},
): UciSplit {
  if (!Object.hasOwn(SPLIT_IDS, split)) {
    throw new RangeError(`Unknown split "${String(split)}": expected train, validation or test`);
  }
  const splitId = SPLIT_IDS[split];
  let keep: Set<number> | null = null;
  if (options.sources) {
    keep = new Set(
      options.sources.map((s) => {
        const id = corpus.sources.indexOf(s);
        if (id < 0)
          throw new RangeError(
            `Unknown source "${s}": expected one of ${corpus.sources.join(', ')}`,
          );
        return id;
      }),
    );
  }
  const texts: string[] = [];
  const labels: UciLabel[] = [];
  for (let i = 0; i < corpus.texts.length; i++) {
    if (corpus.splits[i] !== splitId || (keep && !keep.has(corpus.sourceIds[i]))) continue;
    texts.push(corpus.texts[i]);
    labels.push(corpus.labels[i]);
  }
  return { texts, labels };
}
