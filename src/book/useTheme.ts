import { useCallback, useEffect, useState } from 'react';
import { otherTheme, parseTheme, resolveTheme, THEME_STORAGE_KEY, type Theme } from './theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function readStored(): string | null {
  try {
    return localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    return null; // storage blocked (privacy mode, sandboxed iframe): follow the system
  }
}

function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

function currentTheme(): Theme {
  return (
    parseTheme(document.documentElement.dataset.theme) ??
    resolveTheme(readStored(), systemPrefersDark())
  );
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/**
 * The active theme and a toggle. Reads the theme set by index.html's inline script, follows
 * system changes while the reader has made no choice, persists an explicit choice in
 * localStorage (silently session-only where storage is blocked) and syncs across tabs.
 *
 * @returns `[theme, toggle]`; `toggle()` switches to the other theme and remembers it.
 */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(currentTheme);

  useEffect(() => {
    apply(theme);
  }, [theme]);

  useEffect(() => {
    const media = typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : undefined;
    const onSystem = (event: MediaQueryListEvent) => {
      if (!parseTheme(readStored())) setTheme(event.matches ? 'dark' : 'light');
    };
    const onStorage = (event: StorageEvent) => {
      if (event.key === THEME_STORAGE_KEY || event.key === null) {
        setTheme(resolveTheme(event.newValue, systemPrefersDark()));
      }
    };
    media?.addEventListener('change', onSystem);
    window.addEventListener('storage', onStorage);
    return () => {
      media?.removeEventListener('change', onSystem);
      window.removeEventListener('storage', onStorage);
    };
  }, []);

  const toggle = useCallback(() => {
    setTheme((previous) => {
      const next = otherTheme(previous);
      try {
        localStorage.setItem(THEME_STORAGE_KEY, next);
      } catch {
        // storage blocked: the choice lasts for this page only
      }
      return next;
    });
  }, []);

  return [theme, toggle];
}
