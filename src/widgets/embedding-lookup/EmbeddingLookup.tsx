import { useId, useState } from 'react';
import { WidgetFrame } from '../../ui';
import '../kit/widgets.css';
import './lookup.css';
import {
  LOOKUP_DIM as D,
  LOOKUP_MATRIX,
  LOOKUP_WORDS as WORDS,
  changedRows,
  fmt,
  mixVector,
  parseEntry,
  vectorTimesMatrix,
} from './lookup';

const V = WORDS.length;

/** A radio group of the vocabulary's words. */
function WordPicker({
  name,
  legend,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  value: number;
  onChange: (i: number) => void;
}) {
  return (
    <fieldset className="ui-fieldset el-picker">
      <legend>
        <span className="ui-control-label">{legend}</span>
      </legend>
      <div className="ui-segmented">
        {WORDS.map((w, i) => (
          <label key={w} className="ui-segment">
            <input
              type="radio"
              name={name}
              value={w}
              checked={value === i}
              onChange={() => onChange(i)}
            />
            <span>
              {i + 1}. {w}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Chapter 8's Embedding-layer explainer: a one-hot vector times an embedding matrix E `[5, 3]`
 * is a row lookup. The reader picks a word (or mixes two one-hot vectors with a weight, as CBOW
 * averages its context), sees x beside the rows of E, the selected rows highlighted, and the
 * product computed entry by entry; every entry of E can be edited, and editing a row whose
 * weight in x is zero is pointed out as changing nothing. No training, no tfjs.
 */
export function EmbeddingLookup() {
  const id = useId();
  const [E, setE] = useState<number[]>(() => [...LOOKUP_MATRIX]);
  const [drafts, setDrafts] = useState<string[]>(() => LOOKUP_MATRIX.map(fmtInput));
  const [errors, setErrors] = useState<(string | undefined)[]>(() => []);
  const [mix, setMix] = useState(false);
  const [i, setI] = useState(1);
  const [j, setJ] = useState(3);
  const [lambda, setLambda] = useState(0.5);
  const [note, setNote] = useState<string | null>(null);

  const x = mix ? mixVector(V, i, j, lambda) : mixVector(V, i, i, 0);
  const y = vectorTimesMatrix(x, E, D);

  const edit = (k: number, text: string) => {
    const nextDrafts = [...drafts];
    nextDrafts[k] = text;
    setDrafts(nextDrafts);
    const p = parseEntry(text);
    const nextErrors = [...errors];
    nextErrors[k] = p.error;
    setErrors(nextErrors);
    if (p.value === undefined) return;
    const nextE = [...E];
    nextE[k] = p.value;
    const rows = changedRows(E, nextE, D);
    setE(nextE);
    if (rows.length === 0) return;
    const r = rows[0];
    const before = y.map((e) => e.value);
    const after = vectorTimesMatrix(x, nextE, D).map((e) => e.value);
    const same = before.every((v, c) => Math.abs(v - after[c]) < 1e-12);
    setNote(
      x[r] === 0
        ? `You changed row ${r + 1} (${WORDS[r]}), whose weight in x is 0: the output ${same ? 'did not change' : 'changed'}. The zeros of x wipe that row out, and a gradient step through this lookup would not touch it either.`
        : `You changed row ${r + 1} (${WORDS[r]}), which x selects${x[r] !== 1 ? ` with weight ${fmt(x[r])}` : ''}: the output moved with it.`,
    );
  };

  const reset = () => {
    setE([...LOOKUP_MATRIX]);
    setDrafts(LOOKUP_MATRIX.map(fmtInput));
    setErrors([]);
    setNote(null);
  };

  const selectedText = mix
    ? `${fmt(1 - lambda)} × row ${i + 1} (${WORDS[i]}) + ${fmt(lambda)} × row ${j + 1} (${WORDS[j]})`
    : `row ${i + 1} of E, the vector of “${WORDS[i]}”`;

  return (
    <div className="w-root">
      <WidgetFrame
        id="embedding-lookup"
        title="The embedding layer is a lookup"
        subtitle="A one-hot vector times the embedding matrix E picks out one row of E."
        data={{ word: WORDS[i], mix: mix ? 'on' : 'off' }}
      >
        <fieldset className="ui-fieldset el-picker">
          <legend>
            <span className="ui-control-label">Input vector x</span>
          </legend>
          <div className="ui-segmented">
            {(['one', 'mix'] as const).map((m) => (
              <label key={m} className="ui-segment">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  value={m}
                  checked={mix === (m === 'mix')}
                  onChange={() => setMix(m === 'mix')}
                />
                <span>{m === 'one' ? 'One-hot: one word' : 'Mix two words'}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <WordPicker
          name={`${id}-w1`}
          legend={mix ? 'First word' : 'Word'}
          value={i}
          onChange={setI}
        />
        {mix && (
          <>
            <WordPicker name={`${id}-w2`} legend="Second word" value={j} onChange={setJ} />
            <div className="el-lambda">
              <label htmlFor={`${id}-lambda`} className="ui-control-label">
                Weight of the second word: {fmt(lambda)}
              </label>
              <input
                id={`${id}-lambda`}
                className="ui-slider"
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={lambda}
                onChange={(e) => setLambda(Number(e.target.value))}
              />
            </div>
          </>
        )}

        <div className="el-scroll" tabIndex={0} role="group" aria-label="x times E, row by row">
          <table className="el-table">
            <caption className="ui-visually-hidden">
              The input vector x beside the rows of the embedding matrix E, and the product x E
            </caption>
            <thead>
              <tr>
                <th scope="col">word</th>
                <th scope="col" className="el-x-col">
                  x
                </th>
                {Array.from({ length: D }, (_, c) => (
                  <th scope="col" key={c}>
                    E[·, {c + 1}]
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {WORDS.map((w, r) => (
                <tr
                  key={w}
                  className={x[r] !== 0 ? 'el-row-selected' : undefined}
                  data-row={w}
                  data-weight={x[r]}
                >
                  <th scope="row">
                    {r + 1}. {w}
                  </th>
                  <td className="el-x-col">{fmt(x[r])}</td>
                  {Array.from({ length: D }, (_, c) => {
                    const k = r * D + c;
                    return (
                      <td key={c}>
                        <input
                          className="el-entry"
                          type="text"
                          inputMode="decimal"
                          aria-label={`E row ${r + 1} (${w}), column ${c + 1}`}
                          aria-invalid={errors[k] ? true : undefined}
                          title={errors[k]}
                          value={drafts[k]}
                          onChange={(e) => edit(k, e.target.value)}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-output="">
                <th scope="row" colSpan={2}>
                  x E =
                </th>
                {y.map((e, c) => (
                  <td key={c} className="el-out" data-output-entry={c}>
                    {fmt(e.value)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
        {errors.some(Boolean) && (
          <p className="el-error" role="alert">
            {errors.find(Boolean)} The entry keeps its last valid value until then.
          </p>
        )}
        <p className="w-hint" aria-live="polite">
          The product is {selectedText}.
        </p>
        <ol className="el-sums" aria-label="The product entry by entry">
          {y.map((e, c) => (
            <li key={c}>
              <span className="el-sum-lhs">(x E)[{c + 1}] =</span>{' '}
              {e.terms.map((t, r) => (
                <span key={r} className={t.x === 0 ? 'el-term el-term-zero' : 'el-term'}>
                  {r > 0 ? ' + ' : ''}
                  {fmt(t.x)}·{paren(t.e)}
                </span>
              ))}{' '}
              = <strong>{fmt(e.value)}</strong>
            </li>
          ))}
        </ol>
        {note && (
          <p className="w-hint el-note" role="status" data-edit-note="">
            {note}
          </p>
        )}
        <div className="el-actions">
          <button type="button" className="ui-button ui-button-small" onClick={reset}>
            Reset E
          </button>
        </div>
        <p className="w-hint">
          Greyed terms are multiplied by 0. A real embedding layer (Keras <code>Embedding</code>,
          PyTorch <code>nn.Embedding</code>, <code>tf.gather</code>) skips them all and reads the
          row.
        </p>
      </WidgetFrame>
    </div>
  );
}

function fmtInput(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

/** A negative factor in parentheses, as one writes 0·(−0.6). */
function paren(v: number): string {
  return v < 0 ? `(${fmt(v)})` : fmt(v);
}
