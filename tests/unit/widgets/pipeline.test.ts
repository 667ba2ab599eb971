import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PIPELINE_OPTIONS,
  MAX_EXPLORER_CHARS,
  MAX_EXPLORER_DOCUMENTS,
  runPipeline,
  splitDocuments,
} from '../../../src/widgets/pipeline-explorer/pipeline';

const o = DEFAULT_PIPELINE_OPTIONS;
const texts = (docs: { text: string }[][]) => docs.map((d) => d.map((t) => t.text));

describe('runPipeline (pipeline explorer)', () => {
  it('takes one document per non-empty line', () => {
    expect(splitDocuments('a b\n\n  c \r\nd').documents).toEqual(['a b', 'c', 'd']);
  });

  it('ranks the vocabulary by count and pads to maxlen', () => {
    const r = runPipeline('the cat sat\nthe cat ran\nthe dog', { ...o, numWords: 0, maxlen: 4 });
    expect(r.vocabulary.slice(0, 3).map((v) => [v.word, v.index])).toEqual([
      ['<OOV>', 1],
      ['the', 2],
      ['cat', 3],
    ]);
    expect(r.sequences[2]).toEqual([2, r.wordIndex.get('dog')]);
    expect(Array.from(r.padded.data.slice(8, 12))).toEqual([0, 0, 2, r.wordIndex.get('dog')]);
    expect(r.tokenCount).toBe(8);
    expect(r.typeCount).toBe(5);
  });

  it('maps words cut by num_words to the OOV index 1, or drops them without an OOV token', () => {
    const text = 'a a a b b c';
    const withOov = runPipeline(text, { ...o, numWords: 3 }); // keeps <OOV>=1 and a=2
    expect(withOov.sequences[0]).toEqual([2, 2, 2, 1, 1, 1]);
    const without = runPipeline(text, { ...o, numWords: 3, oovToken: null }); // keeps a=1, b=2
    expect(without.sequences[0]).toEqual([1, 1, 1, 2, 2]);
  });

  it('lowercases, normalises with NFKC, stems and removes stopwords when asked', () => {
    const r = runPipeline('The ﬁnal Ponies were running', {
      ...o,
      normalization: 'NFKC',
      stemming: true,
      removeStopwords: true,
    });
    expect(texts(r.normalized)[0]).toEqual(['the', 'final', 'ponies', 'were', 'running']);
    expect(texts(r.stems)[0]).toEqual(['the', 'final', 'poni', 'were', 'run']);
    // stopwords-iso's English list is long: it has "the" and "were" but also "run" (not "running").
    expect(texts(r.kept)[0]).toEqual(['final', 'poni', 'run']);
    expect(r.marked[0].filter((t) => t.kind === 'removed').map((t) => t.text)).toEqual([
      'the',
      'were',
    ]);
  });

  it('keeps case and the ligature when asked', () => {
    const r = runPipeline('The ﬁnal', { ...o, lowercase: false, normalization: 'NFC' });
    expect(texts(r.normalized)[0]).toEqual(['The', 'ﬁnal']);
  });

  it('Keras tokenizer mode applies the filters and splits on spaces', () => {
    const r = runPipeline("Hello,world! it's", { ...o, tokenizer: 'keras' });
    expect(texts(r.tokens)[0]).toEqual(['Hello', 'world', "it's"]);
  });

  it('Korean particle splitting makes 학교 one type across its eojeol', () => {
    const text = '학교에 갔습니다\n학교에서 만났습니다\n학교를 좋아합니다';
    const plain = runPipeline(text, { ...o, numWords: 0 });
    expect(plain.vocabulary.filter((v) => v.word.startsWith('학교')).length).toBe(3);
    const split = runPipeline(text, { ...o, numWords: 0, koreanParticles: true });
    const school = split.vocabulary.find((v) => v.word === '학교');
    expect(school?.count).toBe(3);
  });

  it('handles empty and huge input without throwing', () => {
    const empty = runPipeline('', o);
    expect(empty.documents).toEqual([]);
    expect(empty.padded.rows).toBe(0);
    const huge = runPipeline('word '.repeat(1_000_000), o);
    expect(huge.clipped).toBe(true);
    expect(huge.tokenCount).toBeLessThanOrEqual(MAX_EXPLORER_CHARS / 5 + 1);
  });

  it('says how much of a long text it processed: characters and documents, of how many', () => {
    const line = 'The quick brown fox jumps over the lazy dog.'; // 44 characters
    const text = `${line}\n`.repeat(1000); // 45,000 characters, 1,000 documents
    const r = runPipeline(text, o);
    expect(r.clipped).toBe(true);
    expect(r.totalChars).toBe(45_000);
    expect(r.totalDocuments).toBe(1000);
    // 200 documents end at 200 * 45 - 1 (before the 200th line break), under the 20,000 cap.
    expect(r.documents.length).toBe(MAX_EXPLORER_DOCUMENTS);
    expect(r.processedChars).toBe(200 * 45 - 1);
    // One 45,000-character line: cut at the character cap, mid-word.
    const one = runPipeline(line.repeat(1000), o);
    expect(one.processedChars).toBe(MAX_EXPLORER_CHARS);
    expect(one.documents).toEqual([line.repeat(1000).slice(0, MAX_EXPLORER_CHARS).trim()]);
    expect(one.totalDocuments).toBe(1);
  });

  it('is not clipped when only blank lines or spaces follow the limit', () => {
    const r = runPipeline('a b\n' + ' \n'.repeat(20_000), o);
    expect(r.clipped).toBe(false);
    expect(r.totalDocuments).toBe(1);
  });

  it('takes custom limits (as the long-text tests do) and counts documents beyond them', () => {
    const split = splitDocuments('one\ntwo\n\nthree\nfour', { maxChars: 9, maxDocuments: 10 });
    expect(split.documents).toEqual(['one', 'two']);
    expect(split.totalDocuments).toBe(4);
    expect(split.processedChars).toBe(9);
    expect(split.clipped).toBe(true);
    // A line cut at the limit with only spaces before the cut counts once, processes nothing.
    const cut = splitDocuments('ab\n   xyz\nc', { maxChars: 5, maxDocuments: 10 });
    expect(cut.documents).toEqual(['ab']);
    expect(cut.totalDocuments).toBe(3);
  });

  it('returns plain data that survives a structured clone (the worker sends it)', () => {
    const r = runPipeline('the cat sat\nthe dog', o);
    const copy = structuredClone(r);
    expect(copy.indexWord.get(2)).toBe('the');
    expect(copy.wordIndex.get('cat')).toBe(r.wordIndex.get('cat'));
    expect(copy.oovToken).toBe('<OOV>');
    expect(Array.from(copy.padded.data)).toEqual(Array.from(r.padded.data));
  });
});
