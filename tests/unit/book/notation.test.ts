/**
 * The notation page's table (src/book/notation.ts) against the one table it is generated from:
 * "Notation (the whole book)" in ../shared/WRITING.md, which sits beside the repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../../src/book/chapters';
import { NOTATION, NOTATION_CONVENTIONS } from '../../../src/book/notation';

const WRITING = join(__dirname, '../../../../shared/WRITING.md');

/** Splits a Markdown table row into cells (untrimmed); a `|` inside backticks is not a separator. */
function rawCells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  let code = false;
  for (const ch of row.trim().replace(/^\|/, '').replace(/\|$/, '')) {
    if (ch === '`') code = !code;
    if (ch === '|' && !code) {
      out.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  out.push(cell);
  return out;
}

/** The trimmed cells of a Markdown table row. */
const cells = (row: string) => rawCells(row).map((c) => c.trim());

/** The rows of the first table after the heading `## Notation...`, header and rule removed. */
function notationTable(markdown: string): { symbol: string; meaning: string }[] {
  const lines = markdown.split('\n');
  const heading = lines.findIndex((l) => /^##\s+Notation/.test(l));
  if (heading < 0) throw new Error('WRITING.md has no "## Notation" heading');
  const first = lines.findIndex((l, i) => i > heading && l.trim().startsWith('|'));
  const rows: string[] = [];
  for (let i = first; i < lines.length && lines[i].trim().startsWith('|'); i += 1) {
    rows.push(lines[i]);
  }
  const body = rows.slice(2); // header, then the |---| rule
  return body.map((row) => {
    const c = rawCells(row);
    if (c.length < 2) throw new Error(`expected 2 cells, got ${c.length}: ${row}`);
    // WRITING.md writes R^{|V| x d} with bare pipes in a cell: the meaning is all after the first.
    return { symbol: c[0].trim(), meaning: c.slice(1).join('|').trim() };
  });
}

/** The math of a display string: what lies between `$` signs. */
const mathOf = (s: string) => [...s.matchAll(/\$([^$]+)\$/g)].map((m) => m[1]);

describe('notation table', () => {
  it('parses a row with a pipe inside backticks', () => {
    expect(cells('| `V`, `|V|` | vocabulary and its size |')).toEqual([
      '`V`, `|V|`',
      'vocabulary and its size',
    ]);
  });

  it('has one entry per row of WRITING.md, in order, with the same text', () => {
    const table = notationTable(readFileSync(WRITING, 'utf8'));
    expect(table.length).toBeGreaterThan(5);
    expect(NOTATION.map((e) => e.source)).toEqual(table);
  });

  it('renders every symbol and every formula with KaTeX', () => {
    const tex = [
      ...NOTATION.flatMap((e) => [...e.symbols, ...mathOf(e.meaning)]),
      ...NOTATION_CONVENTIONS.flatMap(mathOf),
    ];
    for (const t of tex) {
      expect(() => katex.renderToString(t, { throwOnError: true }), t).not.toThrow();
    }
    for (const e of NOTATION) expect(e.meaning.split('$').length % 2, e.meaning).toBe(1);
  });

  it('names only chapters of the book, in order', () => {
    const numbers = new Set(CHAPTERS.map((c) => c.number));
    for (const e of NOTATION) {
      expect(e.chapters.length, e.meaning).toBeGreaterThan(0);
      for (const n of e.chapters) expect(numbers.has(n), `chapter ${n}`).toBe(true);
      expect([...e.chapters].sort((a, b) => a - b)).toEqual(e.chapters);
    }
  });
});
