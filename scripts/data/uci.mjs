/**
 * UCI Sentiment Labelled Sentences (Kotzias et al., 2015; CC BY 4.0) from sentiment@5.0.2
 * test/fixtures/{imdb,yelp,amazon}.json: 3,000 sentences with a stratified 80/10/10 split.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clean, mulberry32, packageInfo, sha256 } from './common.mjs';

export function prepareUci() {
  const { dir: pkgDir, pkg } = packageInfo('sentiment');
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
