/**
 * Links to a widget and its settings: the "Copy link" URL of a widget and the URL a `<TryIt>`
 * link opens. Pure TypeScript: no React, no DOM.
 */
import type { ParamValues, Schema } from './schema';
import { mergeParams } from './urlParams';

/** A widget's settings as the share link needs them: its schema, URL key prefix and values. */
export interface ShareableSettings<S extends Schema = Schema> {
  schema: S;
  /** URL key prefix, e.g. `'cnn.'`. */
  prefix: string;
  values: ParamValues<S>;
}

/**
 * The element id (URL hash without `#`) of a widget's frame: `widget-<id>`. Namespaced so that
 * it never collides with a heading's rehype-slug id (a heading "TextCNN" is `#textcnn`).
 */
export function widgetAnchor(widgetId: string): string {
  return `widget-${widgetId}`;
}

/**
 * The link that reopens the page with a widget as it is now: `href` with the widget's current
 * settings (non-default values as `prefix+name` keys; other widgets' keys kept), without
 * `present` (the link opens the page normally), and `#widget-<id>` as its hash.
 *
 * @param href - the page's absolute URL (`window.location.href`).
 * @param widgetId - the widget's `data-widget` id.
 * @param settings - the widget's settings; when absent the URL's query is kept as it is.
 * @throws TypeError when `href` is not an absolute URL.
 */
export function shareUrl(href: string, widgetId: string, settings?: ShareableSettings): string {
  const url = new URL(href);
  let params = new URLSearchParams(url.search);
  params.delete('present');
  if (settings) params = mergeParams(params, settings.schema, settings.values, settings.prefix);
  url.search = params.toString();
  url.hash = widgetAnchor(widgetId);
  return url.toString();
}

/** What {@link tryItSearch} returns. */
export interface TryItSearch {
  /** The new query string, without `?`. */
  search: string;
  /** Keys of `set` that are not settings of the schema (an authoring mistake). */
  unknown: string[];
}

/**
 * The query string a `<TryIt>` link navigates to: `current` with `prefix+name` set to
 * `String(value)` for each entry of `set`, every other key kept. The values are written raw,
 * as a reader could type them into the URL: the widget validates them as it validates any URL
 * value (clamped or replaced, with the same message). Keys that the schema lacks are skipped and
 * listed in `unknown`.
 *
 * @param current - the page's query string (with or without `?`).
 * @param schema - the widget's schema.
 * @param prefix - the widget's URL key prefix.
 * @param set - settings by name, e.g. `{ stride: 2, padding: 'same' }`.
 */
export function tryItSearch(
  current: string,
  schema: Schema,
  prefix: string,
  set: Readonly<Record<string, unknown>>,
): TryItSearch {
  const params = new URLSearchParams(current);
  params.delete('present');
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(set)) {
    if (!Object.hasOwn(schema, name)) {
      unknown.push(name);
      continue;
    }
    params.set(prefix + name, String(value));
  }
  return { search: params.toString(), unknown };
}
