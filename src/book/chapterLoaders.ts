/**
 * Code-splitting map from chapter slug to its MDX module. Each entry is a dynamic import, so
 * every chapter (and the widgets it imports, and through them TensorFlow.js) becomes its own
 * chunk that loads only when its page is opened. Used with `React.lazy` in `ChapterPage.tsx`.
 *
 * To add a chapter: write `chapters/NN-slug.mdx`, flip its entry in `chapters.ts` to `ready`
 * and add one line here (tests/unit/book/chapterLoaders.test.ts checks the two agree).
 */
import type { ComponentType } from 'react';
import type { MDXComponents } from 'mdx/types';

/** The default export of a compiled MDX chapter. */
export type ChapterComponent = ComponentType<{ components?: MDXComponents }>;

/** Loads one chapter's compiled MDX module. */
export type ChapterLoader = () => Promise<{ default: ChapterComponent }>;

/** slug -> loader, for every chapter whose status is `ready`. */
export const CHAPTER_LOADERS: Readonly<Record<string, ChapterLoader>> = {
  preprocessing: () => import('../../chapters/01-preprocessing.mdx'),
  'language-models': () => import('../../chapters/03-language-models.mdx'),
  'bag-of-words': () => import('../../chapters/04-bag-of-words.mdx'),
  'topic-models': () => import('../../chapters/05-topic-models.mdx'),
  'word-embeddings': () => import('../../chapters/08-word-embeddings.mdx'),
  'recurrent-networks': () => import('../../chapters/09-recurrent-networks.mdx'),
  'convolutional-networks': () => import('../../chapters/11-convolutional-networks.mdx'),
  seq2seq: () => import('../../chapters/13-seq2seq.mdx'),
  attention: () => import('../../chapters/14-attention.mdx'),
  transformer: () => import('../../chapters/15-transformer.mdx'),
};

/** The loader of `slug`, or `undefined` if the chapter has no page yet. */
export function chapterLoader(slug: string): ChapterLoader | undefined {
  return Object.hasOwn(CHAPTER_LOADERS, slug) ? CHAPTER_LOADERS[slug] : undefined;
}
