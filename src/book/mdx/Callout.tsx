import { useId, type ReactNode } from 'react';

/** Props of {@link Note} and {@link Warning}. */
export interface CalloutProps {
  /** Heading of the box; defaults to "Note" / "Warning". */
  title?: ReactNode;
  /** Body: any MDX (paragraphs, lists, math, code). */
  children?: ReactNode;
}

function Callout({
  kind,
  title,
  children,
}: CalloutProps & { kind: 'note' | 'warning'; title: ReactNode }) {
  const titleId = useId();
  return (
    <div className={`callout callout--${kind}`} role="note" aria-labelledby={titleId}>
      <p className="callout__title" id={titleId}>
        <span className="callout__icon" aria-hidden="true">
          {kind === 'note' ? 'i' : '!'}
        </span>
        {title}
      </p>
      <div className="callout__body">{children}</div>
    </div>
  );
}

/**
 * An aside that adds to the prose: a remark, a tip, a pointer to later chapters.
 * Rendered as a `role="note"` box labelled by its title.
 *
 * @example `<Note title="Keras convention">Index 0 is reserved for padding.</Note>`
 */
export function Note({ title = 'Note', children }: CalloutProps) {
  return (
    <Callout kind="note" title={title}>
      {children}
    </Callout>
  );
}

/**
 * A caution: a common mistake, a trap, something that silently gives wrong results.
 * Same structure as {@link Note}, in the warning colour.
 *
 * @example `<Warning>Fit the vocabulary on the training split only.</Warning>`
 */
export function Warning({ title = 'Warning', children }: CalloutProps) {
  return (
    <Callout kind="warning" title={title}>
      {children}
    </Callout>
  );
}
