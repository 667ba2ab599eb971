import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { BOOK_TITLE } from './navigation';
import { SearchBox } from './search/SearchBox';
import { ThemeSwitch } from './ThemeSwitch';

/** Props of {@link PageShell}. */
export interface PageShellProps {
  /** Extra header controls placed before the theme switch (e.g. the phone "Contents" button). */
  headerExtra?: ReactNode;
  /** Page body; must contain exactly one `<main id="main">` (see {@link MAIN_ID}). */
  children: ReactNode;
}

/** Id of every page's `<main>`: the skip link's target. */
export const MAIN_ID = 'main';

/**
 * The frame of every page: skip link, sticky header (site title linking home, the search
 * box, extra controls, theme switch), the page body, and the footer with the data credits link.
 */
export function PageShell({ headerExtra, children }: PageShellProps) {
  return (
    <div className="page">
      <a className="skip-link" href={`#${MAIN_ID}`}>
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link className="site-title" to="/">
            {BOOK_TITLE}
          </Link>
          <div className="site-header__tools">
            <SearchBox />
            {headerExtra}
            <ThemeSwitch />
          </div>
        </div>
      </header>
      {children}
      <footer className="site-footer">
        <p>
          {BOOK_TITLE}: an interactive NLP textbook. Code MIT-licensed.{' '}
          <Link to={{ pathname: '/', hash: '#credits' }}>Datasets and licences</Link>
        </p>
      </footer>
    </div>
  );
}
