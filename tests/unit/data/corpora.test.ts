import { describe, expect, it } from 'vitest';
import {
  fetchJson,
  lmSentences,
  loadMobyDick,
  loadSotu,
  loadSpam,
  mobyDickSentences,
  parseMobyDick,
  parseSotu,
  parseSpamCorpus,
} from '../../../src/data';
import { readCorpusJson } from './realCorpus';

/** A fetch that serves one body (or an HTTP error) and records the URLs asked for. */
function serve(body: string, status = 200): { impl: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const impl = (async (url: string) => {
    urls.push(url);
    return new Response(body, { status });
  }) as unknown as typeof fetch;
  return { impl, urls };
}

describe('lmSentences (the tokenization of chapter 3)', () => {
  it('splits sentences, lowercases, keeps internal apostrophes and hyphens, drops punctuation', () => {
    expect(
      lmSentences('Call me Ishmael. Some years ago—never mind how long precisely—having…'),
    ).toEqual([
      ['call', 'me', 'ishmael'],
      ['some', 'years', 'ago', 'never', 'mind', 'how', 'long', 'precisely', 'having'],
    ]);
    expect(lmSentences("Ahab's sea-captain said: 'Aye, aye!' Then he left.")).toEqual([
      ["ahab's", 'sea-captain', 'said', 'aye', 'aye'],
      ['then', 'he', 'left'],
    ]);
  });

  it('does not split after Mr. and treats paragraphs separately', () => {
    expect(lmSentences('Mr. Starbuck came\n\nIt rained')).toEqual([
      ['mr', 'starbuck', 'came'],
      ['it', 'rained'],
    ]);
  });

  it('gives [] for empty, whitespace or punctuation-only text and composes NFD to NFC', () => {
    expect(lmSentences('')).toEqual([]);
    expect(lmSentences('  \n\n —!? ')).toEqual([]);
    expect(lmSentences('Cafe\u0301 au lait.')).toEqual([['café', 'au', 'lait']]);
    expect(() => lmSentences(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('Moby Dick corpus', () => {
  const corpus = parseMobyDick(readCorpusJson('moby-dick.json'));

  it('has 136 sections with chapters 10, 20, ..., 130 held out', () => {
    expect(corpus.sections).toHaveLength(136);
    const held = corpus.sections.filter((s) => s.split === 'heldout').map((s) => s.title);
    expect(held).toHaveLength(13);
    expect(held[0]).toMatch(/^CHAPTER 10\./);
    expect(held[12]).toMatch(/^CHAPTER 130\./);
  });

  it('tokenizes to about 193 K training and 16 K held-out tokens, disjoint sentences', () => {
    const train = mobyDickSentences(corpus, 'train');
    const held = mobyDickSentences(corpus, 'heldout');
    const count = (ss: string[][]): number => ss.reduce((n, s) => n + s.length, 0);
    expect(count(train)).toBeGreaterThan(185_000);
    expect(count(held)).toBeGreaterThan(15_000);
    expect(count(held) / (count(train) + count(held))).toBeLessThan(0.1);
    expect(train[0]).toEqual(['call', 'me', 'ishmael']);
    expect(() => mobyDickSentences(corpus, 'test' as 'train')).toThrow(RangeError);
  });

  it('rejects malformed files with a message naming the problem', () => {
    expect(() => parseMobyDick([])).toThrow('is not a JSON object');
    expect(() => parseMobyDick({ sections: [] })).toThrow('has no "sections" array');
    expect(() => parseMobyDick({ sections: [{ title: 't', text: 'x', split: 'dev' }] })).toThrow(
      'sections[0].split is "dev"',
    );
    expect(() => parseMobyDick({ sections: [{ title: 't', text: 'x', split: 'train' }] })).toThrow(
      'has no heldout sections',
    );
  });

  it('loads through fetch from the base URL', async () => {
    const json = JSON.stringify({
      sections: [
        { title: 'A', text: 'One. Two.', split: 'train' },
        { title: 'B', text: 'Three.', split: 'heldout' },
      ],
    });
    const { impl, urls } = serve(json);
    const c = await loadMobyDick({ baseUrl: '/book', fetch: impl });
    expect(urls).toEqual(['/book/data/moby-dick.json']);
    expect(mobyDickSentences(c, 'heldout')).toEqual([['three']]);
  });
});

describe('SOTU corpus', () => {
  const corpus = parseSotu(readCorpusJson('sotu.json'));

  it('has 233 addresses from 1790 to 2021 cut into passages of whole sentences', () => {
    expect(corpus.addresses).toHaveLength(233);
    expect(corpus.addresses[0]).toEqual({ year: 1790, name: 'George Washington', party: 'none' });
    expect(corpus.addresses.at(-1)?.year).toBe(2021);
    expect(corpus.passages.length).toBeGreaterThan(10_000);
    const words = corpus.passages.map((p) => p.text.split(' ').length);
    expect(Math.min(...words)).toBeGreaterThanOrEqual(50);
    // Passages start with a capital (or an opening quote / digit): whole sentences.
    const starts = corpus.passages.filter((p) => /^["'“‘([]?[A-Z0-9]/.test(p.text)).length;
    expect(starts / corpus.passages.length).toBeGreaterThan(0.99);
    // Every address has at least one passage, in order.
    const seen = new Set(corpus.passages.map((p) => p.address));
    expect(seen.size).toBe(233);
  });

  it('rejects passages that point nowhere', () => {
    const bad = {
      addresses: [{ year: 1790, name: 'W', party: 'none' }],
      passages: [{ address: 3, text: 'x' }],
    };
    expect(() => parseSotu(bad)).toThrow('passages[0].address is 3');
  });

  it('names the URL on an HTTP error', async () => {
    await expect(loadSotu({ baseUrl: '/', fetch: serve('', 404).impl })).rejects.toThrow(
      'Could not load the State of the Union addresses (HTTP 404) from /data/sotu.json',
    );
  });
});

describe('SpamAssassin subset', () => {
  const corpus = parseSpamCorpus(readCorpusJson('spam.json'));

  it('has 1,800 ham and 1,200 spam, split 80/10/10 within each label', () => {
    const n = (label: number, split?: number): number =>
      corpus.labels.filter(
        (l, i) => l === label && (split === undefined || corpus.splits[i] === split),
      ).length;
    expect([n(0), n(1)]).toEqual([1800, 1200]);
    expect([n(0, 0), n(0, 1), n(0, 2)]).toEqual([1440, 180, 180]);
    expect([n(1, 0), n(1, 1), n(1, 2)]).toEqual([960, 120, 120]);
  });

  it('keeps the subject and decoded text but no headers or HTML tags', () => {
    const all = corpus.texts.join('\n');
    // No message body starts with header fields (one spam quotes a header block inside its body).
    expect(all).not.toMatch(/^[^\n]*\n(Received|Return-Path|Delivered-To|Message-ID): /);
    expect(
      corpus.texts.filter((t) => /^[^\n]*\n(Received|Return-Path|Message-ID): /.test(t)),
    ).toEqual([]);
    expect(all).not.toMatch(/<\/?(html|body|table|td|font)\b/i);
    expect(new Set(corpus.texts).size).toBe(corpus.texts.length);
    expect(Math.max(...corpus.texts.map((t) => t.length))).toBeLessThan(1500 + 1000);
  });

  it('rejects mismatched arrays', () => {
    expect(() => parseSpamCorpus({ texts: ['a'], labels: [0, 1], splits: [0] })).toThrow(
      'has 1 texts but 2 labels',
    );
    expect(() => parseSpamCorpus({ texts: ['a'], labels: [2], splits: [0] })).toThrow(
      'labels[0] is 2',
    );
  });

  it('loads through fetch and reports bad JSON clearly', async () => {
    await expect(loadSpam({ baseUrl: '/', fetch: serve('{').impl })).rejects.toThrow(
      /The SpamAssassin messages from \/data\/spam.json is not valid JSON/,
    );
  });
});

describe('fetchJson', () => {
  it('wraps network errors with the label and URL', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(
      fetchJson('data/x.json', 'the x', { baseUrl: '/', fetch: failing }),
    ).rejects.toThrow('Could not load the x from /data/x.json: fetch failed');
  });
});
