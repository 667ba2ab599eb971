import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAPTER_LOADERS, chapterLoader } from '../../../src/book/chapterLoaders';
import { CHAPTERS, READY_CHAPTERS } from '../../../src/book/chapters';

describe('chapter loaders', () => {
  it('has exactly one loader per ready chapter', () => {
    expect(Object.keys(CHAPTER_LOADERS).sort()).toEqual(READY_CHAPTERS.map((c) => c.slug).sort());
  });

  it('has an MDX file chapters/NN-slug.mdx for every ready chapter', () => {
    for (const c of READY_CHAPTERS) {
      const file = `${String(c.number).padStart(2, '0')}-${c.slug}.mdx`;
      expect(existsSync(join(__dirname, '../../../chapters', file)), file).toBe(true);
    }
  });

  it('returns undefined for coming chapters and unknown or inherited names', () => {
    const coming = CHAPTERS.find((c) => c.status === 'coming');
    if (coming) expect(chapterLoader(coming.slug)).toBeUndefined();
    expect(chapterLoader('toString')).toBeUndefined();
    expect(chapterLoader('nope')).toBeUndefined();
  });

  it('keeps slugs unique and URL-safe, and numbers in reading order', () => {
    expect(new Set(CHAPTERS.map((c) => c.slug)).size).toBe(CHAPTERS.length);
    for (const c of CHAPTERS) expect(c.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(CHAPTERS.map((c) => c.number)).toEqual(CHAPTERS.map((_, i) => i + 1));
  });
});
