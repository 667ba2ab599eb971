/** Helpers shared by the corpus preparers (build time, Node). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** SHA-256 of a string (UTF-8), hex. */
export const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** mulberry32: a tiny seeded PRNG, used only to make splits and subsets reproducible. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place with `rng`. */
export function shuffle(items, rng) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Normalises a text: Unicode NFC, whitespace collapsed, trimmed. */
export function clean(text) {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Whitespace-separated word count (for manifests). */
export const wordCount = (text) => (text.match(/\S+/g) ?? []).length;

/** The directory and package.json of an installed package. */
export function packageInfo(name) {
  const dir = dirname(require.resolve(`${name}/package.json`));
  return { dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
}

/** The corpus file and its manifest entry; `counts` etc. are filled by the caller. */
export function corpusFile(file, data, entry) {
  const text = JSON.stringify(data);
  return {
    file,
    text,
    entry: { file, ...entry, bytes: Buffer.byteLength(text), sha256: sha256(text) },
  };
}
