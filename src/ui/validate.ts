/**
 * Validation of hyperparameter values against their specs, with reader-facing messages.
 * Pure TypeScript: no React, no DOM.
 */
import type {
  BooleanSpec,
  ChoiceSpec,
  NumberSpec,
  ParamSpec,
  TextSpec,
  Validated,
  ValueOf,
} from './schema';

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
    const fromEnd = spec.keep === 'end';
    return {
      value: cutText(raw, spec.maxLength, fromEnd),
      message: `${spec.label} is ${raw.length} characters long; only the ${fromEnd ? 'last' : 'first'} ${spec.maxLength} are used.`,
    };
  }
  return { value: raw };
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** The first (or last) `maxLength` UTF-16 code units of `text`, never splitting a surrogate pair. */
function cutText(text: string, maxLength: number, fromEnd: boolean): string {
  if (fromEnd) {
    let start = text.length - maxLength;
    if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start += 1;
    return text.slice(start);
  }
  let end = maxLength;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/**
 * Validates one raw value (from an input, the URL or a preset) against its spec.
 *
 * - number: numbers or strictly parsed strings (`"0.1"`, `"1e-3"`); `"abc"`, `""`, `"1e9x"`,
 *   NaN and ±Infinity are rejected (the default is used and the message names the label and
 *   the allowed range); out-of-range values are clamped; integers are rounded.
 * - choice: must equal one of the option values.
 * - boolean: `true`/`false` or the strings true/false, 1/0, on/off, yes/no.
 * - text: cut to `maxLength` (keeping its start, or its end with `keep: 'end'`), never inside a
 *   surrogate pair.
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
