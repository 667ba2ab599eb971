/**
 * Word vectors as the TensorBoard Embedding Projector's two TSV files, and back: what the
 * "Load" dialog of projector.tensorflow.org (and TensorBoard's Projector tab) reads.
 *
 * The format, as the projector's own reader parses it (tensorflow/tensorboard,
 * `tensorboard/plugins/projector/vz_projector/data-provider.ts`: `parseTensors`,
 * `parseMetadata`) and as TensorFlow's docs describe it (the TensorBoard embedding guide,
 * tensorflow/docs `site/en/guide/embedding.md`: "If the TSV metadata file has only a single
 * column, then we don't expect a header row, and assume each row is the label of the embedding";
 * the word2vec tutorial, tensorflow.org/text/tutorials/word2vec, writes `vectors.tsv` and
 * `metadata.tsv` this way):
 * - `vectors.tsv`: one row per point, its values separated by tabs, no header. Lines are split on
 *   `\n` and trimmed; blank lines are skipped; values are read with `Number` into a Float32Array.
 *   Every row must have the same number of values, and at least 2 (a 1-D vector is refused).
 * - `metadata.tsv`: one row per point, in the same order. With ONE column there is no header
 *   line: each line is a label. With more than one column the first line is the header (the
 *   projector decides by looking for a tab in the first non-blank line). Blank lines are skipped,
 *   so an empty or whitespace-only label would shift every later label onto the wrong vector.
 *
 * What this module adds so that any vocabulary survives the trip:
 * - a label with a tab, a line feed or a carriage return cannot be written as is (a tab makes a
 *   new column, or a header); such characters are escaped as `\t`, `\n`, `\r`, and a backslash as
 *   `\\` (so the escape can be undone; the projector shows the escaped text). Empty or
 *   whitespace-only labels are refused.
 * - values are written as a short decimal (at most 9 significant digits) that reads back as the
 *   same float32, what the projector keeps, so `vectors.tsv` reads back bit for bit, `-0`
 *   included. Float64 input is rounded to float32. NaN and ±Infinity are refused: the projector
 *   would take a row starting with one for a labelled row.
 *
 * The projector decodes its files as UTF-8 (Korean, emoji and combining marks are kept as they
 * are: no normalization here). It decodes them in 1 MB chunks, so a metadata file over 1 MB could
 * see a multi-byte character cut at a chunk boundary; a vocabulary of 10,000 words is about
 * 0.1 MB. Pure TypeScript, no DOM.
 */

/** The two files' text. */
export interface ProjectorFiles {
  /** `vectors.tsv`: one row of tab-separated values per word, no header. */
  vectors: string;
  /** `metadata.tsv`: one label per line (a header line first if there are extra columns). */
  metadata: string;
}

/** An extra metadata column (e.g. a word's count); its values are written with `String`. */
export interface ProjectorColumn {
  name: string;
  values: readonly (string | number)[];
}

/** Options of {@link toEmbeddingProjector}. */
export interface ToEmbeddingProjectorOptions {
  /** Extra metadata columns; with any, metadata.tsv gets a header line. Default none. */
  columns?: readonly ProjectorColumn[];
  /** The header of the label column when there is a header. Default `'word'`. */
  labelColumn?: string;
}

/** Vectors read back from the two files. */
export interface ProjectorData {
  /** The labels (the first metadata column), unescaped. */
  words: string[];
  /** Row-major float32 `[words.length * dim]`. */
  vectors: Float32Array;
  dim: number;
  /** The metadata header (null for single-column metadata). */
  columns: string[] | null;
  /** Every metadata row, each cell unescaped (`rows[i][0] === words[i]`). */
  rows: string[][];
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

/** A label with `\`, tab, LF and CR escaped as `\\`, `\t`, `\n`, `\r`. */
export function escapeProjectorLabel(label: string): string {
  return label.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]);
}

/** Undoes {@link escapeProjectorLabel}; an unknown escape such as `\x` is kept as it is. */
export function unescapeProjectorLabel(cell: string): string {
  return cell.replace(/\\([\\tnr])/g, (_, c: string) => UNESCAPES[c]);
}

/**
 * A decimal string that reads back (`Number`, then float32) as `Math.fround(x)`: 8 significant
 * digits when they suffice (they do for about 97% of float32 values), else 9 (always enough for
 * float32), trailing zeros dropped. E.g. 0.1 -> "0.1", 1/3 -> "0.33333334", 1e-7 -> "1e-7".
 * (The shortest such string is sometimes one digit shorter; searching for it costs 3-4 times as
 * much, for a file about 3% smaller.)
 *
 * @throws RangeError if `x` is NaN or ±Infinity after rounding to float32.
 */
export function float32ToString(x: number): string {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) throw new RangeError(`float32ToString: ${x} is not a finite float32.`);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let s = f.toPrecision(8);
  if (Math.fround(Number(s)) !== f) s = f.toPrecision(9);
  // "0.50000000" -> "0.5", "1.0000000e-7" -> "1e-7" (the same number, so it still round-trips).
  return s.endsWith('0') || s.includes('0e') ? String(Number(s)) : s;
}

/**
 * Writes `vectors.tsv` and `metadata.tsv` for the Embedding Projector (see the module comment).
 *
 * @param words - the labels, one per vector (row i of `vectors`).
 * @param vectors - row-major `[words.length * dim]` (float32 or float64; written as float32).
 * @param dim - values per vector, an integer >= 2 (the projector refuses 1-D vectors).
 * @throws RangeError with a reader-facing message: an empty vocabulary, `dim` < 2, a length
 *   mismatch, an empty or whitespace-only word, a NaN or infinite value (training diverged), an
 *   extra column of the wrong length.
 */
