import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { CopyLink } from './CopyLink';
import { widgetAnchor, type ShareableSettings } from './share';
import { shortcutFor } from './shortcuts';
import { registerWidgetSettings } from './widgetRegistry';
import { usePresentMode } from './usePresentMode';

/** Props of {@link WidgetFrame}. */
export interface WidgetFrameProps {
  /** Stable widget id, written to `data-widget` (end-to-end tests find widgets by it). */
  id: string;
  /** Heading and accessible name of the region. */
  title: string;
  /** One line under the title. */
  subtitle?: ReactNode;
  /** Slot at the top right, e.g. a {@link BackendBadge}. */
  badge?: ReactNode;
  /** The widget's body. */
  children: ReactNode;
  /** Space while the frame has focus; when absent, Space is not captured. */
  onTogglePlay?: () => void;
  /** S while the frame has focus. */
  onStep?: () => void;
  /** R while the frame has focus. */
  onReset?: () => void;
  /** Heading level of the title (2-6). Default 3, since chapters use h2 for sections. */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /**
   * Extra `data-*` attributes on the section, e.g. `{ status: 'running', step: 12 }` gives
   * `data-status="running" data-step="12"` (end-to-end tests and benchmarks read them).
   * Undefined values are left out.
   */
  data?: Record<string, string | number | undefined>;
  /**
   * The widget's settings (a `useHyperparams` result fits): "Copy link" writes them into the
   * link, and `<TryIt widget={id}>` links in the prose can set them. Without them the link
   * keeps the page's query as it is and TryIt cannot reach the widget.
   */
  settings?: ShareableSettings;
}

/**
 * The outer card of every widget: `<section role="region" aria-label={title} tabIndex={0}
 * data-widget={id}>` with a title, optional subtitle and badge. While focus is inside the
 * frame (and not in a text field), Space toggles play/pause, S steps and R resets; a small
 * hint lists the shortcuts that are wired.
 *
 * Every frame has Present mode (for projecting a demo): the Present button in the header, or
 * P while focus is inside, shows the widget alone on the screen (see usePresentMode), with
 * `data-present="fullscreen" | "overlay"` on the section for present.css (larger type,
 * thicker lines, high-contrast palette). Esc leaves. `?present=<id>` opens the page with it.
 *
 * Every frame has a "Copy link" button (see CopyLink) and the anchor `id="widget-<id>"`: the
 * copied link reopens the page with the widget's settings, scrolled to the widget and focused
 * (useScrollToHash). In print, the body's controls are hidden and a one-line note names the link.
 */
