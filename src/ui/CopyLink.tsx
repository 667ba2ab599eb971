import { useEffect, useRef, useState } from 'react';
import { shareUrl, type ShareableSettings } from './share';

/** Props of {@link CopyLink}. */
export interface CopyLinkProps {
  /** The widget's `data-widget` id (the link's hash is `#widget-<id>`). */
  widgetId: string;
  /** The widget's settings, written into the link; without them the URL's query is kept. */
  settings?: ShareableSettings;
}

type Outcome = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; url: string };

/** How long "Link copied" stays, in ms. */
const COPIED_MS = 2500;

/**
 * The "Copy link" button of a widget frame: copies the page URL with the widget's current
 * settings and its anchor (see {@link shareUrl}) with the Clipboard API. "Link copied" is
 * announced politely; when the clipboard is unavailable or denied, the link is shown selected
 * in a read-only field with a message saying to copy it by hand.
 */
export function CopyLink({ widgetId, settings }: CopyLinkProps) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const fieldRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (outcome.kind === 'manual') fieldRef.current?.select();
    if (outcome.kind !== 'copied') return undefined;
    const timer = setTimeout(() => setOutcome({ kind: 'idle' }), COPIED_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = async () => {
    const url = shareUrl(window.location.href, widgetId, settings);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no Clipboard API');
      await navigator.clipboard.writeText(url);
      setOutcome({ kind: 'copied' });
    } catch {
      setOutcome({ kind: 'manual', url });
    }
  };

  return (
    <>
      <button
        type="button"
        className="ui-button ui-button-small ui-copy-link"
        title="Copy a link to this widget with its current settings"
        onClick={() => void copy()}
      >
        Copy link
      </button>
      <span className="ui-copy-link-status" role="status">
        {outcome.kind === 'copied' ? 'Link copied' : ''}
      </span>
      {outcome.kind === 'manual' ? (
        <div className="ui-copy-link-manual" role="alert">
          <label>
            The browser did not allow copying; copy this link by hand:{' '}
            <input
              ref={fieldRef}
              className="ui-copy-link-field"
              type="text"
              readOnly
              value={outcome.url}
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
          <button
            type="button"
            className="ui-button ui-button-small ui-button-quiet"
            onClick={() => setOutcome({ kind: 'idle' })}
          >
            Close
          </button>
        </div>
      ) : null}
    </>
  );
}
