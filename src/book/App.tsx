import { lazy, Suspense, useLayoutEffect } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router-dom';
import './styles/theme.css';
import './styles/base.css';
import './styles/shell.css';
import { ChapterRoute } from './ChapterRoute';
import { HomePage } from './HomePage';
import { routerBasename } from './navigation';
import { NotFoundPage } from './NotFoundPage';
import { LoadingState } from './LoadingState';

/** The notation page brings KaTeX, so it loads on its first visit. */
const NotationPage = lazy(() => import('./NotationPage'));

/** Scrolls to the top when the path changes without a hash (pages scroll to hashes themselves). */
function ScrollToTopOnNavigate() {
  const { pathname, hash } = useLocation();
  useLayoutEffect(() => {
    if (!hash) window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    // Only a new path should reset the scroll; a hash change is handled by the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathname]);
  return null;
}

/**
 * The whole book: `/` home, `/chapters/:slug` a chapter (or its coming-soon page), `/notation`
 * the notation page, anything else the not-found page.
 */
export function App() {
  return (
    <BrowserRouter basename={routerBasename(import.meta.env.BASE_URL)}>
      <ScrollToTopOnNavigate />
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/chapters/:slug" element={<ChapterRoute />} />
        <Route
          path="/notation"
          element={
            <Suspense fallback={<LoadingState label="Loading the notation…" />}>
              <NotationPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </BrowserRouter>
  );
}
