/**
 * Forward and backward passes of the three cells over `Float32Array`s for the cpu backend's
 * recurrent op (./sequence.ts): one function per cell and direction. Equations and gate order are
 * PyTorch's (../types.ts); the derivatives are those of ../fusedCells.ts (backpropagation through
 * time, Werbos 1990). No React, no DOM.
 *
 * Layout: time-major rows, row r = t*B + b; a `[B, G*H]` block per step holds the G gates side by
 * side (LSTM i, f, g, o; GRU r, z, n). The only products inside the time loop are the recurrent
 * ones, `h · W_hhᵀ` forward and `dz · W_hh` backward (./gemm.ts); everything else is one pass of
 * elementwise arithmetic per step.
 *
 * Forward values are rounded to float32 after each operation of the op-by-op path (../fused.ts,
 * ../cells.ts: the product, the sum with the input projection, each nonlinearity, each product
 * and sum of the state update), and the products sum in the same order as tfjs-cpu's matMul, so
 * for inner dimensions up to its block of 48 the forward values equal that path's bit for bit;
 * the backward pass computes in double precision and rounds once per stored value.
 */
import { gemmNT, type GemmNT } from './gemm';

/** Sizes: sequence length T, batch B, hidden size H; and the product to use. */
export interface Dims {
  T: number;
  B: number;
  H: number;
  /** The dense product (default ./gemm.ts's JavaScript `gemmNT`, bit-equal to tfjs-cpu's). */
  gemm?: GemmNT;
  /**
   * Packed sequences: `counts[t]` `[T]` rows are active at step t, the first ones of the batch
   * (rows sorted by length, longest first, so the counts never increase). Default: all B rows at
   * every step. Step t runs its product and gate pass on its first counts[t] rows only; the other
   * rows keep their state unchanged (forward: h_{t+1} = h_t, c likewise; backward: their dh and
   * dc pass through), read nothing of dy and get zero dXp / dHp, as PyTorch's
   * `pack_padded_sequence` does.
   */
  counts?: Int32Array;
}

/** Rows active at step t (all B without `counts`). */
const active = (d: Dims, t: number) => (d.counts ? d.counts[t] : d.B);

/**
 * Copies the state rows `[n, B)` of step t to step t+1 (rows past their sequence's end keep
 * their state): `rows` is a `[(T+1)*B, H]` state array.
 */
function carry(d: Dims, rows: Float32Array, t: number, n: number): void {
  if (n >= d.B) return;
  const s = t * d.B * d.H;
  rows.copyWithin(s + (d.B + n) * d.H, s + n * d.H, s + d.B * d.H);
}

/** Inputs of a forward pass. */
export interface ForwardArgs extends Dims {
  /**
   * Input projections `[T*B, G*H]` (rnn/lstm: + b_ih + b_hh; gru: + b_ih). Taken over: the pass
   * overwrites it with the gate activations ({@link Saved.acts}).
   */
  xp: Float32Array;
  /** W_hh `[G*H, H]` (PyTorch layout). */
  wHh: Float32Array;
  /** b_hh `[G*H]` (used by the GRU only; the others have it in `xp`). */
  bHh: Float32Array;
  h0: Float32Array;
  /** LSTM: c_0 `[B, H]`. */
  c0?: Float32Array;
  /** Additive probe `[T, B, H]`: h_t + probe_t is the output and the next step's state. */
  probe?: Float32Array;
}

/** What a backward pass needs from its forward pass (all time-major). */
export interface Saved {
  /** Gate activations `[T*B, G*H]` after the nonlinearity (rnn: the tanh output, probe excluded). */
  acts: Float32Array;
  /** The state entering every step, h_{t-1} `[T*B, H]` (h_0 first; probes included). */
  hPrev: Float32Array;
  /** LSTM: c_{t-1} `[T*B, H]` and tanh(c_t) `[T*B, H]`. */
  cPrev?: Float32Array;
  tanhC?: Float32Array;
  /** GRU: W_hn h_{t-1} + b_hn `[T*B, H]`. */
  hn?: Float32Array;
}

