/**
 * Every registered chapter's prose against WRITING.md: 4,000-7,000 words counted the way a
 * reader sees them (src/book/proseStats.ts), and no talk of the software or the machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { READY_CHAPTERS } from '../../../src/book/chapters';
import { findMachineTalk, PROSE_WORD_RANGE, proseWordCount } from '../../../src/book/proseStats';

const chapterFile = (number: number, slug: string) =>
  join(__dirname, '../../../chapters', `${String(number).padStart(2, '0')}-${slug}.mdx`);

describe.each(READY_CHAPTERS.map((c) => [c.number, c.slug] as const))(
  'chapter %i (%s)',
  (number, slug) => {
    const mdx = readFileSync(chapterFile(number, slug), 'utf8');

    it(`has ${PROSE_WORD_RANGE.min}-${PROSE_WORD_RANGE.max} words of prose`, () => {
      const n = proseWordCount(mdx);
      const { min, max } = PROSE_WORD_RANGE;
      const off = n > max ? `${n - max} over ${max}` : `${min - n} under ${min}`;
      expect(n >= min && n <= max, `${n} words, ${off}: cut or move to "Going further"`).toBe(true);
    });

    it('does not talk about the machine', () => {
      const hits = findMachineTalk(mdx).map((h) => `line ${h.line}: "${h.text}"`);
      expect(hits, 'WRITING.md keeps the machine out of the prose').toEqual([]);
    });
  },
);
