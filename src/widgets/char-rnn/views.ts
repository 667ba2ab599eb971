/**
 * Pure helpers of the character-model widget's views: visible characters for labels, the units
 * the gate heatmap shows, the gradient-norm series, the default passage. No React, no tfjs.
 */

export { bitsPerChar, displayChar } from '../common/charLabels';

/**
 * The `k` units whose activation varies most over the passage (population variance over time,
 * largest first; ties by unit index), for the heatmap's rows.
 *
 * @param values - `[T, H]` row-major (time, then unit), as `CharLmGateActivations` gives them.
 * @param k - units wanted; all H when k >= H.
 * @throws RangeError when `values.length` is not T·H.
 */
export function topVaryingUnits(
  values: ArrayLike<number>,
  T: number,
  H: number,
  k: number,
): number[] {
  if (values.length !== T * H) {
    throw new RangeError(`topVaryingUnits: expected ${T}×${H} values, got ${values.length}`);
  }
  const variance = new Float64Array(H);
  for (let u = 0; u < H; u++) {
    let sum = 0;
    let sq = 0;
    for (let t = 0; t < T; t++) {
      const v = values[t * H + u];
      sum += v;
      sq += v * v;
    }
    const mean = sum / Math.max(1, T);
    variance[u] = Math.max(0, sq / Math.max(1, T) - mean * mean);
  }
  return Array.from({ length: H }, (_, u) => u)
    .sort((a, b) => variance[b] - variance[a] || a - b)
    .slice(0, Math.max(0, Math.min(k, H)));
}

/** Rows = the given units, columns = time steps, from `[T, H]` row-major values. */
export function unitRows(
  values: ArrayLike<number>,
  T: number,
  H: number,
  units: readonly number[],
): number[][] {
  return units.map((u) => Array.from({ length: T }, (_, t) => values[t * H + u]));
}

/** What the heatmap can show: the cell's gates, then the hidden state `h`. */
export function heatmapChoices(gateNames: readonly string[]): string[] {
  return [...gateNames, 'h'];
}

/** `wanted` when it is a choice, else the forget gate `f` when there is one, else the first. */
export function pickChoice(choices: readonly string[], wanted: string): string {
  if (choices.includes(wanted)) return wanted;
  return choices.includes('f') ? 'f' : choices[0];
}

/** What one gate (or the hidden state) means, for labels and the colour scale. */
export interface GateInfo {
  label: string;
  /** Colour range of the nonlinearity: sigmoid gates [0, 1], tanh ones [-1, 1]. */
  domain: [number, number];
  scheme: 'sequential' | 'diverging';
}

/** Names and ranges of LSTM (i, f, g, o), GRU (r, z, n) gates and of the hidden state `h`. */
export function gateInfo(name: string): GateInfo {
  const sigmoid = (label: string): GateInfo => ({ label, domain: [0, 1], scheme: 'sequential' });
  const tanh = (label: string): GateInfo => ({ label, domain: [-1, 1], scheme: 'diverging' });
  switch (name) {
    case 'i':
      return sigmoid('input gate i');
    case 'f':
      return sigmoid('forget gate f');
    case 'o':
      return sigmoid('output gate o');
    case 'g':
      return tanh('candidate g');
    case 'r':
      return sigmoid('reset gate r');
    case 'z':
      return sigmoid('update gate z');
    case 'n':
      return tanh('candidate n');
    default:
      return tanh('hidden state h');
  }
}

/**
 * A per-step gradient norm series for a chart whose x axis counts steps back from the scored
 * character: x = T - 1 - t (0 = the last input), y = ||dL/dh_t||. Zeros (float32 underflow: the
 * gradient vanished below 1e-45) and non-finite values become NaN, so a log axis leaves a gap.
 */
export function stepsBackSeries(norms: ArrayLike<number>): { x: number[]; y: number[] } {
  const T = norms.length;
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < T; k++) {
    const v = norms[T - 1 - k];
    x.push(k);
    y.push(Number.isFinite(v) && v > 0 ? v : NaN);
  }
  return { x, y };
}

/**
 * How fast a gradient-norm series falls going back in time: the factor per step of a least-squares
 * line through log(norm) over the finite, positive points (geometric mean ratio), or null with
 * fewer than 2 such points. 0.5 means the norm halves with every step back.
 */
export function decayPerStep(series: {
  x: readonly number[];
  y: readonly number[];
}): number | null {
  const pts: [number, number][] = [];
  series.x.forEach((x, i) => {
    const y = series.y[i];
    if (Number.isFinite(y) && y > 0) pts.push([x, Math.log(y)]);
  });
  if (pts.length < 2) return null;
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of pts) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den > 0 ? Math.exp(num / den) : null;
}

/**
 * Steps back at which a steps-back series (from {@link stepsBackSeries}) first falls below
 * `fraction` of its value at 0 steps back (a vanished value, NaN, counts as below); null when it
 * never does within the series or its first value is not a positive number.
 */
export function stepsBelow(
  series: { x: readonly number[]; y: readonly number[] },
  fraction: number,
): number | null {
  const y0 = series.y[0];
  if (!(y0 > 0)) return null;
  for (let i = 1; i < series.y.length; i++) {
    const v = series.y[i];
    if (!(v >= fraction * y0)) return series.x[i];
  }
  return null;
}

/**
 * A passage for the heatmap: `length` characters (code points) of `text`, starting at the first
 * paragraph (after a blank line) at or after `from`, or at `from` itself when there is none;
 * whitespace runs at its start are skipped.
 */
export function defaultPassage(text: string, length = 100, from = 1000): string {
  const start = Math.min(Math.max(0, from), Math.max(0, text.length - 1));
  const para = text.indexOf('\n\n', start);
  let i = para >= 0 ? para : start;
  while (i < text.length && /\s/.test(text[i])) i++;
  return Array.from(text.slice(i, i + length * 2))
    .slice(0, length)
    .join('');
}
