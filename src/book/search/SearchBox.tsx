import type MiniSearch from 'minisearch';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { isTextEntry } from '../../ui/shortcuts';
import {
  INDEX_OPTIONS,
  QUERY_OPTIONS,
  type SearchSection,
  type StoredSection,
} from './searchOptions';
import './search.css';

/** Results shown at most. */
const MAX_RESULTS = 8;

type IndexState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; index: MiniSearch<SearchSection> }
  | { kind: 'error' };

/** One result: where it is (chapter, heading) and the route to it. */
interface Hit extends StoredSection {
  id: string;
}

/** Loads MiniSearch and the book's index (built at build time) in their own chunks. */
async function loadIndex(): Promise<MiniSearch<SearchSection>> {
  const [{ default: MiniSearchClass }, { default: json }] = await Promise.all([
    import('minisearch'),
    import('virtual:search-index'),
  ]);
  return MiniSearchClass.loadJSON<SearchSection>(json, INDEX_OPTIONS);
}

/**
 * The book's search box, in every page's header: full-text search over the ready chapters'
 * sections (index built at build time from the MDX, see scripts/search-index.ts), loaded on
 * first focus. "/" anywhere outside a text field focuses it. Results list the chapter and the
 * heading and link to the heading (`/chapters/<slug>#<anchor>`); ArrowDown/ArrowUp move
 * through them, Enter in the box opens the first, Esc clears and leaves the box. On phones the
 * box is a magnifier button that widens over the header while in use (search.css).
 */
export function SearchBox() {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<IndexState>({ kind: 'idle' });
  const [open, setOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const listId = useId();

  const load = () => {
    if (state.kind !== 'idle') return;
    setState({ kind: 'loading' });
    loadIndex().then(
      (index) => setState({ kind: 'ready', index }),
      (error: unknown) => {
        console.error('The search index could not be loaded:', error);
        setState({ kind: 'error' });
      },
    );
  };

  // "/" focuses the box, unless the reader is typing somewhere.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const t = event.target as HTMLElement;
      const typing = isTextEntry({
        key: event.key,
        targetTag: t.tagName ?? '',
        targetType: (t as HTMLInputElement).type,
        targetEditable: t.isContentEditable,
      });
      if (typing) return;
      event.preventDefault();
      inputRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Clicking or focusing outside closes the results.
  useEffect(() => {
    if (!open) return undefined;
    const onDown = (event: Event) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('focusin', onDown);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('focusin', onDown);
    };
  }, [open]);

  const trimmed = query.trim();
  const hits: Hit[] =
    state.kind === 'ready' && trimmed
      ? state.index
          .search(trimmed, QUERY_OPTIONS)
          .slice(0, MAX_RESULTS)
          .map((r) => ({ ...(r as unknown as StoredSection), id: String(r.id) }))
      : [];

  const links = () => [...(listRef.current?.querySelectorAll('a') ?? [])];
  const moveFocus = (from: number, by: number) => {
    const all = links();
    const next = from + by;
    if (next < 0) inputRef.current?.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  };
  const close = () => {
    setQuery('');
    setOpen(false);
  };
  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      moveFocus(-1, 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      links()[0]?.click();
    } else if (event.key === 'Escape') {
      close();
      inputRef.current?.blur();
    }
  };
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const index = links().indexOf(document.activeElement as HTMLAnchorElement);
    if (index < 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveFocus(index, event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Escape') {
      close();
      inputRef.current?.focus();
    }
  };

  const status =
    state.kind === 'error'
      ? 'Search is unavailable: its index did not load.'
      : !trimmed
        ? ''
        : state.kind !== 'ready'
          ? 'Loading the search index…'
          : hits.length === 0
            ? `No section mentions “${trimmed}”.`
            : `${hits.length} section${hits.length === 1 ? '' : 's'} found.`;

  return (
    <div className="search" role="search" ref={rootRef}>
      <label className="search__label" htmlFor={`${listId}-input`}>
        Search the book
      </label>
      <input
        ref={inputRef}
        id={`${listId}-input`}
        className="search__input"
        type="search"
        placeholder="Search (/)"
        aria-keyshortcuts="/"
        aria-controls={open && trimmed ? listId : undefined}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onFocus={() => {
          load();
          setOpen(true);
        }}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onInputKey}
      />
      <svg className="search__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
        <path d="M15.5 15.5 21 21" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      {open && trimmed ? (
        <div className="search__panel">
          <p className="search__status" role="status">
            {status}
          </p>
          <ul id={listId} ref={listRef} className="search__results" onKeyDown={onListKey}>
            {hits.map((hit) => (
              <li key={hit.id}>
                <Link
                  className="search__result"
                  to={{
                    pathname: `/chapters/${hit.slug}`,
                    hash: hit.anchor ? `#${hit.anchor}` : '',
                  }}
                  onClick={close}
                >
                  <span className="search__chapter">
                    Chapter {hit.chapterNumber} · {hit.chapterTitle}
                  </span>
                  <span className="search__heading">{hit.heading}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
