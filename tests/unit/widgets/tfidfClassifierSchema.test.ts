/**
 * The TF-IDF classifier's URL handling beyond the shared reader: keys with its prefix that name
 * no setting get a message (with the setting they probably meant), and the bad values of its
 * own settings are fixed by the shared validation with a message naming the setting.
 */
import { describe, expect, it } from 'vitest';
import { parseParams } from '../../../src/ui/urlParams';
import {
  TFIDF_CLASSIFIER_PREFIX,
  tfidfClassifierSchema,
  unknownSettingMessages,
} from '../../../src/widgets/tfidf-classifier/schema';

describe('unknownSettingMessages', () => {
  it('names keys with the prefix that are no setting, suggesting the snake_case one', () => {
    expect(unknownSettingMessages('?tc.minDf=-3&tc.lr=0.1&tc.foo=1&other.minDf=2')).toEqual([
      '“tc.minDf” in the link is not a setting of this widget (did you mean tc.min_df?); it was ignored.',
      '“tc.foo” in the link is not a setting of this widget; it was ignored.',
    ]);
    expect(unknownSettingMessages('tc.MaxFeatures=10')[0]).toContain(
      'did you mean tc.max_features?',
    );
  });

  it('says nothing for known keys, other prefixes or an empty query', () => {
    const all = Object.keys(tfidfClassifierSchema)
      .map((k) => `${TFIDF_CLASSIFIER_PREFIX}${k}=1`)
      .join('&');
    expect(unknownSettingMessages(`?${all}&backend=wasm&nlm.lr=3`)).toEqual([]);
    expect(unknownSettingMessages('')).toEqual([]);
  });

  it('shortens a very long key and reports a repeated key once', () => {
    const long = `tc.${'x'.repeat(5000)}`;
    const [m, ...rest] = unknownSettingMessages(`?${long}=1&${long}=2`);
    expect(rest).toEqual([]);
    expect(m.length).toBeLessThan(120);
  });
});

describe('bad URL values of the TF-IDF classifier settings', () => {
  const parse = (q: string) =>
    parseParams(tfidfClassifierSchema, new URLSearchParams(q), TFIDF_CLASSIFIER_PREFIX);

  it('fixes each one with a message naming the setting', () => {
    const p = parse('tc.lr=abc&tc.min_df=-3&tc.task=foo&tc.max_features=1e9&tc.epochs=2.5');
    expect(p.values.lr).toBe(tfidfClassifierSchema.lr.default);
    expect(p.values.min_df).toBe(1);
    expect(p.values.task).toBe('spam');
    expect(p.values.max_features).toBe(20000);
    expect(p.values.epochs).toBe(3);
    expect(p.messages).toHaveLength(5);
    expect(p.messages.join(' ')).toMatch(/Learning rate.*not a number/);
    expect(p.messages.join(' ')).toMatch(/min_df\) -3 is below the minimum 1/);
    expect(parse('tc.lr=1e9').values.lr).toBe(100);
  });
});
