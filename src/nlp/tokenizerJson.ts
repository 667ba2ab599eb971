/**
 * Reading and writing Keras' `Tokenizer.to_json()` format (keras-preprocessing 1.1.2:
 * `Tokenizer.get_config`, `Tokenizer.to_json`, `tokenizer_from_json`).
 *
 * Format: `{"class_name": "Tokenizer", "config": {...}}` where the five tables are themselves
 * JSON strings (Python `json.dumps` of the dicts; integer keys become strings).
 */
import { parseOrderedJson, pyJsonDumps, type OrderedJson } from './pyjson';
import type { TokenizerOptions } from './tokenizer';

/** Keras' `Tokenizer.to_json()` payload, field names as Keras writes them. */
export interface KerasTokenizerJson {
  class_name: 'Tokenizer';
  config: {
    num_words: number | null;
    filters: string;
    lower: boolean;
    split: string;
    char_level: boolean;
    oov_token: string | null;
    document_count: number;
    /** JSON string of word -> count. */
    word_counts: string;
    /** JSON string of word -> document frequency. */
    word_docs: string;
    /** JSON string of index (as string) -> document frequency. */
    index_docs: string;
    /** JSON string of index (as string) -> word. */
    index_word: string;
    /** JSON string of word -> index. */
    word_index: string;
  };
}

/** The mutable tables of a tokenizer, as `Map`s in Keras' order. */
export interface TokenizerTables {
  counts: Map<string, number>;
  docs: Map<string, number>;
  idxDocs: Map<number, number>;
  wIndex: Map<string, number>;
  iWord: Map<number, string>;
}

/** The scalar settings of a tokenizer. */
interface TokenizerSettings {
  numWords: number | null;
  filters: string;
  lower: boolean;
  split: string;
  charLevel: boolean;
  oovToken: string | null;
  documentCount: number;
}

/** Builds the Keras `to_json` object from a tokenizer's settings and tables. */
export function tokenizerToKerasConfig(
  s: TokenizerSettings,
  t: TokenizerTables,
): KerasTokenizerJson {
  return {
    class_name: 'Tokenizer',
    config: {
      num_words: s.numWords,
      filters: s.filters,
      lower: s.lower,
      split: s.split,
      char_level: s.charLevel,
      oov_token: s.oovToken,
      document_count: s.documentCount,
      word_counts: pyJsonDumps(t.counts),
      word_docs: pyJsonDumps(t.docs),
      index_docs: pyJsonDumps(t.idxDocs),
      index_word: pyJsonDumps(t.iWord),
      word_index: pyJsonDumps(t.wIndex),
    },
  };
}

/** Serialises a {@link KerasTokenizerJson} exactly as Python's `json.dumps` would. */
export function dumpsKerasTokenizerJson(json: KerasTokenizerJson): string {
  return pyJsonDumps(json);
}

function entriesOf(v: OrderedJson | undefined, what: string): [string, OrderedJson][] {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v.entries;
  throw new TypeError(`Tokenizer JSON: ${what} must be a JSON object.`);
}

function table<K, V>(
  text: unknown,
  field: string,
  key: (k: string) => K,
  valueType: 'number' | 'string',
): Map<K, V> {
  if (typeof text !== 'string')
    throw new TypeError(`Tokenizer JSON: config.${field} must be a string.`);
  const out = new Map<K, V>();
  for (const [k, v] of entriesOf(parseOrderedJson(text), `config.${field}`)) {
    if (typeof v !== valueType) {
      throw new TypeError(
        `Tokenizer JSON: config.${field}[${JSON.stringify(k)}] must be a ${valueType}.`,
      );
    }
    out.set(key(k), v as V);
  }
  return out;
}

function intKey(field: string) {
  return (k: string): number => {
    const n = Number(k);
    if (!Number.isInteger(n))
      throw new TypeError(
        `Tokenizer JSON: config.${field} has a non-integer key ${JSON.stringify(k)}.`,
      );
    return n;
  };
}

/**
 * Parses Keras' `to_json()` output (string or object) into constructor options and tables,
 * keeping every table's key order (see `parseOrderedJson`).
 *
 * @throws SyntaxError for malformed JSON; TypeError naming the first bad field.
 */
export function tokenizerFromKerasJson(json: string | KerasTokenizerJson): {
  options: TokenizerOptions;
  state: TokenizerTables;
} {
  let config: Record<string, unknown>;
  if (typeof json === 'string') {
    const outer = entriesOf(parseOrderedJson(json), 'the top level');
    const cfg = outer.find(([k]) => k === 'config');
    config = Object.fromEntries(entriesOf(cfg?.[1], 'config'));
  } else if (json && typeof json === 'object' && json.config && typeof json.config === 'object') {
    config = json.config as unknown as Record<string, unknown>;
  } else
    throw new TypeError('Tokenizer JSON: expected {"class_name": "Tokenizer", "config": {...}}.');

  const opt = <T>(name: string, ok: (v: unknown) => boolean): T | undefined => {
    const v = config[name];
    if (v === undefined) return undefined;
    if (!ok(v)) throw new TypeError(`Tokenizer JSON: config.${name} has the wrong type.`);
    return v as T;
  };
  const isStr = (v: unknown) => typeof v === 'string';
  const isBool = (v: unknown) => typeof v === 'boolean';
  const options: TokenizerOptions = {
    numWords: opt<number | null>('num_words', (v) => v === null || typeof v === 'number'),
    filters: opt<string>('filters', isStr),
    lower: opt<boolean>('lower', isBool),
    split: opt<string>('split', isStr),
    charLevel: opt<boolean>('char_level', isBool),
    oovToken: opt<string | null>('oov_token', (v) => v === null || isStr(v)),
    documentCount: opt<number>('document_count', (v) => typeof v === 'number'),
  };
  const state: TokenizerTables = {
    counts: table(config.word_counts, 'word_counts', String, 'number'),
    docs: table(config.word_docs, 'word_docs', String, 'number'),
    idxDocs: table(config.index_docs, 'index_docs', intKey('index_docs'), 'number'),
    iWord: table(config.index_word, 'index_word', intKey('index_word'), 'string'),
    wIndex: table(config.word_index, 'word_index', String, 'number'),
  };
  return { options, state };
}
