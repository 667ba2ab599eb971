import { useTheme } from './useTheme';

/**
 * The light/dark switch in the header: a `role="switch"` button labelled "Dark theme",
 * checked when the dark theme is on. The choice persists (see `useTheme`).
 */
export function ThemeSwitch() {
  const [theme, toggle] = useTheme();
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      className="theme-switch"
      role="switch"
      aria-checked={dark}
      onClick={toggle}
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
    >
      <span className="theme-switch__track" aria-hidden="true">
        <span className="theme-switch__thumb">{dark ? '☾' : '☀'}</span>
      </span>
      <span className="theme-switch__label">Dark theme</span>
    </button>
  );
}
