import type { MouseEvent, ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { tryItSearch, widgetAnchor } from '../../ui/share';
import { widgetSettings } from '../../ui/widgetRegistry';
import { MdxError, reportMdxError } from './MdxError';
import './tryit.css';

/** Props of {@link TryIt}. */
export interface TryItProps {
  /** The `data-widget` id of a widget on the same page, e.g. `"conv-arithmetic"`. */
  widget: string;
  /** Settings by their schema names, e.g. `{{ stride: 2, padding: 'same' }}`. */
  set: Readonly<Record<string, string | number | boolean>>;
  /** The link text. */
  children: ReactNode;
}

/**
 * A link in the prose that sets a widget on the page and scrolls to it, as distill articles
 * do: `<TryIt widget="conv-arithmetic" set={{ stride: 2 }}>set the stride to 2</TryIt>`.
 *
 * A click writes the settings into the page URL under the widget's key prefix and moves to
 * `#widget-<id>` (a new history entry, so Back undoes it). The widget reads them exactly as it
 * reads any URL value: an out-of-range number is clamped and a bad choice replaced by the
 * default, with the same message in the widget. The widget then takes focus, so its keyboard
 * shortcuts work at once. A name the widget does not have, or a widget that is not on the page
 * (or was not given `settings` by its frame), is an authoring error: logged, and the link
 * still scrolls. Bad props show an authoring error in place.
 */
export function TryIt({ widget, set, children }: TryItProps) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (typeof widget !== 'string' || widget === '' || typeof set !== 'object' || set === null) {
    reportMdxError('TryIt', 'needs widget="<widget id>" and set={{ name: value }}.');
    return (
      <MdxError component="TryIt">
        needs <code>widget=&quot;widget-id&quot;</code> and <code>{'set={{ name: value }}'}</code>.
      </MdxError>
    );
  }
  const anchor = widgetAnchor(widget);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // A modified click opens a new tab at the widget, as any link would.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    const settings = widgetSettings(widget);
    let search = window.location.search.replace(/^\?/, '');
    if (!settings) {
      reportMdxError('TryIt', `no widget "${widget}" with settings is on this page.`);
    } else {
      const next = tryItSearch(search, settings.schema, settings.prefix, set);
      if (next.unknown.length) {
        reportMdxError('TryIt', `widget "${widget}" has no setting ${next.unknown.join(', ')}.`);
      }
      search = next.search;
    }
    navigate(
      { pathname, search: search ? `?${search}` : '', hash: `#${anchor}` },
      { preventScrollReset: true },
    );
    // The hash may already name the widget (a second TryIt): scroll and focus here as well.
    const target = document.getElementById(anchor);
    if (target) {
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }
  };
  return (
    <a className="try-it" href={`#${anchor}`} data-try-it={widget} onClick={onClick}>
      <span className="try-it__icon" aria-hidden="true">
        ▸{' '}
      </span>
      {children}
    </a>
  );
}
