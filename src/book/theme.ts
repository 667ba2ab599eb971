/**
 * Theme choice: light or dark, following the system (prefers-color-scheme) until the reader
 * picks one, which then persists in localStorage under {@link THEME_STORAGE_KEY}.
 *
 * index.html repeats {@link resolveTheme}'s rule in a tiny inline script so that data-theme is
 * set before first paint (no flash); keep the two in step. Pure functions, unit-tested.
 */

/** The two themes; `document.documentElement.dataset.theme` holds one of them. */
export type Theme = 'light' | 'dark';

/** localStorage key of the reader's explicit choice (absent: follow the system). */
export const THEME_STORAGE_KEY = 'nlp-live-theme';

/** `value` as a Theme, or `undefined` if it is anything else (missing, corrupted, old). */
export function parseTheme(value: unknown): Theme | undefined {
  return value === 'light' || value === 'dark' ? value : undefined;
}

/**
 * The theme to show: the stored choice if valid, else the system preference.
 *
 * @param stored - raw localStorage value (may be null or garbage).
 * @param systemPrefersDark - `matchMedia('(prefers-color-scheme: dark)').matches`.
 */
export function resolveTheme(stored: unknown, systemPrefersDark: boolean): Theme {
  return parseTheme(stored) ?? (systemPrefersDark ? 'dark' : 'light');
}

/** The other theme. */
export function otherTheme(theme: Theme): Theme {
  return theme === 'dark' ? 'light' : 'dark';
}
