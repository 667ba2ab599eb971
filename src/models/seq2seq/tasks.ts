/**
 * The two sequence-to-sequence tasks of chapters 13 and 14, generated from a seed in the page (no
 * download): addition written as text ("123+45" -> "168") and human-written dates in many formats
 * ("3rd of March 2021", "03/03/21", ...) -> ISO 8601 `YYYY-MM-DD`. Deterministic for a seed. No
 * tfjs, no React, no DOM.
 */
import { createRng, seedForInit } from '../../train/random';
import { createSeq2SeqVocab, type Seq2SeqDataset, type Seq2SeqExample } from './vocab';

/** Options of {@link additionDataset}. */
export interface AdditionOptions {
  /** Largest number of digits of each operand, an integer in [1, 6]. Default 3. */
  maxDigits?: number;
  /**
   * Feed the input reversed ("54+321" for "123+45"), as Sutskever, Vinyals & Le (2014) did with
   * their source sentences: the first output characters then depend on input characters read
   * last, which shortens the paths the gradient must travel. Default false.
   */
  reverseSource?: boolean;
  trainSize?: number;
  validationSize?: number;
  testSize?: number;
  seed?: number;
}

/** Options of {@link datesDataset}. */
export interface DatesOptions {
  /** Formats never seen in training, asked in the test split. Default {@link DATE_HELD_OUT_FORMATS}. */
  heldOutFormats?: readonly string[];
  /** Longest input in characters: longer renderings are redrawn. Default 24. */
  maxSourceLength?: number;
  trainSize?: number;
  validationSize?: number;
  testSize?: number;
  seed?: number;
}

/** Fraction of dates (and of sums) never used in training: half validation, half test. */
export const HELD_OUT_FRACTION = 0.1;

/** Where a key falls: [0, 1) from the seed and the key (dates / sums hashed, not drawn). */
const bucket = (seed: number, key: string) => seedForInit(seed, key) / 2 ** 31;
type Split = 'train' | 'validation' | 'test';
const splitOf = (seed: number, key: string): Split => {
  const u = bucket(seed, key);
  return u < HELD_OUT_FRACTION / 2 ? 'validation' : u < HELD_OUT_FRACTION ? 'test' : 'train';
};

function draw(n: number, make: () => Seq2SeqExample | null): Seq2SeqExample[] {
  const out: Seq2SeqExample[] = [];
  for (let tries = 0; out.length < n; tries++) {
    if (tries > 50 * n + 1000) throw new Error(`seq2seq data: could not draw ${n} examples`);
    const ex = make();
    if (ex) out.push(ex);
  }
  return out;
}

function checkSizes(who: string, sizes: number[]) {
  for (const n of sizes) {
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
      throw new RangeError(`${who}: split sizes must be integers in [1, 1000000], got ${n}`);
    }
  }
}

/**
 * Addition as text, as in Keras's `addition_rnn` example (after Zaremba & Sutskever 2014): each
 * operand has a uniformly drawn number of digits in [1, maxDigits] and uniform digits; the target
 * is the sum. Pairs (a, b) are split by a hash of the seed and the pair, so no validation or test
 * sum ever appears in training.
 * @throws RangeError for maxDigits outside [1, 6] or a split size outside [1, 1000000].
 */
