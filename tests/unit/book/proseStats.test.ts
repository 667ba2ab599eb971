import { describe, expect, it } from 'vitest';
import { findMachineTalk, proseText, proseWordCount, words } from '../../../src/book/proseStats';

const SAMPLE = `import { Widget } from '../src/widgets/widget';
import {
  Other,
  Third,
} from '../src/widgets/other';

export const meta = { title: 'not prose' };

# Text preprocessing

<ChapterIntro learn={['what the reader will learn', 'x > y']} />

{/* a comment the reader never sees */}

A corpus has $N = 11$ tokens and costs \\$3.50, in one sentence.

$$
|V| = K N^{\\beta}
$$

\`\`\`python
tok = Tokenizer(num_words=6)
\`\`\`

<Figure
  caption="A caption is read"
  id="fig-x"
>
  <Widget />
</Figure>

| word | count |
| ---- | ----- |
| don't | 3,000 |

<Exercise title="Tokens">
  Count the \`<OOV>\` ids in [chapter 2](/chapters/subword-tokenization).
  <Answer>학교에서 is one eojeol.</Answer>
</Exercise>
`;

describe('proseText and proseWordCount', () => {
  it('counts what the reader reads: prose, math, captions, titles and the intro list', () => {
    const text = proseText(SAMPLE);
    const w = words(text);
    expect(w).toEqual([
      'Text',
      'preprocessing',
      // ChapterIntro's list is read; the `>` inside its string is not a tag.
      'what',
      'the',
      'reader',
      'will',
      'learn',
      'x',
      'y',
      'A',
      'corpus',
      'has',
      // $N = 11$: one word per TeX token.
      'MATH',
      'MATH',
      'MATH',
      'tokens',
      'and',
      'costs',
      '3.50',
      'in',
      'one',
      'sentence',
      // The display formula |V| = K N^{\beta}: four tokens.
      'MATH',
      'MATH',
      'MATH',
      'MATH',
      // The caption is read; the id is not.
      'A',
      'caption',
      'is',
      'read',
      'word',
      'count',
      "don't",
      '3,000',
      // The exercise's title is read.
      'Tokens',
      'Count',
      'the',
      'OOV',
      'ids',
      'in',
      'chapter',
      '2',
      '학교에서',
      'is',
      'one',
      'eojeol',
    ]);
    expect(proseWordCount(SAMPLE)).toBe(w.length);
    for (const hidden of ['Widget', 'meta', 'comment', 'fig-x', 'Tokenizer', 'beta', 'import']) {
      expect(text).not.toContain(hidden);
    }
  });

  it('keeps the text of a caption written as a JSX fragment, not its tags or other attributes', () => {
    const mdx = `<Figure
  caption={
    <>
      Backoff for the next word <em>whale</em>, scaled to sum to 1.
    </>
  }
  id="fig-backoff"
>
  <BackoffFigure width={3} />
</Figure>`;
    expect(words(proseText(mdx))).toEqual([
      'Backoff',
      'for',
      'the',
      'next',
      'word',
      'whale',
      'scaled',
      'to',
      'sum',
      'to',
      '1',
    ]);
  });

  it('keeps a lone "<" that is not a tag, and joins inner hyphens and apostrophes', () => {
    expect(words(proseText('if a < b then state-of-the-art isn’t 1,000.'))).toEqual([
      'if',
      'a',
      'b',
      'then',
      'state-of-the-art',
      'isn’t',
      '1,000',
    ]);
  });
});

describe('findMachineTalk', () => {
  it('finds each phrase as a word, case-insensitively and across a line break', () => {
    const mdx = 'Fast.\nOn our\nMachine it took long; see the Benchmarks.\nA two core box.';
    const hits = findMachineTalk(mdx).map((h) => [h.phrase, h.line, h.text]);
    expect(hits).toEqual([
      ['our machine', 2, 'our\nMachine'],
      ['benchmark', 3, 'Benchmarks'],
      ['two-core', 4, 'two core'],
    ]);
  });

  it('does not match inside other words', () => {
    expect(findMachineTalk('benchmarkable, sour machinery, download average')).toEqual([]);
  });
});
