import type { ReactNode } from 'react';
import { TokenView, type TokenItem } from '../../ui';

/** Documents shown per stage before "and N more". */
export const DOCS_SHOWN = 6;
/** Tokens drawn per document before "and N more tokens" (bounds the drawing time). */
export const TOKENS_SHOWN = 120;

/** Props of {@link Stage}. */
export interface StageProps {
  /** `data-stage` attribute, e.g. `tokens`. */
  id: string;
  /** Heading, e.g. "1. Tokens". */
  title: string;
  /** One sentence on what this stage does. */
  description: ReactNode;
  children: ReactNode;
}

/** One stage of the pipeline: a heading, a line of explanation and its output. */
export function Stage({ id, title, description, children }: StageProps) {
  return (
    <section className="pe-stage" data-stage={id} aria-label={title}>
      <h4 className="pe-stage-title">{title}</h4>
      <p className="w-hint">{description}</p>
      {children}
    </section>
  );
}

/** Props of {@link TokenLists}. */
export interface TokenListsProps {
  /** One token list per document (only the first {@link TOKENS_SHOWN} are drawn). */
  docs: readonly (readonly TokenItem[])[];
  /** Full token count per document, when `docs` holds only the first tokens; default their lengths. */
  lengths?: readonly number[];
  /** Accessible name prefix, e.g. "Tokens". */
  label: string;
}

/** Token chips for the first {@link DOCS_SHOWN} documents, {@link TOKENS_SHOWN} tokens each. */
export function TokenLists({ docs, lengths, label }: TokenListsProps) {
  return (
    <ol className="pe-docs">
      {docs.slice(0, DOCS_SHOWN).map((tokens, i) => {
        const more = (lengths?.[i] ?? tokens.length) - Math.min(tokens.length, TOKENS_SHOWN);
        return (
          <li key={i}>
            <TokenView
              tokens={tokens.slice(0, TOKENS_SHOWN)}
              label={`${label}, document ${i + 1}`}
              legend={false}
            />
            {more > 0 && (
              <span className="w-hint">… and {more.toLocaleString('en')} more tokens</span>
            )}
          </li>
        );
      })}
      {docs.length > DOCS_SHOWN && (
        <li className="w-hint">… and {docs.length - DOCS_SHOWN} more documents</li>
      )}
    </ol>
  );
}
