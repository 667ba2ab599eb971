/**
 * Reads the table of contents (src/book/chapters.ts) from Node without a bundler: the module
 * imports nothing, so TypeScript's `transpileModule` turns it into plain JavaScript that is
 * imported from a data: URL. The tests therefore check the same list the app renders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT } from './server.mjs';

/**
 * @typedef {object} ChapterInfo
 * @property {number} number 1-based reading order.
 * @property {string} slug URL segment (`chapters/<slug>`).
 * @property {string} title
 * @property {string} part 'I' | 'II' | 'III'.
 * @property {string} summary
 * @property {'ready' | 'coming'} status
 */

/**
 * Loads src/book/chapters.ts.
 *
 * @returns {Promise<{ CHAPTERS: readonly ChapterInfo[]; PARTS: Record<string, string> }>}
 * @throws {Error} when the module no longer exports a non-empty CHAPTERS array.
 */
export async function loadChapters() {
  const source = readFileSync(join(ROOT, 'src', 'book', 'chapters.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const mod = await import(
    `data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`
  );
  if (!Array.isArray(mod.CHAPTERS) || mod.CHAPTERS.length === 0) {
    throw new Error('src/book/chapters.ts no longer exports a non-empty CHAPTERS array.');
  }
  return { CHAPTERS: mod.CHAPTERS, PARTS: mod.PARTS ?? {} };
}

/**
 * The chapter a test file is about. A suite that cannot find its chapter fails (it does not
 * skip): a renamed slug or a chapter set back to "coming" must not silently turn its tests off.
 *
 * @param {readonly ChapterInfo[]} chapters from {@link loadChapters}.
 * @param {string} slug e.g. `recurrent-networks`.
 * @param {{ ready?: boolean }} [options] ready (default true) also requires status "ready".
 * @returns {ChapterInfo}
 * @throws {Error} naming the slug and the slugs that exist, when it is missing or not ready.
 */
export function findChapter(chapters, slug, { ready = true } = {}) {
  const chapter = chapters.find((c) => c.slug === slug);
  if (!chapter) {
    throw new Error(
      `chapter "${slug}" is not in the table of contents (src/book/chapters.ts has: ` +
        `${chapters.map((c) => c.slug).join(', ')}); this test file cannot run without it.`,
    );
  }
  if (ready && chapter.status !== 'ready') {
    throw new Error(
      `chapter "${slug}" has status "${chapter.status}", not "ready"; its tests cannot run.`,
    );
  }
  return chapter;
}

/**
 * The first chapter whose status is "ready" (chapter 1 while the book is written in order).
 *
 * @param {readonly ChapterInfo[]} chapters from {@link loadChapters}.
 * @returns {ChapterInfo}
 * @throws {Error} when no chapter is ready.
 */
export function firstReadyChapter(chapters) {
  const chapter = chapters.find((c) => c.status === 'ready');
  if (!chapter) throw new Error('no chapter has status "ready" in src/book/chapters.ts.');
  return chapter;
}
