import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  PRESENT_PARAM,
  isLeaveKey,
  presentedWidgetId,
  searchWithoutPresent,
} from '../../../src/ui/present';
import { shortcutFor } from '../../../src/ui/shortcuts';
import { WidgetFrame } from '../../../src/ui/WidgetFrame';

describe('?present= parameter', () => {
  it('reads the widget id, trimmed, from a search string or URLSearchParams', () => {
    expect(presentedWidgetId('?present=char-rnn')).toBe('char-rnn');
    expect(presentedWidgetId('?lr=0.1&present=%20sentiment-classifier%20&x=2')).toBe(
      'sentiment-classifier',
    );
    expect(presentedWidgetId(new URLSearchParams({ [PRESENT_PARAM]: 'ngram-explorer' }))).toBe(
      'ngram-explorer',
    );
  });

  it('is null when absent or empty', () => {
    expect(presentedWidgetId('')).toBeNull();
    expect(presentedWidgetId('?presentation=x')).toBeNull();
    expect(presentedWidgetId('?present=')).toBeNull();
    expect(presentedWidgetId('?present=%20')).toBeNull();
  });

  it('is removed on leave with every other parameter kept in order', () => {
    expect(searchWithoutPresent('?cr.lr=0.01&present=char-rnn&sc.epochs=4')).toBe(
      '?cr.lr=0.01&sc.epochs=4',
    );
    expect(searchWithoutPresent('?present=char-rnn')).toBe('');
    expect(searchWithoutPresent('?present=a&k=v&present=b')).toBe('?k=v');
    // Other widgets' values survive the round trip, including repeated keys and escapes.
    expect(searchWithoutPresent('?q=a+b%26c&tag=1&tag=2&present=x')).toBe('?q=a+b%26c&tag=1&tag=2');
  });

  it('leaves a search without the parameter exactly as it was', () => {
    expect(searchWithoutPresent('?b=2&a=1')).toBe('?b=2&a=1');
    expect(searchWithoutPresent('')).toBe('');
    expect(searchWithoutPresent('?')).toBe('');
  });
});

describe('Present mode keys', () => {
  const ev = (key: string, targetTag = 'SECTION', extra = {}) => ({ key, targetTag, ...extra });

  it('P enters or leaves on the frame, a button, a slider or a checkbox', () => {
    expect(shortcutFor(ev('p'))).toBe('present');
    expect(shortcutFor(ev('P', 'BUTTON'))).toBe('present');
    expect(shortcutFor(ev('p', 'INPUT', { targetType: 'range' }))).toBe('present');
    expect(shortcutFor(ev('p', 'INPUT', { targetType: 'checkbox' }))).toBe('present');
  });

  it('P is typed, not a shortcut, in text fields and with Ctrl/Meta/Alt (Ctrl+P prints)', () => {
    expect(shortcutFor(ev('p', 'INPUT', { targetType: 'text' }))).toBeNull();
    expect(shortcutFor(ev('p', 'INPUT', { targetType: 'search' }))).toBeNull();
    expect(shortcutFor(ev('p', 'INPUT'))).toBeNull();
    expect(shortcutFor(ev('p', 'TEXTAREA'))).toBeNull();
    expect(shortcutFor(ev('P', 'DIV', { targetEditable: true }))).toBeNull();
    expect(shortcutFor(ev('p', 'SECTION', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(ev('p', 'SECTION', { metaKey: true }))).toBeNull();
  });

  it('Escape leaves unless a control handled it or a modifier is held', () => {
    expect(isLeaveKey({ key: 'Escape' })).toBe(true);
    expect(isLeaveKey({ key: 'Esc' })).toBe(true);
    expect(isLeaveKey({ key: 'Escape', defaultPrevented: true })).toBe(false);
    expect(isLeaveKey({ key: 'Escape', ctrlKey: true })).toBe(false);
    expect(isLeaveKey({ key: 'p' })).toBe(false);
  });
});

describe('WidgetFrame Present button', () => {
  const html = renderToString(h(WidgetFrame, { id: 'demo', title: 'Demo', children: 'body' }));

  it('has a Present button with its shortcut, and P in the hint, on every frame', () => {
    const button = /<button\b[^>]*class="[^"]*ui-present-button[^"]*"[^>]*>([^<]*)</.exec(html);
    expect(button?.[0]).toContain('aria-keyshortcuts="P"');
    expect(button?.[1]).toBe('Present');
    expect(html).toContain('P present');
  });

  it('is not presented before any action (no data-present, no overlay hint)', () => {
    expect(html).not.toContain('data-present=');
    expect(html).not.toContain('ui-present-hint');
  });
});
