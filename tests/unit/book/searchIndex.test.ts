import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compile } from '@mdx-js/mdx';
import type { Element, Root } from 'hast';
import MiniSearch from 'minisearch';
import rehypeKatex from 'rehype-katex';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, chapterSections } from '../../../scripts/search-index';
import { CHAPTERS } from '../../../src/book/chapters';
import {
  INDEX_OPTIONS,
  QUERY_OPTIONS,
  type SearchSection,
} from '../../../src/book/search/searchOptions';

const DIR = resolve(import.meta.dirname, '../../../chapters');
const READY = CHAPTERS.filter((c) => c.status === 'ready');

/** The heading ids the book's own MDX pipeline (vite.config.ts) gives a chapter. */
async function renderedHeadingIds(source: string): Promise<string[]> {
  const ids: string[] = [];
  const capture = () => (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (/^h[1-6]$/.test(node.tagName) && typeof node.properties.id === 'string') {
        ids.push(node.properties.id);
      }
    });
  };
  await compile(source, {
    remarkPlugins: [remarkGfm, remarkMath],
    rehypePlugins: [rehypeSlug, [rehypeKatex, { strict: 'ignore' }], capture],
  });
  return ids;
}

describe('the search index', () => {
  it.each(READY.map((c) => [c.slug, c] as const))(
    "%s: one section per heading, anchored at the id the book's MDX pipeline gives it",
    async (_slug, chapter) => {
      const file = buildSearchIndex(DIR, [chapter]).files[0];
      const source = readFileSync(file, 'utf8');
      const sections = chapterSections(source, chapter);
      const anchors = sections.map((s) => s.anchor).filter(Boolean);
      expect(anchors.length).toBeGreaterThan(3);
      expect(anchors).toEqual(await renderedHeadingIds(source));
      // Prose only: no TeX, no import lines.
      const text = sections.map((s) => s.text).join(' ');
      expect(text).not.toMatch(/\\frac|^import /m);
      expect(text.split(' ').length).toBeGreaterThan(1500);
    },
  );

  it("finds every ready chapter's longest heading among the first three hits for its words", () => {
    const index = MiniSearch.loadJSON<SearchSection>(
      buildSearchIndex(DIR, CHAPTERS).json,
      INDEX_OPTIONS,
    );
    for (const chapter of READY) {
      const file = buildSearchIndex(DIR, [chapter]).files[0];
      const sections = chapterSections(readFileSync(file, 'utf8'), chapter);
      const section = sections.reduce((a, b) => (b.heading.length > a.heading.length ? b : a));
      const hits = index.search(section.heading, QUERY_OPTIONS).slice(0, 3);
      expect(
        hits.map((h) => h.id),
        `${chapter.slug}: ${section.heading}`,
      ).toContain(section.id);
    }
  });

  it('refuses a ready chapter without a file', () => {
    expect(() => buildSearchIndex(DIR, [{ ...READY[0], slug: 'no-such-chapter' }])).toThrow(
      /no chapters\/NN-no-such-chapter\.mdx/,
    );
  });
});
