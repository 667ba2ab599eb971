import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getSplit, loadUciSentences, parseUciCorpus, type LoadProgress } from '../../../src/data';
import { readUciJson, uciSentencesPath } from './realCorpus';

/** A fetch that serves `body` in chunks of `chunk` bytes with the given status and headers. */
function fakeFetch(body: string, init: { status?: number; chunk?: number; length?: boolean } = {}) {
  const calls: string[] = [];
  const impl = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    const bytes = new TextEncoder().encode(body);
    const chunk = init.chunk ?? 1000;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.slice(i, i + chunk));
        controller.close();
      },
    });
    const headers: Record<string, string> =
      init.length === false ? {} : { 'Content-Length': String(bytes.length) };
    return new Response(stream, { status: init.status ?? 200, headers });
  }) as typeof fetch;
  return { impl, calls };
}

describe('parseUciCorpus on the real prepared file', () => {
  const corpus = parseUciCorpus(readUciJson());

  it('has 3000 sentences in three sources and a 2400/300/300 split', () => {
    expect(corpus.texts).toHaveLength(3000);
    expect(corpus.sources).toEqual(['imdb', 'yelp', 'amazon']);
    expect(getSplit(corpus, 'train').texts).toHaveLength(2400);
    expect(getSplit(corpus, 'validation').texts).toHaveLength(300);
    expect(getSplit(corpus, 'test').texts).toHaveLength(300);
  });

  it('getSplit keeps texts and labels aligned and filters by source', () => {
    const train = getSplit(corpus, 'train');
    const i = corpus.splits.indexOf(0);
    expect(train.texts[0]).toBe(corpus.texts[i]);
    expect(train.labels[0]).toBe(corpus.labels[i]);
    const yelp = getSplit(corpus, 'train', { sources: ['yelp'] });
    expect(yelp.texts).toHaveLength(800);
    // Balanced: the split is stratified per source and label.
    expect(yelp.labels.filter((l) => l === 1)).toHaveLength(400);
    const two = getSplit(corpus, 'test', { sources: ['imdb', 'amazon'] });
    expect(two.texts).toHaveLength(200);
    expect(new Set(two.texts).has(yelp.texts[0])).toBe(false);
  });

  it('getSplit rejects unknown names', () => {
    expect(() => getSplit(corpus, 'dev' as 'train')).toThrow(/Unknown split "dev"/);
    expect(() => getSplit(corpus, 'train', { sources: ['netflix'] })).toThrow(
      /Unknown source "netflix".*imdb, yelp, amazon/,
    );
  });
});

describe('parseUciCorpus validation', () => {
  const good = () => JSON.parse(JSON.stringify(readUciJson())) as Record<string, unknown[]>;

  it('names the mismatch of lengths', () => {
    const bad = good();
    bad.labels.pop();
    expect(() => parseUciCorpus(bad)).toThrow(
      'The UCI review sentences file has 3000 texts but 2999 labels',
    );
  });

  it('rejects bad values, missing fields and non-objects', () => {
    const badLabel = good();
    badLabel.labels[5] = 2;
    expect(() => parseUciCorpus(badLabel)).toThrow(/labels\[5\] is 2, expected 0 or 1/);
    const badSource = good();
    badSource.sourceIds[7] = 3;
    expect(() => parseUciCorpus(badSource)).toThrow(/sourceIds\[7\] is 3/);
    const noTexts = good();
    delete (noTexts as Record<string, unknown>).texts;
    expect(() => parseUciCorpus(noTexts)).toThrow(/no "texts" array/);
    expect(() => parseUciCorpus([1, 2])).toThrow(/not a JSON object/);
    expect(() => parseUciCorpus(null)).toThrow(/not a JSON object/);
  });
});

describe('loadUciSentences', () => {
  const body = readFileSync(uciSentencesPath(), 'utf8');

  it('fetches below the base URL, streams progress and validates', async () => {
    const { impl, calls } = fakeFetch(body, { chunk: 50_000 });
    const seen: LoadProgress[] = [];
    const corpus = await loadUciSentences({
      baseUrl: '/nlp-book/',
      fetch: impl,
      onProgress: (p) => seen.push(p),
    });
    expect(calls).toEqual(['/nlp-book/data/uci-sentences.json']);
    expect(corpus.texts).toHaveLength(3000);
    const total = new TextEncoder().encode(body).byteLength;
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((p) => p.total === total)).toBe(true);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i].loaded).toBeGreaterThanOrEqual(seen[i - 1].loaded);
    expect(seen.at(-1)).toEqual({ loaded: total, total });
  });

  it('reports an unknown total as null without Content-Length', async () => {
    const { impl, calls } = fakeFetch(body, { chunk: 100_000, length: false });
    const seen: LoadProgress[] = [];
    await loadUciSentences({ baseUrl: '/', fetch: impl, onProgress: (p) => seen.push(p) });
    expect(calls).toEqual(['/data/uci-sentences.json']);
    expect(seen[0].total).toBeNull();
  });

  it('gives clear messages for HTTP errors, bad JSON and bad shapes', async () => {
    await expect(
      loadUciSentences({ baseUrl: '/', fetch: fakeFetch('nope', { status: 404 }).impl }),
    ).rejects.toThrow(
      'Could not load the UCI review sentences (HTTP 404) from /data/uci-sentences.json',
    );
    await expect(
      loadUciSentences({ baseUrl: '/', fetch: fakeFetch('{"texts": [').impl }),
    ).rejects.toThrow(/The UCI review sentences from \/data\/uci-sentences.json is not valid JSON/);
    const short = JSON.parse(body) as Record<string, unknown[]>;
    short.texts.push('one more');
    await expect(
      loadUciSentences({ baseUrl: '/', fetch: fakeFetch(JSON.stringify(short)).impl }),
    ).rejects.toThrow('has 3001 texts but 3000 labels');
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(loadUciSentences({ baseUrl: '/', fetch: failing })).rejects.toThrow(
      /Could not load .*: fetch failed/,
    );
  });

  it('rejects with the AbortError when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const impl = ((_: RequestInfo | URL, init?: RequestInit) =>
      fetch('data:application/json,{}', init)) as typeof fetch;
    await expect(
      loadUciSentences({ baseUrl: '/', fetch: impl, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
