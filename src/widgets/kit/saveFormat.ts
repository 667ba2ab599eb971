/**
 * What a saved run and a weights file say about themselves, and whether this page may load them.
 * A save is refused, never loaded wrongly, when it was made by another widget, another version
 * of the book or of the model's code, in another format, or with other settings of the run (the
 * schema's `restart` settings: the ones a run is built from; live ones such as speed do not
 * matter). Shapes are checked again when the state is loaded (src/train/weights.ts).
 * No React, no DOM: unit-tested under Node.
 */
import { version as APP_VERSION } from '../../../package.json';
import type { RunCapture } from '../../train/runner-types';

/** Version of the layout of {@link RunSave} and of the weights file's header. */
export const SAVE_FORMAT = 1;

/** What identifies the code that made a save: the book's version and the model's code version. */
export function buildId(modelVersion = 1): string {
  return `${APP_VERSION}+model.${modelVersion}`;
}

/** What every save and weights file carries, checked by {@link incompatibility}. */
export interface SaveHeader<S = Record<string, unknown>> {
  /** {@link SAVE_FORMAT} when it was written. */
  format: number;
  /** {@link buildId} of the code that wrote it. */
  build: string;
  /** The widget's id (`data-widget`). */
  widget: string;
  /** The settings (schema values) of the run. */
  settings: S;
  /** The runner's step at the save. */
  step: number;
  /** When it was written, ms since the epoch. */
  savedAt: number;
}

/** A run saved in the browser's storage (IndexedDB), one per widget. */
export interface RunSave<S = Record<string, unknown>> extends SaveHeader<S> {
  run: RunCapture;
}

/** What the page expects of a save. */
export interface SaveExpectation {
  widget: string;
  build: string;
  /** The page's settings now. */
  settings: Record<string, unknown>;
  /** The settings a run is built from (those that must be equal). */
  runKeys: readonly string[];
  /** A setting's label for messages (default: its key). */
  label?: (key: string) => string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when `v` has a {@link SaveHeader}'s fields with the right types (not whether it fits). */
export function isSaveHeader(v: unknown): v is SaveHeader {
  return (
    isRecord(v) &&
    typeof v.format === 'number' &&
    typeof v.build === 'string' &&
    typeof v.widget === 'string' &&
    isRecord(v.settings) &&
    Number.isInteger(v.step) &&
    typeof v.savedAt === 'number'
  );
}

/** True when `v` looks like a {@link RunSave} (header, run with a training state and histories). */
export function isRunSave(v: unknown): v is RunSave {
  const run = isSaveHeader(v) ? (v as { run?: unknown }).run : null;
  if (!isRecord(run)) return false;
  return (
    Number.isInteger(run.step) &&
    isRecord(run.state) &&
    isRecord(run.state.weights) &&
    isRecord(run.history) &&
    isRecord(run.evalHistory)
  );
}

const shown = (v: unknown) => (typeof v === 'string' ? `“${v}”` : String(v));

/**
 * Why a save may not be loaded on this page, in words for the reader, or null when it may.
 * E.g. "it was trained with other settings: Learning rate 0.01 (here 0.03)".
 */
export function incompatibility(save: SaveHeader, want: SaveExpectation): string | null {
  if (save.format !== SAVE_FORMAT) {
    return `it was saved in another format (version ${save.format}; this page reads version ${SAVE_FORMAT})`;
  }
  if (save.widget !== want.widget) return `it belongs to another widget (${save.widget})`;
  if (save.build !== want.build) {
    return `it was saved by another version of the book or of the model (${save.build}; this page is ${want.build})`;
  }
  const label = want.label ?? ((k: string) => k);
  const differ = want.runKeys.filter((k) => save.settings[k] !== want.settings[k]);
  if (differ.length > 0) {
    const list = differ
      .map((k) => `${label(k)} ${shown(save.settings[k])} (here ${shown(want.settings[k])})`)
      .join(', ');
    return `it was trained with other settings: ${list}`;
  }
  return null;
}

/** "7 Dec 2026, 01:52": a save's time for the notice, in the reader's locale and time zone. */
export function savedAtText(savedAt: number): string {
  return new Date(savedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