export function additionDataset(options: AdditionOptions = {}): Seq2SeqDataset {
  const {
    maxDigits = 3,
    reverseSource = false,
    trainSize = 20_000,
    validationSize = 1000,
    testSize = 1000,
    seed = 42,
  } = options;
  if (!Number.isInteger(maxDigits) || maxDigits < 1 || maxDigits > 6) {
    throw new RangeError(`addition: maxDigits must be an integer in [1, 6], got ${maxDigits}`);
  }
  checkSizes('addition', [trainSize, validationSize, testSize]);
  const rng = createRng(`${seed}/addition`);
  const number = () => {
    let s = '';
    const len = 1 + rng.int(maxDigits);
    for (let i = 0; i < len; i++) s += String(rng.int(10));
    return Number(s);
  };
  const maker = (want: Split) => (): Seq2SeqExample | null => {
    const a = number();
    const b = number();
    if (splitOf(seed, `${a}+${b}`) !== want) return null;
    const text = `${a}+${b}`;
    return {
      source: reverseSource ? Array.from(text).reverse().join('') : text,
      target: String(a + b),
    };
  };
  // Small maxDigits has few pairs: the held-out ones then repeat, which is fine for scoring.
  return {
    name: 'addition',
    train: draw(trainSize, maker('train')),
    validation: draw(validationSize, maker('validation')),
    test: draw(testSize, maker('test')),
    splitLabels: { validation: 'held-out sums', test: 'more held-out sums' },
    sourceVocab: createSeq2SeqVocab('0123456789+'),
    targetVocab: createSeq2SeqVocab('0123456789'),
    maxSourceLength: 2 * maxDigits + 1,
    maxTargetLength: maxDigits + 1,
  };
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December',
]; // prettier-ignore
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad2 = (n: number) => String(n).padStart(2, '0');
const ordinal = (d: number) => {
  const s =
    d % 10 === 1 && d !== 11
      ? 'st'
      : d % 10 === 2 && d !== 12
        ? 'nd'
        : d % 10 === 3 && d !== 13
          ? 'rd'
          : 'th';
  return `${d}${s}`;
};

/** A calendar date (month and day 1-based) and its weekday (0 = Sunday). */
interface Ymd {
  y: number;
  m: number;
  d: number;
  wd: number;
}

/**
 * The date formats, by name, each rendering a date (2021-03-03 in the comments). Slashed and
 * dotted numeric formats are day first (British / European), so every rendering is unambiguous;
 * two-digit years stand for 1970-2069.
 */
export const DATE_FORMATS: Readonly<Record<string, (x: Ymd) => string>> = {
  'ordinal-of': (x) => `${ordinal(x.d)} of ${MONTHS[x.m - 1]} ${x.y}`, // 3rd of March 2021
  'dd/mm/yy': (x) => `${pad2(x.d)}/${pad2(x.m)}/${pad2(x.y % 100)}`, // 03/03/21
  'mon-d-yyyy': (x) => `${MONTHS[x.m - 1].slice(0, 3)} ${x.d} ${x.y}`, // Mar 3 2021
  'yyyy-m-d': (x) => `${x.y}-${x.m}-${x.d}`, // 2021-3-3
  'weekday-long': (x) => `${WEEKDAYS[x.wd]}, ${MONTHS[x.m - 1]} ${x.d}, ${x.y}`, // Wednesday, March 3, 2021
  'month-d-yyyy': (x) => `${MONTHS[x.m - 1]} ${x.d}, ${x.y}`, // March 3, 2021
  'd.m.yyyy': (x) => `${x.d}.${x.m}.${x.y}`, // 3.3.2021
  'dd-mon-yyyy': (x) => `${pad2(x.d)}-${MONTHS[x.m - 1].slice(0, 3)}-${x.y}`, // 03-Mar-2021
  yyyymmdd: (x) => `${x.y}${pad2(x.m)}${pad2(x.d)}`, // 20210303
  'd-mon-yy': (x) => `${x.d} ${MONTHS[x.m - 1].slice(0, 3)} ${pad2(x.y % 100)}`, // 3 Mar 21
  'upper-month': (x) => `${MONTHS[x.m - 1].toUpperCase()} ${x.d}, ${x.y}`, // MARCH 3, 2021
  'lower-ordinal': (x) => `the ${ordinal(x.d)} of ${MONTHS[x.m - 1].toLowerCase()}, ${x.y}`, // the 3rd of march, 2021
  'd/m/yyyy': (x) => `${x.d}/${x.m}/${x.y}`, // 3/3/2021
  'd-month-yyyy': (x) => `${x.d} ${MONTHS[x.m - 1]} ${x.y}`, // 3 March 2021 (held out)
  'yyyy/mm/dd': (x) => `${x.y}/${pad2(x.m)}/${pad2(x.d)}`, // 2021/03/03 (held out)
  'wd-d-mon-yyyy': (x) =>
    `${WEEKDAYS[x.wd].slice(0, 3)} ${x.d} ${MONTHS[x.m - 1].slice(0, 3)} ${x.y}`, // Wed 3 Mar 2021 (held out)
};

