import { Link } from 'react-router-dom';
import { chapterPath } from './chapters';
import { chapterNeighbours } from './navigation';

/**
 * Previous/next chapter links at the bottom of a chapter (see `chapterNeighbours` for which
 * chapters are chosen; a coming chapter is marked as such).
 */
export function PrevNext({ slug }: { slug: string }) {
  const { prev, next } = chapterNeighbours(slug);
  if (!prev && !next) return null;
  return (
    <nav className="prev-next" aria-label="Previous and next chapters">
      {prev ? (
        <Link className="prev-next__link prev-next__link--prev" to={`/${chapterPath(prev.slug)}`}>
          <span className="prev-next__dir">← Previous</span>
          <span className="prev-next__title">
            {prev.number}. {prev.title}
          </span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link className="prev-next__link prev-next__link--next" to={`/${chapterPath(next.slug)}`}>
          <span className="prev-next__dir">
            Next{next.status === 'coming' ? ' (coming soon)' : ''} →
          </span>
          <span className="prev-next__title">
            {next.number}. {next.title}
          </span>
        </Link>
      ) : null}
    </nav>
  );
}
