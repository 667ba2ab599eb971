/**
 * Settings checks shared by the Transformer widgets (chapter 15's language model, encoder-decoder
 * and the race against the LSTM). Plain functions, no React.
 */

/**
 * Why a Transformer with `heads` attention heads and model size `dModel` cannot be built, in the
 * reader's words, or null when it can: multi-head attention splits d_model into h equal slices
 * (Vaswani et al., 2017, section 3.2.2: d_k = d_model / h), so h must divide d_model.
 *
 * @param s - `heads` (h) and `dModel` (d_model), positive integers as the controls give them.
 * @returns a message naming both values and the fix, or null.
 */
export function headsProblem(s: { heads: number; dModel: number }): string | null {
  if (s.dModel % s.heads === 0) return null;
  return `${s.heads} heads do not divide d_model = ${s.dModel}: pick a d_model that is a multiple of ${s.heads} (or another number of heads).`;
}
