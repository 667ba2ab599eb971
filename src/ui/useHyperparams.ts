/**
 * `useHyperparams`: a widget's hyperparameter state, kept in the page URL so that a
 * configured demo is a link. Reads the URL on mount (react-router's `useSearchParams`),
 * validates what it finds (messages for bad values), and writes changes back with
 * `replace: true`, debounced (a slider drag makes one history entry update, not fifty),
 * keeping every other widget's keys and the URL hash.
 *
 * Must be used inside a react-router `<BrowserRouter>` (or any router).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import {
  defaults,
  needsRestart,
  presetValues,
  type ParamValues,
  type Preset,
  type Schema,
} from './schema';
import { canonicalParams, mergeParams, ownParams, parseParams, serializeParams } from './urlParams';
import { validateValue } from './validate';

/** Options of {@link useHyperparams}. */
export interface UseHyperparamsOptions<S extends Schema> {
  /**
   * Prefix of this widget's URL keys, e.g. `'w2v.'` gives `?w2v.lr=0.01`. Needed when two
   * widgets on one page share parameter names. Default `''`.
   */
  prefix?: string;
  /** Named configurations that `applyPreset(name)` can switch to. */
  presets?: readonly Preset<S>[];
  /** Delay before a change is written to the URL, in ms. Default 300. */
  debounceMs?: number;
}

/** What {@link useHyperparams} returns. */
export interface Hyperparams<S extends Schema> {
  /** The schema these values follow (as passed in). */
  schema: S;
  /** The URL key prefix (as passed in, default `''`). */
  prefix: string;
  /** Current, always valid, values. */
  values: ParamValues<S>;
  /** Sets one value (validated: clamped/rounded/cut with a message if needed). */
  setValue: <K extends keyof S & string>(name: K, value: ParamValues<S>[K]) => void;
  /** Back to the defaults (clears the messages). */
  reset: () => void;
  /** Switches to a preset: the defaults overridden by the preset's values. */
  applyPreset: (name: string) => void;
  /** Validation messages (from the URL, presets or `setValue`), oldest first, no duplicates. */
  messages: readonly string[];
  /** Clears `messages`. */
  dismissMessages: () => void;
  /** Names of `restart: true` params changed since the last `acknowledgeRestart()` (or mount). */
  restartNeeded: readonly string[];
  /** Call when the run is rebuilt with the current values (e.g. on the trainer's Reset). */
  acknowledgeRestart: () => void;
}

interface State<S extends Schema> {
  values: ParamValues<S>;
  messages: string[];
  /** Values the current run was built with (for `restartNeeded`). */
  baseline: ParamValues<S>;
  /** Canonical form of our keys in the URL as last seen. */
  seenUrl: string;
  /** Canonical form of our keys as last written by us. */
  written: string | null;
}

/**
 * What to do when the router's URL is rendered: `none` (our keys did not change since last
 * seen), `note` (they changed to what we hold or last wrote: just remember it) or `adopt`
 * (someone else changed them, e.g. an in-app link: take the URL's values). Arguments are
 * canonical query strings of this widget's keys.
 *
 * `liveUrl` is the window's own URL (with a BrowserRouter), or null when there is none to
 * compare. The router applies navigations as transitions, so its URL can lag behind the
 * window's: an older write of ours may render after a newer one was recorded, and adopting it
 * would undo a change the reader just made. While the router's URL differs from the live one,
 * nothing is done; it catches up.
 */
export function urlSyncAction(
  urlState: string,
  seenUrl: string,
  ours: string,
  written: string | null,
  liveUrl: string | null = null,
): 'none' | 'note' | 'adopt' {
  if (urlState === seenUrl) return 'none';
  if (liveUrl !== null && liveUrl !== urlState) return 'none';
  if (urlState === ours || urlState === written) return 'note';
  return 'adopt';
}

function addMessages(old: string[], extra: readonly string[]): string[] {
  const fresh = extra.filter((m) => !old.includes(m));
  return fresh.length ? [...old, ...fresh] : old;
}

/**
 * The hyperparameter state of one widget, declared by its schema, mirrored in the URL.
 *
 * @param schema - the widget's schema (a module-level constant; see `defineSchema`).
 * @param options - URL key prefix, presets and debounce delay.
 * @returns values, setters and validation / restart bookkeeping; see {@link Hyperparams}.
 *
 * If the URL changes from outside (an in-app link to the same page with other settings), the
 * new values are adopted. Pending writes are dropped on unmount (the URL then belongs to the
 * next page).
 */