/** Formats asked only in the test split by default: recombinations of pieces seen in training. */
export const DATE_HELD_OUT_FORMATS: readonly string[] = [
  'd-month-yyyy',
  'yyyy/mm/dd',
  'wd-d-mon-yyyy',
];

/** First and last year of the generated dates. */
export const DATE_YEARS = [1970, 2039] as const;

/** Renders a date (`YYYY-MM-DD`) in one of {@link DATE_FORMATS}. @throws RangeError for an unknown format or a bad date. */
export function formatDate(iso: string, format: string): string {
  const fmt = DATE_FORMATS[format];
  if (!fmt) throw new RangeError(`formatDate: unknown format "${format}"`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !date || date.getUTCDate() !== +m[3])
    throw new RangeError(`formatDate: "${iso}" is not a YYYY-MM-DD date`);
  return fmt({ y: +m[1], m: +m[2], d: +m[3], wd: date.getUTCDay() });
}

/**
 * Human-written dates -> ISO `YYYY-MM-DD` (the date-normalisation exercise of Andrew Ng's sequence
 * models course, with more formats). Dates are drawn uniformly from 1970-01-01 to 2039-12-31; 10%
 * of the dates (by a hash of the seed and the date) never appear in training: the validation split
 * asks half of them in the training formats, the test split the other half in the held-out
 * formats only, so it tests held-out formats and held-out dates at once.
 * @throws RangeError for an unknown held-out format, no training format left, a split size out
 *   of range or maxSourceLength outside [16, 64].
 */
export function datesDataset(options: DatesOptions = {}): Seq2SeqDataset {
  const {
    heldOutFormats = DATE_HELD_OUT_FORMATS,
    maxSourceLength = 24,
    trainSize = 20_000,
    validationSize = 1000,
    testSize = 1000,
    seed = 42,
  } = options;
  checkSizes('dates', [trainSize, validationSize, testSize]);
  if (!Number.isInteger(maxSourceLength) || maxSourceLength < 16 || maxSourceLength > 64) {
    throw new RangeError(
      `dates: maxSourceLength must be an integer in [16, 64], got ${maxSourceLength}`,
    );
  }
  const names = Object.keys(DATE_FORMATS);
  for (const f of heldOutFormats) {
    if (!DATE_FORMATS[f])
      throw new RangeError(`dates: unknown held-out format "${f}"; known: ${names.join(', ')}`);
  }
  const trainFormats = names.filter((f) => !heldOutFormats.includes(f));
  if (trainFormats.length === 0 || heldOutFormats.length === 0) {
    throw new RangeError('dates: needs at least one training format and one held-out format');
  }
  const rng = createRng(`${seed}/dates`);
  const start = Date.UTC(DATE_YEARS[0], 0, 1);
  const days = Math.round((Date.UTC(DATE_YEARS[1], 11, 31) - start) / 86_400_000) + 1;
  const maker = (want: Split, formats: readonly string[]) => (): Seq2SeqExample | null => {
    const date = new Date(start + rng.int(days) * 86_400_000);
    const iso = date.toISOString().slice(0, 10);
    if (splitOf(seed, iso) !== want) return null;
    const format = formats[rng.int(formats.length)];
    const source = formatDate(iso, format);
    return source.length > maxSourceLength ? null : { source, target: iso, format };
  };
  return {
    name: 'dates',
    train: draw(trainSize, maker('train', trainFormats)),
    validation: draw(validationSize, maker('validation', trainFormats)),
    test: draw(testSize, maker('test', heldOutFormats)),
    splitLabels: { validation: 'held-out dates', test: 'held-out formats' },
    sourceVocab: createSeq2SeqVocab(
      '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,./-',
    ),
    targetVocab: createSeq2SeqVocab('0123456789-'),
    maxSourceLength,
    maxTargetLength: 10,
  };
}
