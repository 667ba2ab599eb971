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
 * Attributes whose values the reader sees as text: figure captions, exercise and note titles,
 * alt text, and `ChapterIntro`'s `learn` list. Their strings (and the text of JSX fragments
 * inside them, as in `caption={<>... <em>whale</em> ...</>}`) count as prose; every other
 * attribute (`id`, `className`, `widget`, `set`, ...) is machinery.
 */
export const PROSE_ATTRIBUTES: readonly string[] = ['caption', 'title', 'alt', 'learn', 'summary'];

/** The end (exclusive) of a `{...}` expression or quoted string starting at `start`. */
function scanValue(text: string, start: number): number {
  const open = text[start];
  if (open === '"' || open === "'") {
    let j = start + 1;
    while (j < text.length && text[j] !== open) j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  let depth = 0;
  let quote = '';
  for (let j = start; j < text.length; j += 1) {
    const c = text[j];
    if (quote) {
      if (c === '\\') j += 1;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '{') {
      depth += 1;
    } else if (c === '}') {
      depth -= 1;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

/**
 * The reader-visible text of an attribute's value: a quoted string's content, or, for a `{...}`
 * expression, its string literals and JSX text (tags stripped, JS punctuation dropped).
 */
function attributeText(value: string): string {
  if (value.startsWith('"') || value.startsWith("'")) return value.slice(1, -1);
  const inner = value.slice(1, -1);
  // Inside an expression: JSX fragments keep their text; string literals keep their content.
  return stripJsxTags(inner).replace(
    /[[\]{}()]|(?<![\p{L}\p{N}])['"`]|['"`](?![\p{L}\p{N}])/gu,
    ' ',
  );
}

/**
 * Removes JSX tags and keeps what the reader sees of them: the text of the attributes named in
 * {@link PROSE_ATTRIBUTES} (`<Figure caption="..." id="x">` keeps the caption), nothing of the
 * others. Tags whose attributes span lines or hold `{...}` expressions with strings, braces or
 * `>` inside are handled. The children between an opening and a closing tag stay: they are
 * prose the reader sees. A `<` not followed by a letter or `/` (as in "a < b") is text.
 */
function stripJsxTags(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1] ?? '';
    if (ch !== '<' || !/[A-Za-z/>]/.test(next)) {
      out += ch;
      i += 1;
      continue;
    }
    // Walk the tag: its name, then `name=value` attributes, to the `>` that closes it.
    let j = i + 1;
    const kept: string[] = [];
    while (j < text.length && text[j] !== '>') {
      const attr = /^([A-Za-z_][\w:-]*)\s*=\s*/.exec(text.slice(j, j + 200));
      if (attr) {
        const valueStart = j + attr[0].length;
        const valueEnd = scanValue(text, valueStart);
        if (PROSE_ATTRIBUTES.includes(attr[1])) {
          kept.push(attributeText(text.slice(valueStart, valueEnd)));
        }
        j = valueEnd;
      } else if (text[j] === '{') {
        j = scanValue(text, j); // a spread `{...props}`
      } else {
        j += 1;
      }
    }
    out += ` ${kept.join(' ')} `;
    i = j + 1;
  }
  return out;
}

/**
 * Math as the reader meets it: one placeholder word (`MATH`) for each whitespace-separated
 * token of the TeX source, at least one per formula. A display formula of twenty symbols is not
 * twenty words of prose, but it is read, and it takes the place of words on the page; counting
 * its tokens keeps the length limit honest (WRITING.md's range is a reading-time budget).
 */
function mathWords(tex: string): string {
  const n = Math.max(1, tex.trim().split(/\s+/).filter(Boolean).length);
  return ` ${Array.from({ length: n }, () => 'MATH').join(' ')} `;
}

/**
 * The prose of an MDX chapter as plain text: without import and export statements, MDX
 * comments (`{/* ... *\/}`), fenced code blocks, JSX tags and their machinery attributes, and
 * Markdown punctuation. Math (`$$...$$`, `$...$`; an escaped `\$` is a dollar sign) becomes
 * one `MATH` word per TeX token. Captions, titles, alt text and the chapter's "you will learn"
 * list are kept, as are exercises, answers, references, the glossary and "Going further"
 * boxes: everything on the page a reader reads. Inline code keeps its text (`num_words` is a
 * word the reader reads).
 */
export function proseText(mdx: string): string {
  let text = mdx.replace(/\r\n?/g, '\n');
  text = blank(text, /^(?:```|~~~)[^\n]*\n[\s\S]*?^(?:```|~~~)[^\n]*$/gm);
  text = blank(text, /\{\/\*[\s\S]*?\*\/\}/g);
  // Top-level ESM: an import/export statement runs until a line ending in `;` or a blank line.
  text = blank(text, /^(?:import|export)\s[\s\S]*?(?:;[ \t]*$|\n\s*\n)/gm);
  // Inline code: keep the words, but not the characters that would read as JSX or math.
  text = text.replace(/`([^`\n]*)`/g, (_, code: string) => ` ${code.replace(/[<>$]/g, ' ')} `);
  text = text.replace(/\$\$([\s\S]*?)\$\$/g, (_, tex: string) => mathWords(tex));
  text = text.replace(/\\\$/g, 'DOLLAR_SIGN');
  text = text.replace(/\$(?!\s)((?:\\.|[^$\n\\])+?)\$/g, (_, tex: string) => mathWords(tex));
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
