import { useEffect, type ReactNode } from 'react';
import { MdxError, reportMdxError } from './MdxError';

/** Props of {@link Figure}. */
export interface FigureProps {
  /** Caption text (required), shown after the automatic "Figure N." label. */
  caption?: ReactNode;
  /** Optional anchor id, so prose can link to `#id`. */
  id?: string;
  /**
   * Let the figure use the full content width instead of the prose measure. Figures that
   * contain a widget (an element with `data-widget`) are wide automatically.
   */
  wide?: boolean;
  /**
   * Position among the chapter's figures, set by the chapter page (see `numbering.ts`);
   * authors do not pass it. Without it the caption has no number.
   */
  number?: number;
  /** The figure itself: a widget, an image, an SVG, a table. */
  children?: ReactNode;
}

/**
 * A numbered figure: `<figure>` with a `<figcaption>` reading "Figure N. caption".
 * N counts figures in order of appearance within the chapter; the chapter page assigns it
 * (`numberBlocks` in numbering.ts) from the MDX element tree, so it is real text that
 * screen readers and find-in-page see.
 *
 * @example `<Figure caption="Token counts by rank." id="fig-zipf"><ZipfPlot /></Figure>`
 */
export function Figure({ caption, id, wide = false, number, children }: FigureProps) {
  const missing = caption === undefined || caption === null || caption === '';
  useEffect(() => {
    if (missing) reportMdxError('Figure', 'the caption prop is missing');
  }, [missing]);
  return (
    <figure id={id} className={wide ? 'figure wide' : 'figure'}>
      <div className="figure__body">{children}</div>
      <figcaption>
        {number !== undefined ? <span className="figure__label">Figure {number}. </span> : null}
        {missing ? (
          <MdxError component="Figure">add caption=&quot;...&quot; describing the figure.</MdxError>
        ) : (
          caption
        )}
      </figcaption>
    </figure>
  );
}
