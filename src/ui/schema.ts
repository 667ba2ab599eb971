/**
 * The typed hyperparameter schema every widget declares once. From one schema come the
 * controls ({@link Controls}), validation (also of values that arrive through the URL), the
 * URL state of the widget, named presets, and the "needs a restart" bookkeeping.
 *
 * Pure TypeScript: no React, no DOM. Unit tested in tests/unit/ui/schema.test.ts.
 */

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

/** Strict decimal / scientific number syntax: no trailing junk, no hex, no "Infinity". */
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Formats a number for messages and labels: up to 4 significant digits, scientific
 * notation below 1e-3 or from 1e6 on (e.g. `0.1`, `1e-7`, `2500`, `1.5e+6` -> `1.5e6`).
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) {
    return v
      .toExponential(3)
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e');
  }
  return String(Number(v.toPrecision(4)));
}

function describeRaw(raw: unknown): string {
  if (typeof raw === 'string') return raw === '' ? 'an empty value' : `"${raw}"`;
  if (typeof raw === 'number') return formatNumber(raw);
  if (raw === null || raw === undefined) return 'no value';
  return typeof raw;
}

function validateNumber(spec: NumberSpec, raw: unknown): Validated<number> {
  const range = `${formatNumber(spec.min)} to ${formatNumber(spec.max)}`;
  const reject = (why: string): Validated<number> => ({
    value: spec.default,
    message: `${spec.label}: ${why}; using the default ${formatNumber(spec.default)} (allowed: ${range}).`,
  });
  let n: number;
  let shown: string;
  if (typeof raw === 'number') {
    n = raw;
    shown = formatNumber(raw);
  } else if (typeof raw === 'string') {
    const t = raw.trim();
    if (!NUMBER_RE.test(t)) return reject(`${describeRaw(raw)} is not a number`);
    n = Number(t);
    shown = t;
  } else {
    return reject(`${describeRaw(raw)} is not a number`);
  }
  if (!Number.isFinite(n)) return reject(`${shown} is not a finite number`);
  if (n > spec.max) {
    return {
      value: spec.max,
      message: `${spec.label} ${shown} is above the maximum ${formatNumber(spec.max)}; using ${formatNumber(spec.max)}.`,
    };
  }
  if (n < spec.min) {
    return {
      value: spec.min,
      message: `${spec.label} ${shown} is below the minimum ${formatNumber(spec.min)}; using ${formatNumber(spec.min)}.`,
    };
  }
  if (spec.integer && !Number.isInteger(n)) {
    // Clamp again: rounding 9.6 with max 9.8 would otherwise give 10.
    const r = Math.min(Math.max(Math.round(n), Math.ceil(spec.min)), Math.floor(spec.max));
    return {
      value: r,
      message: `${spec.label} ${shown} is not a whole number; using ${r}.`,
    };
  }
  return { value: n === 0 ? 0 : n }; // normalise -0
}

const TRUE_WORDS = new Set(['true', '1', 'on', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'off', 'no']);

function validateBoolean(spec: BooleanSpec, raw: unknown): Validated<boolean> {
  if (typeof raw === 'boolean') return { value: raw };
  if (typeof raw === 'string') {
    const t = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(t)) return { value: true };
    if (FALSE_WORDS.has(t)) return { value: false };
  }
  return {
    value: spec.default,
    message: `${spec.label}: ${describeRaw(raw)} is not true or false; using the default (${spec.default ? 'on' : 'off'}).`,
  };
}

function validateChoice(spec: ChoiceSpec, raw: unknown): Validated<string> {
  if (typeof raw === 'string' && spec.options.some((o) => o.value === raw)) return { value: raw };
  const allowed = spec.options.map((o) => o.value).join(', ');
  return {
    value: spec.default,
    message: `${spec.label}: ${describeRaw(raw)} is not one of ${allowed}; using the default ${spec.default}.`,
  };
}

function validateText(spec: TextSpec, raw: unknown): Validated<string> {
  if (typeof raw !== 'string') {
    return {
      value: spec.default,
      message: `${spec.label}: ${describeRaw(raw)} is not text; using the default.`,
    };
  }
  if (raw.length > spec.maxLength) {
    return {
      value: raw.slice(0, spec.maxLength),
      message: `${spec.label} is ${raw.length} characters long; only the first ${spec.maxLength} are used.`,
    };
  }
  return { value: raw };
}

