/**
 * The chapter page: loaded lazily (its own chunk, with KaTeX's CSS and the chapter styles),
 * so the home page downloads none of it. Renders the chapter's MDX with the component
 * registry, reads the rendered h2/h3 headings into the sidebar outline, highlights the
 * section being read, scrolls to the URL hash once the chapter is in the DOM, and puts
 * previous/next links at the bottom.
 */
import 'katex/dist/katex.min.css';
import './styles/chapter.css';
import './styles/mdx.css';
// Print rules load with the chapter (a chapter is what prints), keeping KaTeX's names out of the
// home page's stylesheet.
import './styles/print.css';
import type { MDXComponents } from 'mdx/types';
import {
  lazy,
  memo,
  Suspense,
  type ComponentType,
  type ReactNode,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { CHAPTER_LOADERS, type ChapterComponent } from './chapterLoaders';
import { PARTS, type ChapterInfo } from './chapters';
import { ChapterSidebar } from './ChapterSidebar';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LoadingState } from './LoadingState';
import { mdxComponents, numberChapter } from './mdxComponents';
import { MAIN_ID, PageShell } from './PageShell';
import { PrevNext } from './PrevNext';
import { readHeadings } from './readHeadings';
import { buildToc, tocIds, type TocEntry } from './toc';
import { useActiveHeading } from './useActiveHeading';
import { useDocumentTitle } from './useDocumentTitle';
import { useScrollToHash } from './useScrollToHash';
import { useScrollableMath } from './useScrollableMath';

const SIDEBAR_ID = 'chapter-sidebar';

/**
 * A chapter component whose figures and exercises are numbered. The compiled MDX content is a
 * plain, hook-free function of its props (MDX 3 without a provider or wrapper), so calling it
 * gives the chapter's element tree, which `numberChapter` numbers before React renders it.
 *
 * Memoised (it has no props): a change of the URL's query, which widgets write as the reader
 * moves a control, re-renders the page around it but not the chapter's thousands of elements
 * (measured in chapter 5: about 400 ms of script per URL update before, on a loaded machine).
 */
function numbered(Mdx: ChapterComponent): ComponentType {
  const render = Mdx as (props: { components?: MDXComponents }) => ReactNode;
  function NumberedChapter() {
    return <>{numberChapter(render({ components: mdxComponents }))}</>;
  }
  return memo(NumberedChapter);
}

/** One `React.lazy` per chapter, created once at module load (no chapter code loads until one renders). */
const LAZY_CHAPTERS: Readonly<Record<string, ComponentType>> = Object.fromEntries(
  Object.entries(CHAPTER_LOADERS).map(([slug, loader]) => [
    slug,
    lazy(async () => ({ default: numbered((await loader()).default) })),
  ]),
);

/** Renders nothing; tells the page, after commit, that the lazy content above it is in the DOM. */
function Rendered({ onRendered }: { onRendered: () => void }) {
  useEffect(() => {
    onRendered();
  }, [onRendered]);
  return null;
}

/** The phone-only "Contents" disclosure button that opens the sidebar panel. */
function ContentsButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="contents-button"
      aria-expanded={open}
      aria-controls={SIDEBAR_ID}
      onClick={onToggle}
    >
      <span aria-hidden="true">☰</span> <span className="contents-button__label">Contents</span>
    </button>
  );
}

/** Props of {@link ChapterPage}. */
export interface ChapterPageProps {
  /** A chapter whose status is `ready` and that has an entry in `CHAPTER_LOADERS`. */
  chapter: ChapterInfo;
}

/**
 * A readable chapter. Expects to be keyed by slug by its parent, so that all state (outline,
 * rendered flag, open panel) starts fresh for each chapter.
 */
export default function ChapterPage({ chapter }: ChapterPageProps) {
  useDocumentTitle(chapter.title);
  const articleRef = useRef<HTMLElement>(null);
  const [rendered, setRendered] = useState(false);
  const [toc, setToc] = useState<TocEntry[]>([]);
  const [open, setOpen] = useState(false);
  const activeId = useActiveHeading(tocIds(toc));
  const Content = Object.hasOwn(LAZY_CHAPTERS, chapter.slug)
    ? LAZY_CHAPTERS[chapter.slug]
    : undefined;

  const onRendered = useCallback(() => setRendered(true), []);

  useEffect(() => {
    if (rendered && articleRef.current) setToc(buildToc(readHeadings(articleRef.current)));
  }, [rendered]);

  useScrollToHash(rendered);
  useScrollableMath(articleRef, rendered);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        document.querySelector<HTMLElement>('.contents-button')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <PageShell headerExtra={<ContentsButton open={open} onToggle={() => setOpen((o) => !o)} />}>
      <div className="chapter-layout">
        <ChapterSidebar
          id={SIDEBAR_ID}
          slug={chapter.slug}
          toc={toc}
          activeId={activeId}
          open={open}
          onNavigate={() => setOpen(false)}
        />
        <main id={MAIN_ID} className="chapter-main" tabIndex={-1}>
          <article className="prose chapter-body" ref={articleRef}>
            <p className="eyebrow">
              Part {chapter.part} · {PARTS[chapter.part] ?? ''} · Chapter {chapter.number}
            </p>
            {Content ? (
              <ErrorBoundary what="this chapter">
                <Suspense fallback={<LoadingState />}>
                  <Content />
                  <Rendered onRendered={onRendered} />
                </Suspense>
              </ErrorBoundary>
            ) : (
              <div className="load-error" role="alert">
                <p className="load-error__title">This chapter has no page yet.</p>
                <p>
                  Its entry in <code>chapters.ts</code> is marked ready, but no loader is registered
                  in <code>chapterLoaders.ts</code>.
                </p>
              </div>
            )}
          </article>
          <PrevNext slug={chapter.slug} />
        </main>
      </div>
    </PageShell>
  );
}
