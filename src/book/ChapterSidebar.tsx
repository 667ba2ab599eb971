import type { MouseEvent } from 'react';
import { BookContents } from './BookContents';
import type { TocEntry } from './toc';

/** Props of {@link ChapterSidebar}. */
export interface ChapterSidebarProps {
  /** DOM id, referenced by the phone "Contents" button's aria-controls. */
  id: string;
  /** Slug of the chapter shown (marked current in the chapter list). */
  slug: string;
  /** The chapter's outline; empty while the chapter loads. */
  toc: readonly TocEntry[];
  /** Id of the section being read, highlighted with `aria-current="location"`. */
  activeId?: string;
  /** Phone layout: whether the disclosure panel is open (ignored on wide screens by CSS). */
  open: boolean;
  /** Called when a link inside is followed, so the phone panel can close. */
  onNavigate: () => void;
}

/**
 * The chapter sidebar: "On this page" (the h2/h3 outline, current section highlighted) and
 * the book's chapter list. A sticky column on wide screens; on phones a panel under the
 * header, opened by the "Contents" button.
 */
export function ChapterSidebar({ id, slug, toc, activeId, open, onNavigate }: ChapterSidebarProps) {
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as Element).closest('a')) onNavigate();
  };
  const link = (entryId: string, text: string) => (
    <a
      href={`#${entryId}`}
      className="outline__link"
      aria-current={entryId === activeId ? 'location' : undefined}
    >
      {text}
    </a>
  );
  return (
    <div id={id} className={open ? 'chapter-sidebar is-open' : 'chapter-sidebar'} onClick={onClick}>
      <nav className="outline" aria-label="On this page">
        <p className="sidebar-heading">On this page</p>
        {toc.length === 0 ? (
          <p className="outline__empty">…</p>
        ) : (
          <ul>
            {toc.map((entry) => (
              <li key={entry.id}>
                {link(entry.id, entry.text)}
                {entry.children.length > 0 ? (
                  <ul>
                    {entry.children.map((child) => (
                      <li key={child.id}>{link(child.id, child.text)}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </nav>
      <nav className="sidebar-chapters" aria-label="Chapters">
        <p className="sidebar-heading">Chapters</p>
        <BookContents variant="compact" currentSlug={slug} partHeading="p" />
      </nav>
    </div>
  );
}
