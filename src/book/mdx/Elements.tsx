import type { ComponentPropsWithoutRef } from 'react';
import { Link } from 'react-router-dom';
import { textOfChildren } from '../toc';

type HeadingProps = ComponentPropsWithoutRef<'h2'>;

function anchored(Tag: 'h2' | 'h3' | 'h4') {
  function AnchoredHeading({ id, children, ...rest }: HeadingProps) {
    if (!id) {
      return (
        <Tag {...rest} id={id}>
          {children}
        </Tag>
      );
    }
    const label = textOfChildren(children).trim();
    return (
      <div className={`heading-wrap heading-wrap--${Tag}`}>
        <Tag {...rest} id={id}>
          {children}
        </Tag>
        <a
          className="heading-anchor"
          href={`#${id}`}
          aria-label={label ? `Link to section: ${label}` : 'Link to this section'}
        >
          #
        </a>
      </div>
    );
  }
  AnchoredHeading.displayName = `Anchored(${Tag})`;
  return AnchoredHeading;
}

/**
 * `h2`-`h4` with a hover/focus "#" link to their stable id (from rehype-slug). The link sits
 * after the heading element, inside a wrapper, so the heading's accessible name stays clean.
 */
export const H2 = anchored('h2');
/** See {@link H2}. */
export const H3 = anchored('h3');
/** See {@link H2}. */
export const H4 = anchored('h4');

/**
 * GFM tables in a horizontally scrollable, keyboard-focusable region, so wide tables never
 * widen the page on phones.
 */
export function Table(props: ComponentPropsWithoutRef<'table'>) {
  return (
    <div className="table-wrap" role="region" aria-label="Table (scrolls sideways)" tabIndex={0}>
      <table {...props} />
    </div>
  );
}

/** Code blocks: monospace, horizontally scrollable, focusable so keyboards can scroll them. */
export function Pre(props: ComponentPropsWithoutRef<'pre'>) {
  return <pre tabIndex={0} {...props} />;
}

/**
 * Links: site-absolute paths (`/chapters/language-models#perplexity`) go through the router
 * so they respect the deployment's base path and do not reload the page; `#hash`, relative
 * and external links are plain anchors.
 */
export function Anchor({ href, children, ...rest }: ComponentPropsWithoutRef<'a'>) {
  if (href && href.startsWith('/') && !href.startsWith('//')) {
    return (
      <Link to={href} {...rest}>
        {children}
      </Link>
    );
  }
  return (
    <a href={href} {...rest}>
      {children}
    </a>
  );
}

/** Images load lazily and never overflow the column; `alt` comes from the markdown. */
export function Img({ alt = '', ...rest }: ComponentPropsWithoutRef<'img'>) {
  return <img loading="lazy" decoding="async" alt={alt} {...rest} />;
}