/** Result of a forward pass. */
export interface ForwardResult {
  /** h_t for every step `[T*B, H]` (probes included). */
  hs: Float32Array;
  /** LSTM: the final cell state `[B, H]`. */
  c?: Float32Array;
  saved: Saved;
}

/** Inputs of a backward pass. */
export interface BackwardArgs extends Dims {
  saved: Saved;
  /** dLoss/dh_t `[T*B, H]` from outside the layer (the outputs' gradient). */
  dy: Float32Array;
  /** LSTM: dLoss/dc_T `[B, H]`. */
  dcT?: Float32Array;
  /**
   * dLoss/dh_T `[B, H]`, the final state's own gradient (default zeros): it enters the recurrence
   * at the last step (of each row's own sequence, with `counts`).
   */
  dhT?: Float32Array;
  /** W_hhᵀ `[H, G*H]`. */
  wHhT: Float32Array;
  /** Also return dLoss/d(probe). */
  probing: boolean;
}

/** Gradients from a backward pass (time-major). */
export interface BackwardResult {
  /** dLoss/d(input projection) `[T*B, G*H]`. */
  dXp: Float32Array;
  /** dLoss/d(W_hh h + b_hh) `[T*B, G*H]` (the same array as `dXp` except for the GRU). */
  dHp: Float32Array;
  dh0: Float32Array;
  dc0?: Float32Array;
  /** dLoss/d(probe) `[T*B, H]` = dLoss/dh_t (every path) when probing. */
  dProbe?: Float32Array;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const f32 = Math.fround;

/** `[(T+1)*B, H]` with h_0 in the first B rows: `hPrev` and `hs` are views of it. */
function stateRows(d: Dims, h0: Float32Array): Float32Array {
  const all = new Float32Array((d.T + 1) * d.B * d.H);
  all.set(h0);
  return all;
}

// ---------------------------------------------------------------- LSTM

/** LSTM forward: z = xp_t + h W_hhᵀ; [i, f, g, o] = [σ, σ, tanh, σ](z); c = f c + i g; h = o tanh(c). */
export function lstmForward(a: ForwardArgs): ForwardResult {
  const { T, B, H, xp: acts } = a;
  const N = 4 * H;
  const states = stateRows(a, a.h0);
  const cs = stateRows(a, a.c0!);
  const tanhC = new Float32Array(T * B * H);
  const hp = new Float32Array(B * N); // h W_hhᵀ of one step
  for (let t = 0; t < T; t++) {
    const s = t * B * H; // this step's [B, H] block
    const n = active(a, t);
    (a.gemm ?? gemmNT)(states.subarray(s), a.wHh, hp, n, H, N);
    carry(a, states, t, n);
    carry(a, cs, t, n);
    for (let b = 0; b < n; b++) {
      const z = (t * B + b) * N;
      const y = b * N;
      for (let j = 0; j < H; j++) {
        const i = (acts[z + j] = f32(sigmoid(f32(acts[z + j] + hp[y + j]))));
        const f = (acts[z + H + j] = f32(sigmoid(f32(acts[z + H + j] + hp[y + H + j]))));
        const g = (acts[z + 2 * H + j] = f32(Math.tanh(f32(acts[z + 2 * H + j] + hp[y + 2 * H + j])))); // prettier-ignore
        const o = (acts[z + 3 * H + j] = f32(sigmoid(f32(acts[z + 3 * H + j] + hp[y + 3 * H + j])))); // prettier-ignore
        const q = s + b * H + j;
        const c = (cs[q + B * H] = f32(f32(f * cs[q]) + f32(i * g)));
        const tc = (tanhC[q] = f32(Math.tanh(c)));
        states[q + B * H] = a.probe ? f32(o * tc) + a.probe[q] : o * tc;
      }
    }
  }
  return {
    hs: states.subarray(B * H),
    c: cs.subarray(T * B * H),
    saved: { acts, hPrev: states.subarray(0, T * B * H), cPrev: cs.subarray(0, T * B * H), tanhC },
  };
}

/**
 * LSTM backward, t = T-1 ... 0: dh = dy_t + dz_{t+1} W_hh; dc = dc_{t+1} f_{t+1} + dh o tanh'(c);
 * dz = [dc g σ'(i), dc c_{t-1} σ'(f), dc i tanh'(g), dh tanh(c) σ'(o)].
 */
export function lstmBackward(a: BackwardArgs): BackwardResult {
  const { T, B, H, dy, saved } = a;
  const { acts, cPrev, tanhC } = saved as Required<Saved>;
  const N = 4 * H;
  const dXp = new Float32Array(T * B * N);
  const dProbe = a.probing ? new Float32Array(T * B * H) : undefined;
  const dhRec = a.dhT ? Float32Array.from(a.dhT) : new Float32Array(B * H); // dz_{t+1} W_hh
  const dc = a.dcT ? Float32Array.from(a.dcT) : new Float32Array(B * H);
  for (let t = T - 1; t >= 0; t--) {
    const nt = active(a, t);
    for (let b = 0; b < nt; b++) {
      const z = (t * B + b) * N;
      for (let j = 0; j < H; j++) {
        const q = (t * B + b) * H + j;
        const r = b * H + j;
        const dh = dy[q] + dhRec[r];
        if (dProbe) dProbe[q] = dh;
        const i = acts[z + j];
        const f = acts[z + H + j];
        const g = acts[z + 2 * H + j];
        const o = acts[z + 3 * H + j];
        const tc = tanhC[q];
        const dcv = dc[r] + dh * o * (1 - tc * tc);
        dXp[z + j] = dcv * g * i * (1 - i);
        dXp[z + H + j] = dcv * cPrev[q] * f * (1 - f);
        dXp[z + 2 * H + j] = dcv * i * (1 - g * g);
        dXp[z + 3 * H + j] = dh * tc * o * (1 - o);
        dc[r] = dcv * f;
      }
    }
    (a.gemm ?? gemmNT)(dXp.subarray(t * B * N), a.wHhT, dhRec, nt, N, H);
  }
  return { dXp, dHp: dXp, dh0: dhRec, dc0: dc, dProbe };
}

// ---------------------------------------------------------------- RNN

/** Elman RNN forward: h = tanh(xp_t + h W_hhᵀ) (+ probe). */
export function rnnForward(a: ForwardArgs): ForwardResult {
  const { T, B, H, xp: acts } = a;
  const states = stateRows(a, a.h0);
  const hp = new Float32Array(B * H);
  for (let t = 0; t < T; t++) {
    const s = t * B * H;
    const n = active(a, t);
    (a.gemm ?? gemmNT)(states.subarray(s), a.wHh, hp, n, H, H);
    carry(a, states, t, n);
    for (let q = s; q < s + n * H; q++) {
      acts[q] = Math.tanh(f32(acts[q] + hp[q - s]));
      states[q + B * H] = a.probe ? acts[q] + a.probe[q] : acts[q];
    }
  }
  return { hs: states.subarray(B * H), saved: { acts, hPrev: states.subarray(0, T * B * H) } };
}

/** RNN backward: dh = dy_t + dz_{t+1} W_hh; dz = dh (1 - a_t²). */
export function rnnBackward(a: BackwardArgs): BackwardResult {
  const { T, B, H, dy, saved } = a;
  const dXp = new Float32Array(T * B * H);
  const dProbe = a.probing ? new Float32Array(T * B * H) : undefined;
  const dhRec = a.dhT ? Float32Array.from(a.dhT) : new Float32Array(B * H);
  for (let t = T - 1; t >= 0; t--) {
    const s = t * B * H;
    const nt = active(a, t);
    for (let r = 0; r < nt * H; r++) {
      const dh = dy[s + r] + dhRec[r];
      if (dProbe) dProbe[s + r] = dh;
      const act = saved.acts[s + r];
      dXp[s + r] = dh * (1 - act * act);
    }
    (a.gemm ?? gemmNT)(dXp.subarray(s), a.wHhT, dhRec, nt, H, H);
  }
  return { dXp, dHp: dXp, dh0: dhRec, dProbe };
}

// ---------------------------------------------------------------- GRU

/**
 * GRU forward: hp = h W_hhᵀ + b_hh; r = σ(xp_r + hp_r); z = σ(xp_z + hp_z);
 * n = tanh(xp_n + r hp_n); h = n + z (h_{t-1} - n).
 */
export function gruForward(a: ForwardArgs): ForwardResult {
  const { T, B, H, xp: acts } = a;
  const N = 3 * H;
  const states = stateRows(a, a.h0);
  const hn = new Float32Array(T * B * H);
  const hp = new Float32Array(B * N);
  for (let t = 0; t < T; t++) {
    const s = t * B * H;
    const nb = active(a, t);
    (a.gemm ?? gemmNT)(states.subarray(s), a.wHh, hp, nb, H, N);
    carry(a, states, t, nb);
    for (let q = 0; q < nb * N; q++) hp[q] += a.bHh[q % N];
    for (let b = 0; b < nb; b++) {
      const z = (t * B + b) * N;
      const y = b * N;
      for (let j = 0; j < H; j++) {
        const q = s + b * H + j;
        const hnv = (hn[q] = hp[y + 2 * H + j]);
        const r = (acts[z + j] = f32(sigmoid(f32(acts[z + j] + hp[y + j]))));
        const u = (acts[z + H + j] = f32(sigmoid(f32(acts[z + H + j] + hp[y + H + j]))));
        const n = (acts[z + 2 * H + j] = f32(Math.tanh(f32(acts[z + 2 * H + j] + f32(r * hnv)))));
        const h = f32(n + f32(u * f32(states[q] - n)));
        states[q + B * H] = a.probe ? h + a.probe[q] : h;
      }
    }
  }
  return { hs: states.subarray(B * H), saved: { acts, hPrev: states.subarray(0, T * B * H), hn } };
}

/**
 * GRU backward: dn = dh (1 - z) tanh'(n); dz = dh (h_{t-1} - n) σ'(z); dr = dn hp_n σ'(r);
 * d(xp) = [dr, dz, dn]; d(hp) = [dr, dz, dn r]; dh_{t-1} = d(hp) W_hh + dh z.
 */
export function gruBackward(a: BackwardArgs): BackwardResult {
  const { T, B, H, dy, saved } = a;
  const { acts, hPrev, hn } = saved as Required<Saved>;
  const N = 3 * H;
  const dXp = new Float32Array(T * B * N);
  const dHp = new Float32Array(T * B * N);
  const dProbe = a.probing ? new Float32Array(T * B * H) : undefined;
  const dhRec = a.dhT ? Float32Array.from(a.dhT) : new Float32Array(B * H);
  const dhz = new Float32Array(B * H); // dh z: the direct path to h_{t-1}
  for (let t = T - 1; t >= 0; t--) {
    const nt = active(a, t);
    for (let b = 0; b < nt; b++) {
      const z = (t * B + b) * N;
      for (let j = 0; j < H; j++) {
        const q = (t * B + b) * H + j;
        const dh = dy[q] + dhRec[b * H + j];
        if (dProbe) dProbe[q] = dh;
        const r = acts[z + j];
        const u = acts[z + H + j];
        const n = acts[z + 2 * H + j];
        const dn = dh * (1 - u) * (1 - n * n);
        const du = dh * (hPrev[q] - n) * u * (1 - u);
        const dr = dn * hn[q] * r * (1 - r);
        dXp[z + j] = dHp[z + j] = dr;
        dXp[z + H + j] = dHp[z + H + j] = du;
        dXp[z + 2 * H + j] = dn;
        dHp[z + 2 * H + j] = dn * r;
        dhz[b * H + j] = dh * u;
      }
    }
    (a.gemm ?? gemmNT)(dHp.subarray(t * B * N), a.wHhT, dhRec, nt, N, H);
    for (let r = 0; r < nt * H; r++) dhRec[r] += dhz[r];
  }
  return { dXp, dHp, dh0: dhRec, dProbe };
}
