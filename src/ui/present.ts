/**
 * Present mode, the pure parts: the `?present=<widget-id>` URL parameter and the keys that
 * enter and leave. No React, no DOM (the browser side is in usePresentMode.ts).
 */

/** URL search parameter that opens a page with one widget presented: `?present=<widget-id>`. */
export const PRESENT_PARAM = 'present';

/** How a widget is presented: not at all, with the Fullscreen API, or as a full-window overlay. */
export type PresentMode = 'off' | 'fullscreen' | 'overlay';

/**
 * The widget id asked for by `?present=` in a search string (`'?a=1&present=char-rnn'` or
 * `URLSearchParams`), or null when absent or empty. Surrounding spaces are trimmed.
 */
export function presentedWidgetId(search: string | URLSearchParams): string | null {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const id = params.get(PRESENT_PARAM)?.trim();
  return id ? id : null;
}

/**
 * The search string without `present` (every instance), every other parameter kept in its
 * order, with a leading `?` or `''` when nothing is left. Widgets keep their settings in the
 * URL (see urlParams.ts), so leaving Present mode must not drop them.
 */
export function searchWithoutPresent(search: string): string {
  const params = new URLSearchParams(search);
  if (!params.has(PRESENT_PARAM)) return search === '?' ? '' : search;
  params.delete(PRESENT_PARAM);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

/** The parts of a key event that decide whether it leaves Present mode. */
export interface LeaveKeyEvent {
  key: string;
  /** True when a control inside the widget already handled the key (closed a list...). */
  defaultPrevented?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/**
 * True when the key leaves Present mode: Escape with no modifier, not already handled by a
 * control (a control that closes a popup on Escape calls `preventDefault()`).
 */
export function isLeaveKey(e: LeaveKeyEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return false;
  return e.key === 'Escape' || e.key === 'Esc';
}
