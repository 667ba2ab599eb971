import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Custom properties of the theme contract, which both themes must define. */
const CONTRACT = [
  '--color-bg',
  '--color-surface',
  '--color-surface-2',
  '--color-fg',
  '--color-muted',
  '--color-border',
  '--color-accent',
  '--color-accent-fg',
  '--color-danger',
  '--color-warning',
  '--color-ok',
  '--series-1',
  '--series-2',
  '--series-3',
  '--series-4',
  '--series-5',
  '--series-6',
  '--font-body',
  '--font-mono',
  '--radius',
  '--focus-ring',
];
const COLOURS_PER_THEME = CONTRACT.filter(
  (n) => n.startsWith('--color-') || n.startsWith('--series-'),
);

const css = readFileSync(join(__dirname, '../../../src/book/styles/theme.css'), 'utf8');

/** The declarations of the first rule whose selector is exactly `selector`. */
function block(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`theme.css has no ${selector} rule`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  const vars = new Map<string, string>();
  for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars.set(m[1], m[2].trim());
  return vars;
}

/** WCAG 2.1 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const light = block(':root');
const dark = block("[data-theme='dark']");

describe('theme contract', () => {
  it('defines every contract variable on :root and every colour again for dark', () => {
    for (const name of CONTRACT) expect(light.has(name), name).toBe(true);
    for (const name of COLOURS_PER_THEME) expect(dark.has(name), `dark ${name}`).toBe(true);
  });

  it('checks the contrast function against known WCAG values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  for (const [name, theme] of [
    ['light', light],
    ['dark', { get: (k: string) => dark.get(k) ?? light.get(k) }],
  ] as const) {
    const backgrounds = ['--color-bg', '--color-surface', '--color-surface-2'];
    it(`${name}: text colours reach WCAG AA (4.5:1) on every background`, () => {
      for (const text of [
        '--color-fg',
        '--color-muted',
        '--color-accent',
        '--color-danger',
        '--color-warning',
        '--color-ok',
      ]) {
        for (const bg of backgrounds) {
          const ratio = contrast(theme.get(text)!, theme.get(bg)!);
          expect(ratio, `${text} on ${bg}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
        }
      }
      const onAccent = contrast(theme.get('--color-accent-fg')!, theme.get('--color-accent')!);
      expect(onAccent, 'accent-fg on accent').toBeGreaterThanOrEqual(4.5);
    });

    it(`${name}: chart series reach 3:1 (non-text) on every background`, () => {
      for (let i = 1; i <= 6; i++) {
        for (const bg of backgrounds) {
          const ratio = contrast(theme.get(`--series-${i}`)!, theme.get(bg)!);
          expect(ratio, `--series-${i} on ${bg}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(3);
        }
      }
    });
  }
});

const presentLight = block('[data-present]');
const presentDark = block("[data-theme='dark'] [data-present]");

describe('Present mode palette (high contrast)', () => {
  const backgrounds = ['--color-bg', '--color-surface', '--color-surface-2'];
  for (const [name, theme] of [
    ['light', presentLight],
    ['dark', presentDark],
  ] as const) {
    it(`${name}: redefines every colour of the contract`, () => {
      for (const c of COLOURS_PER_THEME) expect(theme.has(c), `${name} present ${c}`).toBe(true);
    });

    it(`${name}: text colours reach WCAG AAA (7:1) on every background`, () => {
      for (const text of [
        '--color-fg',
        '--color-muted',
        '--color-accent',
        '--color-danger',
        '--color-warning',
        '--color-ok',
      ]) {
        for (const bg of backgrounds) {
          const ratio = contrast(theme.get(text)!, theme.get(bg)!);
          expect(ratio, `${text} on ${bg}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(7);
        }
      }
      const onAccent = contrast(theme.get('--color-accent-fg')!, theme.get('--color-accent')!);
      expect(onAccent, 'accent-fg on accent').toBeGreaterThanOrEqual(7);
    });

    it(`${name}: chart series reach 4.5:1 on every background and borders 3:1`, () => {
      for (let i = 1; i <= 6; i++) {
        for (const bg of backgrounds) {
          const ratio = contrast(theme.get(`--series-${i}`)!, theme.get(bg)!);
          expect(ratio, `--series-${i} on ${bg}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
        }
      }
      for (const bg of backgrounds) {
        const ratio = contrast(theme.get('--color-border')!, theme.get(bg)!);
        expect(ratio, `--color-border on ${bg}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(3);
      }
    });
  }

  it('is higher contrast than the page palette it replaces', () => {
    for (const [page, present] of [
      [light, presentLight],
      [{ get: (k: string) => dark.get(k) ?? light.get(k) }, presentDark],
    ] as const) {
      for (const c of ['--color-fg', '--color-muted', '--series-1', '--series-2']) {
        const before = contrast(page.get(c)!, page.get('--color-surface')!);
        const after = contrast(present.get(c)!, present.get('--color-surface')!);
        expect(after, c).toBeGreaterThan(before);
      }
    }
  });
});
