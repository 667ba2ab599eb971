/** Kinds of token the view distinguishes (by a marker and text, not by colour alone). */
export type TokenKind =
  'word' | 'oov' | 'pad' | 'stop' | 'punct' | 'number' | 'special' | 'subword' | 'removed';

/** One token chip. */
export interface TokenItem {
  /** The token text; whitespace is shown visibly (␣, ↵, ⇥). */
  text: string;
  /** Vocabulary id, shown under the chip. */
  id?: number;
  /** Kind; default `word`. */
  kind?: TokenKind;
  /** Tooltip, e.g. "stem of 'running'". */
  title?: string;
}

/** Props of {@link TokenView}. */
export interface TokenViewProps {
  tokens: readonly TokenItem[];
  /** Accessible name of the list, e.g. "Tokens after stemming". */
  label: string;
  /** Show ids under tokens that have one. Default true. */
  showIds?: boolean;
  /** Text when there are no tokens. Default "(no tokens)". */
  emptyText?: string;
  /** Show a legend of the kinds present. Default true. */
  legend?: boolean;
  /** Render at most this many chips, then "… and N more". Default 500. */
  maxTokens?: number;
}

/** Short visible marker and spoken name per kind (absent for plain words). */
export const TOKEN_KIND_INFO: Record<TokenKind, { marker: string; name: string } | null> = {
  word: null,
  oov: { marker: 'OOV', name: 'out of vocabulary' },
  pad: { marker: 'PAD', name: 'padding' },
  stop: { marker: 'stop', name: 'stop word' },
  punct: { marker: 'punct', name: 'punctuation' },
  number: { marker: '#', name: 'number' },
  special: { marker: 'special', name: 'special token' },
  subword: { marker: '##', name: 'subword piece' },
  removed: { marker: 'removed', name: 'removed' },
};

/** Makes whitespace visible: space ␣, newline ↵, tab ⇥; an empty token shows as ∅. */
export function visibleText(text: string): string {
  if (text === '') return '∅';
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}

/**
 * Tokens as chips that wrap on narrow screens, with ids underneath when present. OOV, PAD,
 * stop words and other kinds get a distinct border style and a text marker (not colour
 * alone), and each chip's accessible name spells out its kind and id.
 */
export function TokenView({
  tokens,
  label,
  showIds = true,
  emptyText = '(no tokens)',
  legend = true,
  maxTokens = 500,
}: TokenViewProps) {
  if (tokens.length === 0) {
    return (
      <p className="ui-tokens-empty" aria-label={label}>
        {emptyText}
      </p>
    );
  }
  const shown = tokens.slice(0, maxTokens);
  const kinds = [...new Set(tokens.map((t) => t.kind ?? 'word'))].filter(
    (k) => TOKEN_KIND_INFO[k] !== null,
  );
  return (
    <div className="ui-tokens">
      <ol className="ui-token-list" aria-label={`${label} (${tokens.length})`}>
        {shown.map((t, i) => {
          const kind = t.kind ?? 'word';
          const info = TOKEN_KIND_INFO[kind];
          const spoken = [
            `"${t.text}"`,
            info ? info.name : '',
            showIds && t.id !== undefined ? `id ${t.id}` : '',
          ]
            .filter(Boolean)
            .join(', ');
          return (
            <li key={i} className={`ui-token ui-token-${kind}`} title={t.title} data-kind={kind}>
              <span className="ui-visually-hidden">{spoken}</span>
              <span aria-hidden="true" className="ui-token-text">
                {visibleText(t.text)}
              </span>
              {info ? (
                <span aria-hidden="true" className="ui-token-marker">
                  {info.marker}
                </span>
              ) : null}
              {showIds && t.id !== undefined ? (
                <span aria-hidden="true" className="ui-token-id">
                  {t.id}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {tokens.length > shown.length ? (
        <p className="ui-help">… and {tokens.length - shown.length} more</p>
      ) : null}
      {legend && kinds.length > 0 ? (
        <p className="ui-token-legend" aria-hidden="true">
          {kinds.map((k) => (
            <span key={k} className={`ui-token ui-token-${k} ui-token-legend-item`}>
              <span className="ui-token-marker">{TOKEN_KIND_INFO[k]?.marker}</span>{' '}
              {TOKEN_KIND_INFO[k]?.name}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
