/**
 * The book's full-text search index, built at build time: a Vite plugin that serves the
 * virtual module `virtual:search-index` (a serialized MiniSearch index of every ready
 * chapter's sections, see src/book/search/searchOptions.ts).
 *
 * Each chapter's MDX is parsed with the remark plugins the book compiles it with (remark-mdx,
 * remark-gfm, remark-math); every heading starts a section, and its anchor is computed as
 * rehype-slug computes it (github-slugger over the heading's text, one slugger per chapter,
 * every heading in document order), so a result's link lands on the heading's real id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import MiniSearch from 'minisearch';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { Plugin } from 'vite';
import type { ChapterInfo } from '../src/book/chapters.ts';
import {
  INDEX_OPTIONS,
  SEARCH_INDEX_MODULE,
  type SearchSection,
} from '../src/book/search/searchOptions.ts';

/** Nodes whose content is not prose a reader searches: math, code blocks, ESM, expressions. */
const SKIPPED = new Set([
  'math',
  'inlineMath',
  'code',
  'mdxjsEsm',
  'mdxFlowExpression',
  'mdxTextExpression',
]);

/**
 * Splits one chapter's MDX source into sections at its headings (any depth), with each
 * heading's rehype-slug id. The text before the first heading is a section with anchor ''.
 *
 * @param source - the chapter's MDX.
 * @param chapter - its table-of-contents entry.
 * @returns the sections in order; ones without text or heading are left out.
 */
export function chapterSections(source: string, chapter: ChapterInfo): SearchSection[] {
  const tree = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkGfm)
    .use(remarkMath)
    .parse(source);
  const slugger = new GithubSlugger();
  const sections: SearchSection[] = [];
  let current: SearchSection = {
    id: `${chapter.slug}#`,
    slug: chapter.slug,
    chapterNumber: chapter.number,
    chapterTitle: chapter.title,
    heading: chapter.title,
    anchor: '',
    text: '',
  };
  const parts: string[] = [];
  const flush = () => {
    current.text = parts.join(' ').replace(/\s+/g, ' ').trim();
    if (current.text || current.anchor) sections.push(current);
    parts.length = 0;
  };
  visit(tree as Root, (node) => {
    if (SKIPPED.has(node.type)) return SKIP;
    if (node.type === 'heading') {
      flush();
      const heading = toString(node as Heading).trim();
      const anchor = slugger.slug(heading);
      current = { ...current, id: `${chapter.slug}#${anchor}`, heading, anchor, text: '' };
      return SKIP;
    }
    if (node.type === 'text' || node.type === 'inlineCode') parts.push(node.value);
    return undefined;
  });
  flush();
  return sections;
}

/** The chapter file of `slug` in `dir` (`NN-slug.mdx`), or undefined. */
function chapterFile(dir: string, slug: string): string | undefined {
  const name = readdirSync(dir).find((f) => f.endsWith(`-${slug}.mdx`));
  return name ? join(dir, name) : undefined;
}

/**
 * The serialized index of every ready chapter of `chapters` found in `dir`.
 *
 * @throws Error when a ready chapter has no `NN-<slug>.mdx` file in `dir`.
 */
export function buildSearchIndex(
  dir: string,
  chapters: readonly ChapterInfo[],
): {
  json: string;
  files: string[];
} {
  const index = new MiniSearch<SearchSection>(INDEX_OPTIONS);
  const files: string[] = [];
  for (const chapter of chapters) {
    if (chapter.status !== 'ready') continue;
    const file = chapterFile(dir, chapter.slug);
    if (!file)
      throw new Error(`Search index: no chapters/NN-${chapter.slug}.mdx for a ready chapter.`);
    files.push(file);
    index.addAll(chapterSections(readFileSync(file, 'utf8'), chapter));
  }
  return { json: JSON.stringify(index), files };
}

/**
 * The Vite plugin: resolves `virtual:search-index` to a module whose default export is the
 * serialized index of the ready chapters in `dir`; the chapter files are watched in dev.
 */
export function searchIndexPlugin(dir: string, chapters: readonly ChapterInfo[]): Plugin {
  const resolved = `\0${SEARCH_INDEX_MODULE}`;
  return {
    name: 'nlp-book-search-index',
    resolveId(id) {
      return id === SEARCH_INDEX_MODULE ? resolved : undefined;
    },
    load(id) {
      if (id !== resolved) return undefined;
      const { json, files } = buildSearchIndex(dir, chapters);
      for (const file of files) this.addWatchFile(file);
      return `export default ${JSON.stringify(json)};`;
    },
  };
}
