import { Link, useLocation } from 'react-router-dom';
import { BookContents } from './BookContents';
import { chapterPath } from './chapters';
import { suggestChapters } from './navigation';
import { MAIN_ID, PageShell } from './PageShell';
import { useDocumentTitle } from './useDocumentTitle';

/**
 * The not-found page: names the missing path, suggests chapters with a similar slug or title
 * ("did you mean"), and lists the whole book.
 */
export function NotFoundPage() {
  useDocumentTitle('Page not found');
  const { pathname } = useLocation();
  const suggestions = suggestChapters(pathname);
  return (
    <PageShell>
      <main id={MAIN_ID} className="simple-page" tabIndex={-1}>
        <h1>Page not found</h1>
        <p className="lead">
          There is no page at <code className="path">{pathname}</code>. The link may be mistyped or
          out of date.
        </p>
        {suggestions.length > 0 ? (
          <>
            <p>Did you mean:</p>
            <ul>
              {suggestions.map((c) => (
                <li key={c.slug}>
                  <Link to={`/${chapterPath(c.slug)}`}>
                    Chapter {c.number}: {c.title}
                  </Link>
                  {c.status === 'coming' ? ' (coming soon)' : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <Link to="/">Go to the home page</Link>, or pick a chapter:
        </p>
        <section aria-label="All chapters">
          <BookContents variant="compact" partHeading="h2" />
        </section>
      </main>
    </PageShell>
  );
}
