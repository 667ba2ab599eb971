import { describe, expect, it } from 'vitest';
import { CHAPTERS, READY_CHAPTERS, type ChapterInfo } from '../../../src/book/chapters';
import {
  chapterNeighbours,
  editDistance,
  findChapter,
  groupByPart,
  pageTitle,
  routerBasename,
  suggestChapters,
} from '../../../src/book/navigation';

function ch(number: number, status: 'ready' | 'coming', part = 'I'): ChapterInfo {
  return { number, slug: `c${number}`, title: `Chapter ${number}`, part, summary: '', status };
}

describe('chapterNeighbours', () => {
  const book = [ch(1, 'ready'), ch(2, 'coming'), ch(3, 'ready'), ch(4, 'coming'), ch(5, 'coming')];

  it('skips coming chapters in both directions when a ready one exists', () => {
    expect(chapterNeighbours('c3', book).prev?.slug).toBe('c1');
    expect(chapterNeighbours('c1', book).next?.slug).toBe('c3');
  });

  it('falls back to the immediately following coming chapter when no later one is ready', () => {
    expect(chapterNeighbours('c3', book).next?.slug).toBe('c4');
  });

  it('never sends readers back to a coming chapter, and has no next on the last chapter', () => {
    expect(chapterNeighbours('c1', book).prev).toBeUndefined();
    expect(chapterNeighbours('c5', book).next).toBeUndefined();
    expect(chapterNeighbours('c5', book).prev?.slug).toBe('c3');
  });

  it('throws a message naming an unknown slug', () => {
    expect(() => chapterNeighbours('nope', book)).toThrow(/unknown chapter slug "nope"/);
  });

  it('works on the real table of contents', () => {
    const first = READY_CHAPTERS[0];
    const { prev, next } = chapterNeighbours(first.slug);
    expect(prev).toBeUndefined();
    expect(next).toBeDefined();
    expect(next!.number).toBeGreaterThan(first.number);
  });
});

describe('findChapter and pageTitle', () => {
  it('finds by exact slug only', () => {
    expect(findChapter('preprocessing')?.number).toBe(1);
    expect(findChapter('Preprocessing')).toBeUndefined();
    expect(findChapter(undefined)).toBeUndefined();
  });

  it('formats titles as "<page> · NLP, Live" and the home title without a page', () => {
    expect(pageTitle('Text preprocessing')).toBe('Text preprocessing · NLP, Live');
    expect(pageTitle('  ')).toBe('NLP, Live: an interactive textbook');
    expect(pageTitle()).toBe('NLP, Live: an interactive textbook');
  });
});

describe('groupByPart', () => {
  it('keeps every chapter once, in reading order, parts in order of appearance', () => {
    const groups = groupByPart();
    expect(groups.map((g) => g.id)).toEqual(['I', 'II', 'III']);
    expect(groups.flatMap((g) => g.chapters)).toEqual([...CHAPTERS]);
    expect(groups[0].title).toBe('Text as data');
  });

  it('names a part without a title "Part <id>"', () => {
    const groups = groupByPart([ch(1, 'ready', 'IV')], {});
    expect(groups).toEqual([{ id: 'IV', title: 'Part IV', chapters: [ch(1, 'ready', 'IV')] }]);
  });
});

describe('editDistance and suggestChapters', () => {
  it('computes Levenshtein distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests the intended chapter for typos, prefixes and file-like paths', () => {
    expect(suggestChapters('/chapters/preprocesing')[0]?.slug).toBe('preprocessing');
    expect(suggestChapters('/chapters/transformers')[0]?.slug).toBe('transformer');
    expect(suggestChapters('/chapters/01-preprocessing.html')[0]?.slug).toBe('preprocessing');
    expect(suggestChapters('/attention')[0]?.slug).toBe('attention');
  });

  it('suggests nothing for unrelated or too short paths, and respects the limit', () => {
    expect(suggestChapters('/chapters/zzzzzzzz')).toEqual([]);
    expect(suggestChapters('/')).toEqual([]);
    expect(suggestChapters('/%E0%A4%A')).toEqual([]);
    expect(suggestChapters('/chapters/network', CHAPTERS, 1)).toHaveLength(1);
  });
});

describe('routerBasename', () => {
  it('strips the trailing slash of Vite BASE_URL, keeping "/" for the root', () => {
    expect(routerBasename('/')).toBe('/');
    expect(routerBasename('/nlp-book/')).toBe('/nlp-book');
    expect(routerBasename('/a/b//')).toBe('/a/b');
  });
});