export function WidgetFrame({
  id,
  title,
  subtitle,
  badge,
  children,
  onTogglePlay,
  onStep,
  onReset,
  headingLevel = 3,
  data,
  settings,
}: WidgetFrameProps) {
  const Heading = `h${headingLevel}` as 'h3';
  const rootRef = useRef<HTMLElement>(null);
  const presentButtonRef = useRef<HTMLButtonElement>(null);
  const placeholderRef = useRef<HTMLDivElement>(null);
  const present = usePresentMode(id, rootRef, presentButtonRef, placeholderRef);
  const presenting = present.mode !== 'off';
  const schema = settings?.schema;
  const prefix = settings?.prefix;
  useEffect(
    () =>
      schema && prefix !== undefined ? registerWidgetSettings(id, { schema, prefix }) : undefined,
    [id, schema, prefix],
  );
  const handlers = {
    toggle: onTogglePlay,
    step: onStep,
    reset: onReset,
    present: present.toggle,
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const t = e.target as HTMLElement;
    const action = shortcutFor({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      targetTag: t.tagName,
      targetType: (t as HTMLInputElement).type,
      targetEditable: t.isContentEditable,
      targetRole: t.getAttribute('role'),
    });
    const handler = action ? handlers[action] : undefined;
    // Holding S keeps stepping; a held Space or R must not toggle or reset repeatedly.
    if (!handler || (e.repeat && action !== 'step')) return;
    e.preventDefault();
    handler();
  };
  const hints = [
    onTogglePlay ? 'Space play/pause' : null,
    onStep ? 'S step' : null,
    onReset ? 'R reset' : null,
    presenting ? 'P or Esc leave present mode' : 'P present',
  ].filter(Boolean);
  const dataAttributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    if (value !== undefined) dataAttributes[`data-${key}`] = String(value);
  }
  // Always a fragment, so that the placeholder coming and going never remounts the section.
  return (
    <>
      <section
        ref={rootRef}
        id={widgetAnchor(id)}
        role="region"
        aria-label={title}
        tabIndex={0}
        {...dataAttributes}
        data-widget={id}
        data-present={presenting ? present.mode : undefined}
        className="ui-widget"
        onKeyDown={onKeyDown}
      >
        <header className="ui-widget-header">
          <div className="ui-widget-titles">
            <Heading className="ui-widget-title">{title}</Heading>
            {subtitle ? <p className="ui-widget-subtitle">{subtitle}</p> : null}
          </div>
          <div className="ui-widget-actions">
            {badge ? <div className="ui-widget-badge">{badge}</div> : null}
            {present.mode === 'overlay' && present.canFullscreen ? (
              <button
                type="button"
                className="ui-button ui-button-small"
                onClick={present.requestFullscreen}
              >
                Full screen
              </button>
            ) : null}
            <CopyLink widgetId={id} settings={settings} />
            <button
              ref={presentButtonRef}
              type="button"
              className="ui-button ui-button-small ui-present-button"
              aria-keyshortcuts={presenting ? 'Escape' : 'P'}
              title={presenting ? undefined : 'Show this widget alone on the screen (P)'}
              onClick={present.toggle}
            >
              {presenting ? 'Leave present mode' : 'Present'}
            </button>
          </div>
        </header>
        {present.mode === 'overlay' ? (
          <p className="ui-present-hint">
            Present mode in this window. F11{present.canFullscreen ? ' or Full screen' : ''} gives
            true full screen; Esc leaves.
          </p>
        ) : null}
        <p className="ui-print-note">
          Interactive widget: its controls are left out of print; open this chapter in a browser to
          use it.
        </p>
        <div className="ui-widget-body">{children}</div>
        <p className="ui-widget-hint">
          <span className="ui-visually-hidden">
            Keyboard shortcuts while this widget has focus:{' '}
          </span>
          {hints.join(' · ')}
        </p>
      </section>
      {present.placeholderHeight !== null ? (
        <div
          ref={placeholderRef}
          className="ui-present-placeholder"
          aria-hidden="true"
          style={{ height: present.placeholderHeight }}
        />
      ) : null}
    </>
  );
}

/** Props of {@link WidgetMessage}. */
export interface WidgetMessageProps {
  /** `error` and `warning` are alerts (announced at once); `info` is a polite status. */
  tone: 'error' | 'warning' | 'info';
  /** The message; may be a list of messages. */
  children: ReactNode;
  /** Shows a "Dismiss" button that calls this. */
  onDismiss?: () => void;
}

/**
 * A message inside a widget: `role="alert"` for errors and warnings, `role="status"` for
 * information; dismissible when `onDismiss` is given. Tone is shown by an icon and a word as
 * well as colour.
 */
export function WidgetMessage({ tone, children, onDismiss }: WidgetMessageProps) {
  const word = tone === 'error' ? 'Error' : tone === 'warning' ? 'Warning' : 'Note';
  const icon = tone === 'error' ? '✖' : tone === 'warning' ? '⚠' : 'ℹ';
  return (
    <div
      className={`ui-message ui-message-${tone}`}
      role={tone === 'info' ? 'status' : 'alert'}
      data-tone={tone}
    >
      <span className="ui-message-icon" aria-hidden="true">
        {icon}
      </span>
      <div className="ui-message-body">
        <strong className="ui-message-word">{word}: </strong>
        {children}
      </div>
      {onDismiss ? (
        <button
          type="button"
          className="ui-button ui-button-small ui-button-quiet"
          onClick={onDismiss}
        >
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
