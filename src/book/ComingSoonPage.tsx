import { Link } from 'react-router-dom';
import { BookContents } from './BookContents';
import { chapterPath, READY_CHAPTERS, type ChapterInfo } from './chapters';
import { PARTS } from './chapters';
import { MAIN_ID, PageShell } from './PageShell';
import { useDocumentTitle } from './useDocumentTitle';

/**
 * The page of a chapter whose status is `coming`: its number, title, part and summary, a
 * "coming soon" notice, a link to the first readable chapter, and the whole table of contents.
 */
export function ComingSoonPage({ chapter }: { chapter: ChapterInfo }) {
  useDocumentTitle(`${chapter.title} (coming soon)`);
  const start = READY_CHAPTERS[0];
  return (
    <PageShell>
      <main id={MAIN_ID} className="simple-page" tabIndex={-1}>
        <p className="eyebrow">
          Part {chapter.part} · {PARTS[chapter.part] ?? ''} · Chapter {chapter.number}
        </p>
        <h1>
          {chapter.title} <span className="badge badge--coming">coming soon</span>
        </h1>
        <p className="lead">{chapter.summary}</p>
        <p>
          This chapter is being written and will appear here when it is ready.
          {start ? (
            <>
              {' '}
              Meanwhile, start with{' '}
              <Link to={`/${chapterPath(start.slug)}`}>
                Chapter {start.number}: {start.title}
              </Link>
              .
            </>
          ) : null}
        </p>
        <section aria-labelledby="all-chapters">
          <h2 id="all-chapters">All chapters</h2>
          <BookContents variant="full" currentSlug={chapter.slug} partHeading="h3" />
        </section>
      </main>
    </PageShell>
  );
}
