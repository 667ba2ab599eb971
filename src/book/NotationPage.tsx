import katex from 'katex';
import 'katex/dist/katex.min.css';
import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import { CHAPTERS, chapterPath } from './chapters';
import { NOTATION, NOTATION_CONVENTIONS } from './notation';
import { MAIN_ID, PageShell } from './PageShell';
import { useDocumentTitle } from './useDocumentTitle';
import './styles/notation.css';

/** Inline KaTeX for a TeX string (trusted: it comes from notation.ts, not from the reader). */
function Tex({ tex }: { tex: string }) {
  const html = katex.renderToString(tex, { throwOnError: false, output: 'htmlAndMathml' });
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Text with inline math between `$` signs: odd pieces are TeX. */
function WithMath({ text }: { text: string }) {
  return (
    <>
      {text
        .split('$')
        .map((piece, i) =>
          i % 2 === 1 ? <Tex key={i} tex={piece} /> : <Fragment key={i}>{piece}</Fragment>,
        )}
    </>
  );
}

function ChapterLinks({ numbers }: { numbers: readonly number[] }) {
  return (
    <>
      {numbers.map((n, i) => {
        const chapter = CHAPTERS.find((c) => c.number === n);
        const sep = i > 0 ? ', ' : '';
        if (!chapter || chapter.status !== 'ready')
          return <Fragment key={n}>{`${sep}${n}`}</Fragment>;
        return (
          <Fragment key={n}>
            {sep}
            <Link to={`/${chapterPath(chapter.slug)}`} title={chapter.title}>
              {n}
            </Link>
          </Fragment>
        );
      })}
    </>
  );
}

/**
 * The notation page (`/notation`): the conventions and the symbol table of `notation.ts`, one
 * row per symbol group, with links to the chapters that use it. Loaded lazily (it brings KaTeX).
 */
export default function NotationPage() {
  useDocumentTitle('Notation');
  return (
    <PageShell>
      <main id={MAIN_ID} className="simple-page notation-page" tabIndex={-1}>
        <h1>Notation</h1>
        <p className="lead">
          The symbols below mean the same thing in every chapter. Chapters introduce each one where
          it first appears; this page collects them.
        </p>
        <ul>
          {NOTATION_CONVENTIONS.map((c) => (
            <li key={c}>
              <WithMath text={c} />
            </li>
          ))}
        </ul>
        <div className="notation-table" role="region" aria-label="Symbols" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col">Meaning</th>
                <th scope="col">Chapters</th>
              </tr>
            </thead>
            <tbody>
              {NOTATION.map((e) => (
                <tr key={e.source.symbol}>
                  <th scope="row" className="notation-table__symbols">
                    {e.symbols.map((s, i) => (
                      <Fragment key={s}>
                        {i > 0 ? ', ' : null}
                        <Tex tex={s} />
                      </Fragment>
                    ))}
                  </th>
                  <td>
                    <WithMath text={e.meaning} />
                  </td>
                  <td className="notation-table__chapters">
                    <ChapterLinks numbers={e.chapters} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <Link to="/">Back to the contents</Link>
        </p>
      </main>
    </PageShell>
  );
}
