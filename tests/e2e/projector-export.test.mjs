/**
 * EXPORT TO THE EMBEDDING PROJECTOR (issue 18): chapter 8's word2vec and chapter 5's LSA explorer
 * have a "Download for the Embedding Projector" button ([data-projector-export], with the reason
 * in [data-export-reason] while disabled) that saves `<widget>-vectors.tsv` and
 * `<widget>-metadata.tsv` (src/nlp/embeddingProjector.ts). The files are read back with the
 * book's own parser and must be the vectors the widget uses: one row per vocabulary word, and the
 * nearest neighbours recomputed from the TSV equal the widget's list with the same cosines
 * (its items' unrounded `data-score` / `data-cos`) to 1e-6.
 */
import { expect, test } from '@playwright/test';
import { fromEmbeddingProjector } from '../../src/nlp/embeddingProjector.ts';
import { waitForHeading } from './lib/book.mjs';
import { openPage, until } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import { download, downloadAll } from './lib/downloads.mjs';
import {
  openChapterWidget,
  readMetric,
  setControl,
  stepAndWait,
  waitForReady,
  widget,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();

/**
 * The `topn` words nearest to `word` by cosine, computed from the exported vectors (the word
 * itself and all-zero rows left out), best first.
 *
 * @param {{ words: string[]; vectors: Float32Array; dim: number }} data
 * @param {string} word
 * @param {number} topn
 */
function nearest(data, word, topn) {
  const { words, vectors, dim } = data;
  const norm = (j) => {
    let s = 0;
    for (let c = 0; c < dim; c++) s += vectors[j * dim + c] ** 2;
    return Math.sqrt(s);
  };
  const i = words.indexOf(word);
  expect(i, `"${word}" is in the exported metadata`).toBeGreaterThanOrEqual(0);
  const ni = norm(i);
  const hits = [];
  for (let j = 0; j < words.length; j++) {
    const nj = norm(j);
    if (j === i || nj === 0) continue;
    let dot = 0;
    for (let c = 0; c < dim; c++) dot += vectors[i * dim + c] * vectors[j * dim + c];
    hits.push({ word: words[j], cos: dot / (ni * nj) });
  }
  return hits.sort((a, b) => b.cos - a.cos).slice(0, topn);
}

/**
 * Clicks the export button of `root`, checks the two files' names, and reads them back.
 *
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} root
 * @param {string} name the widget's file name stem.
 */
async function exportVectors(page, root, name) {
  const button = root.getByRole('button', { name: 'Download for the Embedding Projector' });
  await expect(button).toBeEnabled();
  const files = await downloadAll(page, button, 2, 120_000);
  // Both start from one click; the browser may report them in either order.
  const names = [`${name}-vectors.tsv`, `${name}-metadata.tsv`];
  expect(files.map((f) => f.name).sort()).toEqual([...names].sort());
  const [vectors, metadata] = names.map((n) => files.find((f) => f.name === n)?.text ?? '');
  // Single-column metadata: no header line, one word per line.
  expect(metadata.split('\n')[0]).not.toContain('\t');
  const data = fromEmbeddingProjector(vectors, metadata);
  expect(data.columns).toBeNull();
  await expect(root.locator('[data-projector-export]')).toHaveAttribute(
    'data-rows',
    String(data.words.length),
  );
  return { ...data, vectorsText: vectors, metadataText: metadata };
}

/**
 * Checks the TSV's neighbours of a word against the widget's list.
 *
 * @param {{ words: string[]; vectors: Float32Array; dim: number }} data
 * @param {string} word
 * @param {{ word: string; score: number }[]} shown the widget's neighbours, best first.
 */
function expectSameNeighbours(data, word, shown) {
  const fromTsv = nearest(data, word, shown.length);
  expect(fromTsv.map((h) => h.word)).toEqual(shown.map((h) => h.word));
  for (let r = 0; r < shown.length; r++) {
    const diff = Math.abs(fromTsv[r].cos - shown[r].score);
    expect(
      diff,
      `cos(${word}, ${shown[r].word}): TSV ${fromTsv[r].cos}, widget ${shown[r].score}`,
    ).toBeLessThan(1e-6);
  }
}

test.describe('Embedding Projector export', () => {
  test('word2vec: after a few steps the TSV files are the trained input vectors', async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const context = await browser.newContext({ acceptDownloads: true });
    try {
      const chapter = findChapter(CHAPTERS, 'word-embeddings');
      const { page, root, log } = await openChapterWidget(
        context,
        chapter,
        'word2vec',
        '?backend=wasm&w2v.corpus=moby&w2v.dim=20&w2v.epochs=1',
      );
      await waitForReady(root);
      const exporter = root.locator('[data-projector-export]');
      await expect(exporter).toHaveAttribute('data-projector-export', 'disabled');
      await expect(exporter.locator('[data-export-reason]')).toContainText(/Play or Step/);
      await expect(
        root.getByRole('button', { name: 'Download for the Embedding Projector' }),
      ).toBeDisabled();
      for (let i = 0; i < 3; i++) await stepAndWait(root, 60_000);

      // The widget's neighbours of "whale" at this step, with their unrounded cosines.
      const box = root.locator('[data-view="neighbours"]');
      await box.locator('input[name="word"]').fill('whale');
      await box.getByRole('button', { name: 'Neighbours' }).click();
      const list = box.locator('[data-neighbours]');
      await until(async () => (await list.getAttribute('aria-label'))?.endsWith(' whale'), {
        timeoutMs: 30_000,
        message: 'the neighbour box answers "whale"',
      });
      const shown = await list.locator('li').evaluateAll((lis) =>
        lis.map((li) => ({
          word: li.getAttribute('data-hit') ?? '',
          score: Number(li.getAttribute('data-score')),
        })),
      );
      expect(shown).toHaveLength(10);

      const data = await exportVectors(page, root, 'word2vec');
      expect(data.dim).toBe(20);
      expect(data.words.length).toBe(await readMetric(root, 'vocab'));
      expect(new Set(data.words).size, 'each word once').toBe(data.words.length);
      expect(data.words[0], 'most frequent first, in id order').toBe('the');
      expectSameNeighbours(data, 'whale', shown);
      // Each file can also be saved on its own (a browser may hold back the second download).
      for (const [file, text] of [
        ['word2vec-vectors.tsv', data.vectorsText],
        ['word2vec-metadata.tsv', data.metadataText],
      ]) {
        const [again] = await downloadAll(page, root.getByRole('button', { name: file }), 1);
        expect(again.name).toBe(file);
        expect(again.text === text, `${file} saved alone is the same file`).toBe(true);
      }
      log.assertNone('exporting word2vec vectors');
    } finally {
      await context.close();
    }
  });

  test('LSA: after the fit the TSV files are the term vectors on the first k dimensions', async ({
    browser,
  }) => {
    test.setTimeout(600_000);
    const context = await browser.newContext({ acceptDownloads: true });
    try {
      const chapter = findChapter(CHAPTERS, 'topic-models');
      const { page, log } = await openPage(context, `chapters/${chapter.slug}`);
      await waitForHeading(page, chapter.title);
      const root = widget(page, 'lsa-explorer');
      await root.scrollIntoViewIfNeeded({ timeout: 60_000 });
      const exporter = root.locator('[data-projector-export]');
      await expect(exporter).toHaveAttribute('data-projector-export', 'disabled');
      await expect(exporter.locator('[data-export-reason]')).toContainText(/fitted/);
      await until(async () => (await root.getAttribute('data-phase')) === 'ready', {
        timeoutMs: 480_000,
        intervalMs: 1000,
        message: async () => `the model is fitted (phase ${await root.getAttribute('data-phase')})`,
      });
      const fitInfo = (await root.locator('[data-fit-info]').textContent()) ?? '';
      const terms = Number(/× ([\d,]+) terms/.exec(fitInfo)?.[1].replace(/,/g, ''));
      expect(terms, fitInfo).toBeGreaterThan(1000);

      /** The selected term's neighbour list as the widget shows it. */
      const shownTerms = async () => {
        const items = root.locator('[data-selection] [data-list="terms"] li');
        await until(async () => (await items.count()) === 8, { message: 'eight nearest terms' });
        return items.evaluateAll((lis) =>
          lis.map((li) => ({
            word: li.getAttribute('data-term') ?? '',
            score: Number(li.getAttribute('data-cos')),
          })),
        );
      };
      const selected = await root.locator('input[name="selection"]').inputValue();
      const k = Number(await root.getAttribute('data-k'));
      const at20 = await shownTerms();
      const data = await exportVectors(page, root, 'lsa-explorer');
      expect(data.dim).toBe(k);
      expect(data.words.length).toBe(terms);
      expect(new Set(data.words).size, 'each term once').toBe(terms);
      expectSameNeighbours(data, selected, at20);

      // Another k exports that many columns.
      await setControl(root, 'k', 5);
      await until(async () => (await root.getAttribute('data-k')) === '5', { message: 'k = 5' });
      await until(
        async () =>
          (await shownTerms()).map((t) => t.word).join() !== at20.map((t) => t.word).join(),
        {
          message: 'the neighbour list follows k = 5',
        },
      );
      const at5 = await shownTerms();
      const data5 = await exportVectors(page, root, 'lsa-explorer');
      expect(data5.dim).toBe(5);
      expect(data5.words).toEqual(data.words);
      expectSameNeighbours(data5, selected, at5);

      // The latent map saves as an SVG too (issue 18: every chart), with its points.
      const map = root.locator('.lsa-map');
      const points = await map.locator('svg.lsa-svg circle').count();
      const saved = await download(page, map.getByRole('button', { name: /as SVG$/ }));
      expect(saved.name).toMatch(/^lsa-map-dimensions-\d+-and-\d+\.svg$/);
      const svg = saved.bytes.toString('utf8');
      expect(svg.match(/<circle\b/g)?.length ?? 0).toBe(points);
      expect(svg).not.toMatch(/var\(--/);
      log.assertNone('exporting LSA term vectors');
    } finally {
      await context.close();
    }
  });
});