/**
 * Validates one raw value (from an input, the URL or a preset) against its spec.
 *
 * - number: numbers or strictly parsed strings (`"0.1"`, `"1e-3"`); `"abc"`, `""`, `"1e9x"`,
 *   NaN and ±Infinity are rejected (the default is used and the message names the label and
 *   the allowed range); out-of-range values are clamped; integers are rounded.
 * - choice: must equal one of the option values.
 * - boolean: `true`/`false` or the strings true/false, 1/0, on/off, yes/no.
 * - text: cut to `maxLength`.
 *
 * Never throws: the returned value is always valid for the spec.
 */
export function validateValue<P extends ParamSpec>(spec: P, raw: unknown): Validated<ValueOf<P>>;
export function validateValue(spec: ParamSpec, raw: unknown): Validated<unknown> {
  switch (spec.kind) {
    case 'number':
      return validateNumber(spec, raw);
    case 'boolean':
      return validateBoolean(spec, raw);
    case 'choice':
      return validateChoice(spec, raw);
    case 'text':
      return validateText(spec, raw);
  }
}

/** Result of reading a schema's values from somewhere untrusted. */
export interface ParsedParams<S extends Schema> {
  values: ParamValues<S>;
  /** One message per value that was rejected, clamped, rounded or cut. */
  messages: string[];
}

/**
 * Reads a schema's values from URL search params. Keys are `${prefix}${name}`; missing
 * keys take the default, unknown keys are ignored, bad values are fixed with a message.
 */
export function parseParams<S extends Schema>(
  schema: S,
  params: URLSearchParams,
  prefix = '',
): ParsedParams<S> {
  const values: Record<string, unknown> = {};
  const messages: string[] = [];
  for (const name of Object.keys(schema)) {
    const spec = schema[name];
    const raw = params.get(prefix + name);
    if (raw === null) {
      values[name] = spec.default;
      continue;
    }
    const v = validateValue(spec, raw);
    values[name] = v.value;
    if (v.message) messages.push(v.message);
  }
  return { values: values as ParamValues<S>, messages };
}

/**
 * Writes the values that differ from their defaults as `${prefix}${name}` keys, in schema
 * order. `parseParams(schema, serializeParams(schema, v, p), p).values` equals `v` for valid `v`.
 */
export function serializeParams<S extends Schema>(
  schema: S,
  values: ParamValues<S>,
  prefix = '',
): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of Object.keys(schema)) {
    const v: unknown = values[name];
    if (v === undefined || Object.is(v, schema[name].default)) continue;
    out.set(prefix + name, String(v));
  }
  return out;
}

/**
 * Returns a copy of `current` in which this schema's keys (with `prefix`) are replaced by the
 * serialized `values`; every other key (other widgets' state) is kept, in order.
 */
export function mergeParams<S extends Schema>(
  current: URLSearchParams,
  schema: S,
  values: ParamValues<S>,
  prefix = '',
): URLSearchParams {
  const ours = new Set(Object.keys(schema).map((n) => prefix + n));
  const out = new URLSearchParams();
  for (const [k, v] of current) if (!ours.has(k)) out.append(k, v);
  for (const [k, v] of serializeParams(schema, values, prefix)) out.set(k, v);
  return out;
}

/**
 * Canonical string of this schema's state in `params` (as `serializeParams` would write it
 * after validation); used to tell whether the URL changed for this widget.
 */
export function canonicalParams<S extends Schema>(
  schema: S,
  params: URLSearchParams,
  prefix = '',
): string {
  return serializeParams(schema, parseParams(schema, params, prefix).values, prefix).toString();
}

/**
 * This schema's keys (with `prefix`) exactly as they appear in `params`, in URL order, as a
 * query string; differs from the canonical form when the URL holds junk or defaults.
 */
export function ownParams<S extends Schema>(
  schema: S,
  params: URLSearchParams,
  prefix = '',
): string {
  const ours = new Set(Object.keys(schema).map((n) => prefix + n));
  const out = new URLSearchParams();
  for (const [k, v] of params) if (ours.has(k)) out.append(k, v);
  return out.toString();
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
