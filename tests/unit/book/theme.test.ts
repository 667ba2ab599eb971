import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { otherTheme, parseTheme, resolveTheme, THEME_STORAGE_KEY } from '../../../src/book/theme';

const root = join(__dirname, '../../..');

describe('resolveTheme', () => {
  it('prefers a valid stored choice, else follows the system', () => {
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme(null, true)).toBe('dark');
    expect(resolveTheme('purple', false)).toBe('light');
    expect(parseTheme(42)).toBeUndefined();
    expect(otherTheme('light')).toBe('dark');
  });
});

/** Runs index.html's inline theme script against fake storage and media queries. */
function runInlineScript(stored: string | null, prefersDark: boolean, storageThrows = false) {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const match = /<script>([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('index.html has no inline theme script');
  const documentElement = { dataset: {} as Record<string, string> };
  const localStorage = {
    getItem(key: string) {
      if (storageThrows) throw new Error('SecurityError');
      return key === THEME_STORAGE_KEY ? stored : null;
    },
  };
  const window = {
    matchMedia: (query: string) => ({
      matches: query === '(prefers-color-scheme: dark)' && prefersDark,
    }),
  };
  runInNewContext(match[1], { document: { documentElement }, localStorage, window });
  return documentElement.dataset.theme;
}

describe('index.html inline theme script', () => {
  it('sets data-theme before first paint with the same rule as resolveTheme', () => {
    for (const stored of [null, 'light', 'dark', 'garbage']) {
      for (const prefersDark of [false, true]) {
        expect(runInlineScript(stored, prefersDark)).toBe(resolveTheme(stored, prefersDark));
      }
    }
  });

  it('falls back to the system preference when storage is blocked', () => {
    expect(runInlineScript('light', true, true)).toBe('dark');
    expect(runInlineScript('dark', false, true)).toBe('light');
  });
});
