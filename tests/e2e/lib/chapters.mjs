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