export function toEmbeddingProjector(
  words: readonly string[],
  vectors: ArrayLike<number>,
  dim: number,
  options: ToEmbeddingProjectorOptions = {},
): ProjectorFiles {
  const n = words.length;
  if (n === 0) {
    throw new RangeError('The vocabulary is empty: there are no word vectors to export.');
  }
  if (!Number.isInteger(dim) || dim < 2) {
    throw new RangeError(
      `The Embedding Projector needs vectors of at least 2 values, got dim = ${dim}.`,
    );
  }
  if (vectors.length !== n * dim) {
    throw new RangeError(
      `${n} words x ${dim} dimensions need ${n * dim} values, got ${vectors.length}.`,
    );
  }
  const columns = options.columns ?? [];
  for (const c of columns) {
    if (c.values.length !== n) {
      throw new RangeError(
        `The metadata column "${c.name}" has ${c.values.length} values for ${n} words.`,
      );
    }
  }
  const lines: string[] = new Array<string>(n);
  const labels: string[] = new Array<string>(n);
  const row: string[] = new Array<string>(dim);
  for (let i = 0; i < n; i++) {
    const w = words[i];
    if (w.trim() === '') {
      throw new RangeError(
        `Word ${i} is ${w === '' ? 'empty' : 'only whitespace'}: the projector skips blank metadata lines, which would put every later word on the wrong vector.`,
      );
    }
    for (let j = 0; j < dim; j++) {
      const v = vectors[i * dim + j];
      if (!Number.isFinite(Math.fround(v))) {
        throw new RangeError(
          `The vector of "${w}" has ${v} in column ${j}: the vectors are not finite (did training diverge?), and the projector cannot read them.`,
        );
      }
      row[j] = float32ToString(v);
    }
    lines[i] = row.join('\t');
    labels[i] = escapeProjectorLabel(w);
  }
  let metadata: string[];
  if (columns.length === 0) {
    metadata = labels;
  } else {
    const header = [options.labelColumn ?? 'word', ...columns.map((c) => c.name)];
    metadata = [
      header.map(escapeProjectorLabel).join('\t'),
      ...labels.map((l, i) =>
        [l, ...columns.map((c) => escapeProjectorLabel(String(c.values[i])))].join('\t'),
      ),
    ];
  }
  return { vectors: `${lines.join('\n')}\n`, metadata: `${metadata.join('\n')}\n` };
}

/** Non-blank lines of a TSV file as the projector splits it (on `\n`, a leading BOM dropped). */
function nonBlankLines(text: string): { line: string; number: number }[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const out: { line: string; number: number }[] = [];
  lines.forEach((line, i) => {
    if (line.trim() !== '') out.push({ line, number: i + 1 });
  });
  return out;
}

/**
 * Reads `vectors.tsv` as the projector does: rows of tab-separated numbers, blank lines skipped.
 *
 * @returns the values as float32, row-major, and the number of rows and values per row.
 * @throws RangeError naming the line: a value that is not a finite number, rows of different
 *   lengths, fewer than 2 values per row, or no rows at all.
 */
export function parseProjectorVectors(text: string): {
  vectors: Float32Array;
  rows: number;
  dim: number;
} {
  const lines = nonBlankLines(text);
  if (lines.length === 0) throw new RangeError('vectors.tsv has no rows.');
  const dim = lines[0].line.trim().split('\t').length;
  if (dim < 2) {
    throw new RangeError(
      `vectors.tsv line ${lines[0].number} has ${dim} value; at least 2 needed.`,
    );
  }
  const out = new Float32Array(lines.length * dim);
  lines.forEach(({ line, number }, r) => {
    const cells = line.trim().split('\t');
    if (cells.length !== dim) {
      throw new RangeError(
        `vectors.tsv line ${number} has ${cells.length} values, the first row ${dim}.`,
      );
    }
    for (let j = 0; j < dim; j++) {
      const v = cells[j].trim() === '' ? NaN : Number(cells[j]);
      if (!Number.isFinite(v)) {
        throw new RangeError(
          `vectors.tsv line ${number}, column ${j + 1}: "${cells[j]}" is not a finite number.`,
        );
      }
      out[r * dim + j] = v;
    }
  });
  return { vectors: out, rows: lines.length, dim };
}

/**
 * Reads `metadata.tsv` as the projector does: blank lines skipped; a header line if the first
 * line has a tab; cells unescaped ({@link unescapeProjectorLabel}).
 *
 * @returns the header (null without one) and the rows (the labels are `rows[i][0]`).
 */
export function parseProjectorMetadata(text: string): {
  columns: string[] | null;
  rows: string[][];
} {
  const lines = nonBlankLines(text);
  const hasHeader = lines.length > 0 && lines[0].line.includes('\t');
  const cells = (line: string) => line.split('\t').map(unescapeProjectorLabel);
  return {
    columns: hasHeader ? cells(lines[0].line) : null,
    rows: lines.slice(hasHeader ? 1 : 0).map(({ line }) => cells(line)),
  };
}

/**
 * Reads both files back into words and vectors.
 *
 * @throws RangeError if either file is malformed (see {@link parseProjectorVectors}) or their
 *   row counts differ (the projector refuses that pair too).
 */
export function fromEmbeddingProjector(vectorsTsv: string, metadataTsv: string): ProjectorData {
  const v = parseProjectorVectors(vectorsTsv);
  const m = parseProjectorMetadata(metadataTsv);
  if (m.rows.length !== v.rows) {
    throw new RangeError(
      `vectors.tsv has ${v.rows} rows but metadata.tsv has ${m.rows.length} labels.`,
    );
  }
  return { words: m.rows.map((r) => r[0]), vectors: v.vectors, dim: v.dim, ...m };
}