export function useHyperparams<S extends Schema>(
  schema: S,
  options: UseHyperparamsOptions<S> = {},
): Hyperparams<S> {
  const { prefix = '', presets, debounceMs = 300 } = options;
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();

  const [state, setState] = useState<State<S>>(() => {
    const parsed = parseParams(schema, searchParams, prefix);
    return {
      values: parsed.values,
      messages: parsed.messages,
      baseline: parsed.values,
      seenUrl: canonicalParams(schema, searchParams, prefix),
      written: null,
    };
  });

  const urlState = useMemo(
    () => canonicalParams(schema, searchParams, prefix),
    [schema, searchParams, prefix],
  );
  const urlRaw = useMemo(
    () => ownParams(schema, searchParams, prefix),
    [schema, searchParams, prefix],
  );
  const ours = useMemo(
    () => serializeParams(schema, state.values, prefix).toString(),
    [schema, state.values, prefix],
  );

  // The URL changed for our keys: adopt it unless it is what we have or wrote ourselves.
  // (Adjusting state while rendering, as React recommends over an effect.)
  // The window's URL, when it is the router's (BrowserRouter): see urlSyncAction.
  const liveUrl =
    typeof window !== 'undefined' && window.location.pathname.endsWith(location.pathname)
      ? canonicalParams(schema, new URLSearchParams(window.location.search), prefix)
      : null;
  const sync = urlSyncAction(urlState, state.seenUrl, ours, state.written, liveUrl);
  if (sync !== 'none') {
    if (sync === 'note') {
      // Our write has landed: forget it, so that a later return to that URL (Back) is adopted.
      const written = urlState === state.written ? null : state.written;
      setState({ ...state, seenUrl: urlState, written });
    } else {
      const parsed = parseParams(schema, searchParams, prefix);
      setState({
        ...state,
        values: parsed.values,
        messages: addMessages(state.messages, parsed.messages),
        seenUrl: urlState,
      });
    }
  }

  // Debounced write-back of our keys (also cleans junk or default values that came in through
  // the URL); other keys and the hash are kept.
  const { pathname, hash } = location;
  useEffect(() => {
    if (ours === urlRaw) return undefined;
    const timer = setTimeout(() => {
      // With a BrowserRouter the window's URL is the truth; the router's copy can lag by a
      // render (its updates are transitions) and miss another widget's write.
      const live =
        typeof window !== 'undefined' && window.location.pathname.endsWith(pathname)
          ? window.location
          : null;
      const base = live ? new URLSearchParams(live.search) : searchParams;
      const next = mergeParams(base, schema, state.values, prefix).toString();
      const liveHash = live ? live.hash : hash;
      setState((s) => ({ ...s, written: ours }));
      navigate(
        { pathname, search: next ? `?${next}` : '', hash: liveHash },
        { replace: true, preventScrollReset: true },
      );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [
    ours,
    urlRaw,
    searchParams,
    schema,
    state.values,
    prefix,
    pathname,
    hash,
    navigate,
    debounceMs,
  ]);

  const setValue = useCallback(
    <K extends keyof S & string>(name: K, value: ParamValues<S>[K]) => {
      const spec = schema[name];
      if (!spec) return;
      const v = validateValue(spec, value);
      setState((s) => {
        if (Object.is(s.values[name], v.value) && !v.message) return s;
        return {
          ...s,
          values: { ...s.values, [name]: v.value },
          messages: v.message ? addMessages(s.messages, [v.message]) : s.messages,
        };
      });
    },
    [schema],
  );

  const reset = useCallback(() => {
    setState((s) => ({ ...s, values: defaults(schema), messages: [] }));
  }, [schema]);

  const applyPreset = useCallback(
    (name: string) => {
      const preset = presets?.find((p) => p.name === name);
      if (!preset) {
        setState((s) => ({
          ...s,
          messages: addMessages(s.messages, [`There is no preset named "${name}".`]),
        }));
        return;
      }
      const pv = presetValues(schema, preset);
      setState((s) => ({
        ...s,
        values: pv.values,
        messages: addMessages(s.messages, pv.messages),
      }));
    },
    [schema, presets],
  );

  const dismissMessages = useCallback(() => setState((s) => ({ ...s, messages: [] })), []);
  const acknowledgeRestart = useCallback(() => setState((s) => ({ ...s, baseline: s.values })), []);

  const restartNeeded = useMemo(
    () => needsRestart(schema, state.baseline, state.values),
    [schema, state.baseline, state.values],
  );

  return {
    schema,
    prefix,
    values: state.values,
    setValue,
    reset,
    applyPreset,
    messages: state.messages,
    dismissMessages,
    restartNeeded,
    acknowledgeRestart,
  };
}
