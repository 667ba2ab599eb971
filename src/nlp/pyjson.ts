/**
 * Just enough of Python's `json` module to read and write Keras' `Tokenizer.to_json()` output
 * with key order intact.
 *
 * `JSON.parse` cannot be used for the inner vocabularies: a JS object lists integer-like keys
 * ("1", "42") before all other keys, so a word count table whose words include numbers would be
 * reordered, and Keras' tie order in `word_index` depends on first-appearance order.
 */

/** A JSON value whose objects keep their key order (as arrays of entries). */
export type OrderedJson =
  null | boolean | number | string | OrderedJson[] | { entries: [string, OrderedJson][] };

/**
 * Serialises like Python's `json.dumps(value)` with default arguments: separators `', '` and
 * `': '`, `ensure_ascii=True` (every character outside printable ASCII written as a lowercase
 * `\uXXXX` escape, astral characters as surrogate pairs). `Map`s and `{ entries }` objects keep
 * their order.
 *
 * @throws TypeError for values JSON cannot hold (undefined, functions, non-finite numbers).
 */
export function pyJsonDumps(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`pyJsonDumps: cannot encode ${value}.`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(
      /[^\x20-\x7e]/g,
      (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
    );
  }
  if (Array.isArray(value)) return '[' + value.map(pyJsonDumps).join(', ') + ']';
  let entries: [unknown, unknown][];
  if (value instanceof Map) entries = [...value.entries()];
  else if (typeof value === 'object' && 'entries' in value && Array.isArray(value.entries)) {
    entries = value.entries as [unknown, unknown][];
  } else if (typeof value === 'object') entries = Object.entries(value);
  else throw new TypeError(`pyJsonDumps: cannot encode a value of type ${typeof value}.`);
  return (
    '{' + entries.map(([k, v]) => pyJsonDumps(String(k)) + ': ' + pyJsonDumps(v)).join(', ') + '}'
  );
}

const WS = /[ \t\n\r]*/y;
// JSON forbids raw control characters inside strings: the class excludes them on purpose.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null|NaN|-?Infinity/y;

/**
 * Parses JSON text, keeping object key order (objects come back as `{ entries }`).
 * Accepts Python's non-standard `NaN` / `Infinity` literals too.
 *
 * @throws SyntaxError with the character offset when the text is not JSON.
 */
export function parseOrderedJson(text: string): OrderedJson {
  let pos = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`Invalid JSON at offset ${pos}: expected ${what}.`);
  };
  const skip = (): void => {
    WS.lastIndex = pos;
    WS.exec(text);
    pos = WS.lastIndex;
  };
  const take = (re: RegExp): string | null => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return null;
    pos = re.lastIndex;
    return m[0];
  };
  const value = (): OrderedJson => {
    skip();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const entries: [string, OrderedJson][] = [];
      skip();
      if (text[pos] === '}') {
        pos++;
        return { entries };
      }
      for (;;) {
        skip();
        const key = take(STRING) ?? fail('a string key');
        skip();
        if (text[pos++] !== ':') fail("':'");
        entries.push([JSON.parse(key) as string, value()]);
        skip();
        const sep = text[pos++];
        if (sep === '}') return { entries };
        if (sep !== ',') fail("',' or '}'");
      }
    }
    if (c === '[') {
      pos++;
      const items: OrderedJson[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return items;
      }
      for (;;) {
        items.push(value());
        skip();
        const sep = text[pos++];
        if (sep === ']') return items;
        if (sep !== ',') fail("',' or ']'");
      }
    }
    if (c === '"') return JSON.parse(take(STRING) ?? fail('a valid string')) as string;
    const lit = take(LITERAL);
    if (lit !== null) {
      if (lit === 'null') return null;
      if (lit === 'true' || lit === 'false') return lit === 'true';
      return Number(lit);
    }
    return Number(take(NUMBER) ?? fail('a JSON value'));
  };
  const result = value();
  skip();
  if (pos !== text.length) fail('end of input');
  return result;
}
