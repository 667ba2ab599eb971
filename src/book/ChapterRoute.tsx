import { lazy, Suspense } from 'react';
import { useParams } from 'react-router-dom';
import { ComingSoonPage } from './ComingSoonPage';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LoadingState } from './LoadingState';
import { findChapter } from './navigation';
import { NotFoundPage } from './NotFoundPage';
import { MAIN_ID, PageShell } from './PageShell';

/** The chapter page chunk (KaTeX CSS, MDX registry, layout): fetched on the first chapter visit. */
const ChapterPage = lazy(() => import('./ChapterPage'));

/**
 * Route element of `/chapters/:slug`: an unknown slug gets the not-found page, a `coming`
 * chapter its coming-soon page, a `ready` one the (lazily loaded) chapter page.
 */
export function ChapterRoute() {
  const { slug } = useParams();
  const chapter = findChapter(slug);
  if (!chapter) return <NotFoundPage />;
  if (chapter.status === 'coming') return <ComingSoonPage chapter={chapter} />;
  const fallback = (
    <PageShell>
      <main id={MAIN_ID} className="simple-page" tabIndex={-1}>
        <p className="eyebrow">Chapter {chapter.number}</p>
        <h1>{chapter.title}</h1>
        <LoadingState />
      </main>
    </PageShell>
  );
  return (
    <ErrorBoundary key={chapter.slug} what="this chapter">
      <Suspense fallback={fallback}>
        <ChapterPage key={chapter.slug} chapter={chapter} />
      </Suspense>
    </ErrorBoundary>
  );
}
