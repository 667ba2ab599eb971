/**
 * The typed hyperparameter schema every widget declares once. From one schema come the
 * controls ({@link Controls}), validation (also of values that arrive through the URL), the
 * URL state of the widget, named presets, and the "needs a restart" bookkeeping.
 *
 * Validation lives in ./validate.ts and the URL encoding in ./urlParams.ts.
 * Pure TypeScript: no React, no DOM. Unit tested in tests/unit/ui/schema.test.ts.
 */
import { validateValue } from './validate';

/** A numeric hyperparameter, shown as a slider plus a numeric input. */
export interface NumberSpec {
  kind: 'number';
  /** Human-readable name used in the control and in every validation message. */
  label: string;
  default: number;
  /** Inclusive lower bound; values below are clamped with a message. */
  min: number;
  /** Inclusive upper bound; values above are clamped with a message. */
  max: number;
  /** Slider step (linear scale only). Defaults to 1 for integers, (max - min) / 100 otherwise. */
  step?: number;
  /** Round to the nearest whole number (with a message when rounding changed the value). */
  integer?: boolean;
  /** `'log'` makes the slider move in log10 space (needs min > 0). Default `'linear'`. */
  scale?: 'linear' | 'log';
  /** Unit shown after the value, e.g. `"tokens"`. */
  unit?: string;
  /** One sentence shown under the control. */
  help?: string;
  /** True when a change only takes effect after the run is reset (e.g. layer sizes). */
  restart: boolean;
}

/** One option of a {@link ChoiceSpec}. */
export interface ChoiceOption {
  /** Value stored in state and in the URL. */
  value: string;
  /** Text on the button / in the select. */
  label: string;
}

/** A choice among a few named options (segmented buttons, or a select when there are many). */
export interface ChoiceSpec {
  kind: 'choice';
  label: string;
  /** Must be one of `options[].value`. */
  default: string;
  options: readonly ChoiceOption[];
  help?: string;
  restart: boolean;
}

/** An on/off switch. In the URL it is written `true` / `false` (also accepts 1/0, on/off, yes/no). */
export interface BooleanSpec {
  kind: 'boolean';
  label: string;
  default: boolean;
  help?: string;
  restart: boolean;
}

/** Free text (e.g. a sentence to tokenize), cut to `maxLength` characters. */
export interface TextSpec {
  kind: 'text';
  label: string;
  default: string;
  /** Longest accepted text, in UTF-16 code units (`String.prototype.length`). */
  maxLength: number;
  /**
   * Which end of an over-long text is kept: `'start'` (default) keeps the first `maxLength` code
   * units, `'end'` the last ones (for a language model's context, where the last words matter).
   * A surrogate pair is never split: the cut moves inward by one unit instead.
   */
  keep?: 'start' | 'end';
  help?: string;
  restart: boolean;
}

/** Any hyperparameter specification. */
export type ParamSpec = NumberSpec | ChoiceSpec | BooleanSpec | TextSpec;

/** A widget's hyperparameters by name. Names become URL keys (with a prefix). */
export type Schema = Record<string, ParamSpec>;

/** The value type of one spec: number, boolean, the option values of a choice, or string. */
export type ValueOf<P extends ParamSpec> = P extends { kind: 'number' }
  ? number
  : P extends { kind: 'boolean' }
    ? boolean
    : P extends { kind: 'choice'; options: readonly { value: infer V }[] }
      ? V extends string
        ? V
        : string
      : string;

/** The values of a whole schema, keyed like the schema. */
export type ParamValues<S extends Schema> = { [K in keyof S]: ValueOf<S[K]> };

/** A value after validation, with a reader-facing message when it had to be changed. */
export interface Validated<V> {
  value: V;
  /** Set when the raw value was rejected (default used), clamped, rounded or cut. */
  message?: string;
}

/** A named configuration of a widget, e.g. "Overfit" or "Too high a learning rate". */
export interface Preset<S extends Schema> {
  /** Stable identifier, used by `applyPreset(name)`. */
  name: string;
  /** Button text. */
  label: string;
  /** Shown as the button's tooltip. */
  description?: string;
  /** Values that differ from the defaults; the rest come from the defaults. */
  values: Partial<ParamValues<S>>;
}

/**
 * Identity function that lets TypeScript infer the literal schema type (choice values
 * become unions, e.g. `'sgd' | 'adam'`).
 *
 * @example
 * const schema = defineSchema({
 *   lr: { kind: 'number', label: 'Learning rate', default: 0.1, min: 1e-4, max: 1, scale: 'log', restart: false },
 * });
 */
export function defineSchema<const S extends Schema>(schema: S): S {
  return schema;
}

/** Identity function typing a widget's presets against its schema. */
export function definePresets<S extends Schema>(
  _schema: S,
  presets: readonly Preset<S>[],
): readonly Preset<S>[] {
  return presets;
}

/** The default value of every parameter. */
export function defaults<S extends Schema>(schema: S): ParamValues<S> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(schema)) out[name] = schema[name].default;
  return out as ParamValues<S>;
}
/** Result of reading a schema's values from somewhere untrusted. */
export interface ParsedParams<S extends Schema> {
  values: ParamValues<S>;
  /** One message per value that was rejected, clamped, rounded or cut. */
  messages: string[];
}

/** Names of parameters with `restart: true` whose value differs between `before` and `after`. */
export function needsRestart<S extends Schema>(
  schema: S,
  before: ParamValues<S>,
  after: ParamValues<S>,
): string[] {
  return Object.keys(schema).filter(
    (name) => schema[name].restart && !Object.is(before[name], after[name]),
  );
}

/**
 * The values a preset stands for: the defaults, overridden by the preset's (validated)
 * values. A preset key that is not in the schema gives a message and is ignored.
 */
export function presetValues<S extends Schema>(schema: S, preset: Preset<S>): ParsedParams<S> {
  const values: Record<string, unknown> = { ...defaults(schema) };
  const messages: string[] = [];
  for (const [name, raw] of Object.entries(preset.values as Record<string, unknown>)) {
    const spec = schema[name];
    if (!spec) {
      messages.push(`Preset "${preset.label}" sets "${name}", which this widget does not have.`);
      continue;
    }
    const v = validateValue(spec, raw);
    values[name] = v.value;
    if (v.message) messages.push(v.message);
  }
  return { values: values as ParamValues<S>, messages };
}
