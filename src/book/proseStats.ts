/**
 * Prose statistics of an MDX chapter, counted the way a reader sees the page: the words of
 * the running text, headings, tables, notes and exercises (with their answers), and not the
 * machinery around them. Used by tests/unit/book/prose.test.ts to hold every chapter to
 * WRITING.md's length range and to keep talk of the software and the machine out of the prose.
 *
 * Plain string processing with no React, so Node tests and scripts can use it.
 */

/** WRITING.md's range for a chapter's prose, in words (inclusive). */
export const PROSE_WORD_RANGE = { min: 4000, max: 7000 } as const;

/**
 * Phrases that talk about the software or the machine rather than the subject (WRITING.md,
 * "What stays out"). Matched case-insensitively as whole words; a space in a phrase matches
 * any run of whitespace (a phrase may be wrapped across lines), and "two-core" also matches
 * "two core".
 */
export const MACHINE_TALK: readonly string[] = [
  'load average',
  'our machine',
  'two-core',
  'benchmark',
  'our test machine',
  'busy machine',
];

/** Replaces `[start, end)` ranges matched by `re` with one space each (keeps words apart). */
function blank(text: string, re: RegExp): string {
  return text.replace(re, ' ');
}

/**
 * Removes JSX tags with their attributes (`<Figure caption="..." id="x">`, `</Note>`,
 * `<Widget />`), including tags whose attributes span lines or hold `{...}` expressions with
 * strings, braces or `>` inside. The children between an opening and a closing tag stay: they
 * are prose the reader sees. A `<` not followed by a letter or `/` (as in "a < b") is text.
 */
function stripJsxTags(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1] ?? '';
    if (ch !== '<' || !/[A-Za-z/]/.test(next)) {
      out += ch;
      i += 1;
      continue;
    }
    // Scan to the `>` that closes the tag, skipping quoted strings and `{...}` expressions.
    let j = i + 1;
    let depth = 0;
    let quote = '';
    for (; j < text.length; j += 1) {
      const c = text[j];
      if (quote) {
        if (c === '\\') j += 1;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'" || (c === '`' && depth > 0)) {
        quote = c;
      } else if (c === '{') {
        depth += 1;
      } else if (c === '}') {
        depth -= 1;
      } else if (c === '>' && depth === 0) {
        break;
      }
    }
    out += ' ';
    i = j + 1;
  }
  return out;
}

/**
 * The prose of an MDX chapter as plain text: without import and export statements, MDX
 * comments (`{/* ... *\/}`), fenced code blocks, display and inline math (`$$...$$`, `$...$`;
 * an escaped `\$` is a dollar sign and stays), JSX tags and their attributes (figure captions
 * and `ChapterIntro`'s list included), and Markdown punctuation. Inline code keeps its text
 * (`num_words` is a word the reader reads). Exercises and answers are kept.
 */
export function proseText(mdx: string): string {
  let text = mdx.replace(/\r\n?/g, '\n');
  text = blank(text, /^(?:```|~~~)[^\n]*\n[\s\S]*?^(?:```|~~~)[^\n]*$/gm);
  text = blank(text, /\{\/\*[\s\S]*?\*\/\}/g);
  // Top-level ESM: an import/export statement runs until a line ending in `;` or a blank line.
  text = blank(text, /^(?:import|export)\s[\s\S]*?(?:;[ \t]*$|\n\s*\n)/gm);
  // Inline code: keep the words, but not the characters that would read as JSX or math.
  text = text.replace(/`([^`\n]*)`/g, (_, code: string) => ` ${code.replace(/[<>$]/g, ' ')} `);
  text = blank(text, /\$\$[\s\S]*?\$\$/g);
  text = text.replace(/\\\$/g, 'DOLLAR_SIGN');
  text = blank(text, /\$(?!\s)(?:\\.|[^$\n\\])+?\$/g);
  text = text.replace(/DOLLAR_SIGN/g, '$');
  text = stripJsxTags(text);
  // Markdown links keep their text, not their target; bare URLs are not words.
  text = text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  text = blank(text, /https?:\/\/\S+/g);
  return text;
}

/**
 * The words of a text: runs of letters or digits, joined by inner apostrophes, hyphens,
 * periods or commas (`don't`, `state-of-the-art`, `3.5`, `28,854` are one word each). A
 * Korean eojeol is one word; punctuation, table rules and emoji are none.
 */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+(?:['’.,-][\p{L}\p{N}_]+)*/gu) ?? [];
}

/** Number of prose words in an MDX chapter: `words(proseText(mdx)).length`. */
export function proseWordCount(mdx: string): number {
  return words(proseText(mdx)).length;
}

/** One mention of the machine in a chapter's prose. */
export interface MachineTalkHit {
  /** The phrase of {@link MACHINE_TALK} that matched. */
  phrase: string;
  /** 1-based line of the match in the MDX source. */
  line: number;
  /** The matched text as written. */
  text: string;
}

/**
 * Every mention of a {@link MACHINE_TALK} phrase in the MDX source, as a whole word and
 * case-insensitively ("Benchmarks" matches "benchmark"; "benchmarking" does too, as the
 * phrase is a word prefix followed only by letters of an inflection: s, es, ed, ing).
 * The whole source is searched, code and attributes included: a caption or a comment is read
 * by someone too.
 */
export function findMachineTalk(mdx: string, phrases: readonly string[] = MACHINE_TALK) {
  const hits: MachineTalkHit[] = [];
  for (const phrase of phrases) {
    const body = phrase
      .split(/[\s-]+/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s-]+');
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?:s|es|ed|ing)?(?![\\p{L}\\p{N}_])`, 'giu');
    for (const m of mdx.matchAll(re)) {
      const line = mdx.slice(0, m.index).split('\n').length;
      hits.push({ phrase, line, text: m[0] });
    }
  }
  return hits.sort((a, b) => a.line - b.line);
}
