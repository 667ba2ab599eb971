/**
 * Gradient clipping by global norm and the state hand-over of truncated backpropagation through
 * time (TBPTT). No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import type { RnnState } from './types';

/** Added to the norm before dividing, as `torch.nn.utils.clip_grad_norm_` does. */
export const CLIP_EPSILON = 1e-6;

/** Result of {@link clipByGlobalNorm}. */
export interface ClippedGrads {
  /** The gradients, scaled when the global norm exceeded `maxNorm` (else the input tensors). */
  grads: tf.NamedTensorMap;
  /** The global norm BEFORE clipping, a scalar tensor (read it with `data()`; caller disposes). */
  globalNorm: tf.Scalar;
}

/**
 * Rescales gradients so that their global L2 norm (over all tensors together) is at most
 * `maxNorm` (Pascanu, Mikolov & Bengio 2013, "On the difficulty of training recurrent neural
 * networks", algorithm 1). Same semantics as PyTorch's `torch.nn.utils.clip_grad_norm_(params,
 * max_norm)` (norm_type 2): every gradient is multiplied by min(1, maxNorm / (norm + 1e-6)); the
 * direction is kept. (`tf.clip_by_global_norm` uses maxNorm / max(norm, maxNorm), the same up to
 * the 1e-6.)
 *
 * Off switch: `maxNorm = Infinity` or `maxNorm = 0` returns the gradients unchanged (the same
 * tensors) with their norm. Note that PyTorch would zero every gradient for max_norm = 0; here 0
 * means "no clipping", which is what a widget's clipping slider at 0 should do.
 *
 * Non-finite gradients: the norm is NaN / Infinity and, as in PyTorch (error_if_nonfinite=False),
 * the scaled gradients become NaN; the training runner's NaN-loss guard reports the divergence.
 *
 * Ownership: when clipping is on, `grads` holds NEW tensors and the input map is untouched
 * (dispose both, or call this inside `tf.tidy`); when off, `grads` is a new map of the SAME tensors.
 *
 * @param grads - name -> gradient tensor (any shapes), e.g. from `tf.variableGrads`.
 * @param maxNorm - the largest allowed global norm, >= 0; 0 or Infinity disables clipping.
 * @throws RangeError for a negative or NaN `maxNorm`.
 */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): ClippedGrads {
  if (typeof maxNorm !== 'number' || Number.isNaN(maxNorm) || maxNorm < 0) {
    throw new RangeError(
      `clipByGlobalNorm: maxNorm must be >= 0 (0 or Infinity = no clipping), got ${maxNorm}`,
    );
  }
  const names = Object.keys(grads);
  const globalNorm = tf.tidy(() =>
    names.length === 0
      ? tf.scalar(0)
      : tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))),
  ) as tf.Scalar;
  if (maxNorm === 0 || maxNorm === Infinity) return { grads: { ...grads }, globalNorm };
  const clipped = tf.tidy(() => {
    const coef = tf.minimum(
      tf.scalar(1),
      tf.div(tf.scalar(maxNorm), tf.add(globalNorm, CLIP_EPSILON)),
    );
    const out: tf.NamedTensorMap = {};
    for (const n of names) out[n] = tf.mul(grads[n], coef);
    return out;
  });
  return { grads: clipped, globalNorm };
}

/**
 * Hands a recurrent state over to the next chunk of truncated BPTT (Williams & Peng 1990; the
 * `hidden = hidden.detach()` of PyTorch's word-language-model example): returns copies of
 * `state` that are `tf.keep`-ed, so they survive the `tf.tidy` / `tf.variableGrads` in which the
 * chunk ran, and that no gradient will flow through (each chunk's gradient tape ends with its
 * chunk, so the next chunk sees them as constants).
 *
 * Ownership: the caller owns the returned copies and must dispose them (with
 * {@link disposeState}, or by passing them as `previous` next time). `state` itself is left alone
 * (it usually belongs to the enclosing tidy). `previous`, if given, is disposed: pass the state the
 * chunk started from, which the caller owned.
 *
 * Typical loop:
 * ```ts
 * let carried: RnnState | undefined; // zeros at the start of the text
 * for (const chunk of chunks) {
 *   let next: RnnState | undefined;
 *   tf.tidy(() => {
 *     const { grads } = tf.variableGrads(() => {
 *       const out = runRnn('lstm', chunk.x, w, carried);
 *       next = detachState(out);           // kept: survives both scopes
 *       return lossOf(out.outputs, chunk.y);
 *     });
 *     optimizer.applyGradients(clipByGlobalNorm(grads, 5).grads);
 *   });
 *   if (carried) disposeState(carried);
 *   carried = next;
 * }
 * ```
 *
 * @param state - `h` (and `c`) to carry over.
 * @param previous - a state to dispose now (optional).
 * @returns `{ h, c? }` kept copies.
 */
export function detachState(state: RnnState, previous?: RnnState): RnnState {
  const h = tf.keep(tf.clone(state.h));
  const out: RnnState = { h };
  if (state.c) out.c = tf.keep(tf.clone(state.c));
  if (previous) disposeState(previous);
  return out;
}

/** Disposes a state's tensors (`h`, and `c` if present). Safe to call twice. */
export function disposeState(state: RnnState): void {
  if (!state.h.isDisposed) state.h.dispose();
  if (state.c && !state.c.isDisposed) state.c.dispose();
}
