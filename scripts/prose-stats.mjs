#!/usr/bin/env node
/**
 * Prints each chapter's prose word count as tests/unit/book/prose.test.ts counts it
 * (src/book/proseStats.ts), and the phrases WRITING.md keeps out of the prose.
 *
 *   npm run prose-stats              every chapters/*.mdx, drafts included
 *   npm run prose-stats -- 03 15     only the files whose names start with these
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const server = await createServer({ root, logLevel: 'error', server: { middlewareMode: true } });
try {
  const { proseWordCount, findMachineTalk, PROSE_WORD_RANGE } =
    await server.ssrLoadModule('/src/book/proseStats.ts');
  const prefixes = process.argv.slice(2);
  const files = readdirSync(join(root, 'chapters'))
    .filter(
      (f) => f.endsWith('.mdx') && (!prefixes.length || prefixes.some((p) => f.startsWith(p))),
    )
    .sort();
  for (const file of files) {
    const mdx = readFileSync(join(root, 'chapters', file), 'utf8');
    const n = proseWordCount(mdx);
    const { min, max } = PROSE_WORD_RANGE;
    const flag = n > max ? `  ${n - max} over ${max}` : n < min ? `  ${min - n} under ${min}` : '';
    console.log(`${file.padEnd(34)} ${String(n).padStart(6)} words${flag}`);
    for (const hit of findMachineTalk(mdx)) console.log(`  line ${hit.line}: "${hit.text}"`);
  }
} finally {
  await server.close();
}
