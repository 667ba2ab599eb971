/**
 * A schema's values in the URL: `${prefix}${name}` keys, only non-default values written,
 * everything read back through validation. Pure TypeScript: no React, no DOM.
 */
import type { ParamValues, ParsedParams, Schema } from './schema';
import { validateValue } from './validate';

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
