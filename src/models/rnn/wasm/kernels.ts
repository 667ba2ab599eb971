/**
 * The recurrent layers' WebAssembly SIMD kernels (./rnn.wat, assembled into ./rnn.wasm.ts by
 * scripts/build-wasm.mjs) behind plain functions over `Float32Array`s. The wasm backend's
 * whole-sequence op (../cpu/sequence.ts, through ../fusedWasm.ts) uses them for its products and
 * the GRU's forward pass. No React, no DOM.
 *
 * Why: tfjs-backend-wasm runs each op with ~20 µs of bookkeeping, and a recurrence is thousands of
 * small ops; plain JavaScript loops avoid the bookkeeping but run the products at 1-2 G
 * multiply-adds/s and σ/tanh through Math.exp. These kernels run `[128, 64] x [64, 192]` at
 * about 7 and `[192, 3072] x [3072, 64]` at about 18 G multiply-adds/s on one core of this
 * machine, copies in and out included (XNNPACK in tfjs-wasm: about 8), and σ and tanh as a
 * vectorised exp.
 *
 * The module has one linear memory. Each call copies its operands in at 16-byte aligned offsets
 * from 0 (growing the memory when needed), runs, and copies its results out: nothing lives in the
 * module between calls, so one instance serves every layer and every task in a thread.
 */
import { instantiateWasm } from '../../../nlp/wasmModule';
import { WASM_BASE64 } from './rnn.wasm';

/** The kernels' exports (byte addresses into `memory`). */
interface Exports {
  memory: WebAssembly.Memory;
  gemmNT(a: number, b: number, c: number, m: number, k: number, n: number): void;
  gemmTN(a: number, b: number, c: number, R: number, n: number, h: number): void;
  columnSums(a: number, s: number, R: number, n: number): void;
  gruForward(
    wHh: number,
    bHh: number,
    acts: number,
    states: number,
    hn: number,
    hp: number,
    T: number,
    B: number,
    H: number,
    counts: number,
  ): void;
}

/** Products and passes over row-major `Float32Array`s (see {@link rnnWasmKernels}). */
export interface RnnWasmKernels {
  /**
   * `C = A · Bᵀ` in float32 with SIMD (sums of four interleaved partial sums, so the last bits
   * differ from a sequential sum). Same contract as ../cpu/gemm.ts's `gemmNT`: a `[m, k]`,
   * bt `[n, k]` (at least that many values), c `[m, n]` overwritten.
   */
  gemmNT(a: Float32Array, bt: Float32Array, c: Float32Array, m: number, k: number, n: number): void;
  /**
   * `C = Aᵀ · B` for A `[R, n]`, B `[R, h]` (tall, time-major rows): a weight gradient over all
   * time steps with no transposed copy. Returns C `[n, h]` as a new array.
   */
  gemmTN(a: Float32Array, b: Float32Array, R: number, n: number, h: number): Float32Array;
  /** Column sums `[n]` of A `[R, n]` (a bias gradient), in float32. */
  columnSums(a: Float32Array, R: number, n: number): Float32Array;
  /**
   * The GRU forward pass of ../cpu/cells.ts's `gruForward` (PyTorch's equations, gate order
   * r, z, n; σ and tanh to about 1e-7 absolute) for H a multiple of 4 and no probe.
   * @param xp - input projections `[T*B, 3H]` (+ b_ih), overwritten with the activations r, z, n.
   * @param wHh - W_hh `[3H, H]`; bHh `[3H]`; h0 `[B, H]`.
   * @param counts - packed sequences (see ../cpu/cells.ts's `Dims.counts`): step t runs on its
   *   first counts[t] rows `[T]`, and the other rows keep their state (their rows of xp and hn
   *   are not written). Default: all B rows at every step.
   * @returns states `[(T+1)*B, H]` (h_0, then h_1 ... h_T) and hn `[T*B, H]` (W_hn h_{t-1} + b_hn).
   * @throws RangeError when H is not a multiple of 4, a size does not match or a count is
   *   outside [0, B].
   */
  gruForward(
    xp: Float32Array,
    wHh: Float32Array,
    bHh: Float32Array,
    h0: Float32Array,
    T: number,
    B: number,
    H: number,
    counts?: Int32Array,
  ): { states: Float32Array; hn: Float32Array };
}

let cached: RnnWasmKernels | null | undefined;

/**
 * The kernels, instantiated once per thread; null where WebAssembly or its SIMD instructions are
 * not available (the caller keeps its JavaScript loops).
 */
export function rnnWasmKernels(): RnnWasmKernels | null {
  if (cached === undefined) {
    const instance = instantiateWasm(WASM_BASE64);
    cached = instance ? makeKernels(instance.exports as unknown as Exports) : null;
  }
  return cached;
}

/** Byte offsets of consecutive float32 arrays of the given lengths, each 16-byte aligned. */
function layout(...lengths: number[]): { offsets: number[]; end: number } {
  const offsets: number[] = [];
  let at = 0;
  for (const n of lengths) {
    offsets.push(at);
    at += Math.ceil((4 * n) / 16) * 16;
  }
  return { offsets, end: at };
}

function makeKernels(x: Exports): RnnWasmKernels {
  /** The memory as floats, grown to at least `bytes`. */
  const heap = (bytes: number): Float32Array => {
    const have = x.memory.buffer.byteLength;
    if (bytes > have) x.memory.grow(Math.ceil((bytes - have) / 65536));
    return new Float32Array(x.memory.buffer);
  };
  return {
    gemmNT(a, bt, c, m, k, n) {
      const { offsets: [pa, pb, pc], end } = layout(m * k, n * k, m * n); // prettier-ignore
      const f = heap(end);
      f.set(a.subarray(0, m * k), pa / 4);
      f.set(bt.subarray(0, n * k), pb / 4);
      x.gemmNT(pa, pb, pc, m, k, n);
      c.set(f.subarray(pc / 4, pc / 4 + m * n));
    },
    gemmTN(a, b, R, n, h) {
      const { offsets: [pa, pb, pc], end } = layout(R * n, R * h, n * h); // prettier-ignore
      const f = heap(end);
      f.set(a.subarray(0, R * n), pa / 4);
      f.set(b.subarray(0, R * h), pb / 4);
      x.gemmTN(pa, pb, pc, R, n, h);
      return f.slice(pc / 4, pc / 4 + n * h);
    },
    columnSums(a, R, n) {
      const { offsets: [pa, ps], end } = layout(R * n, n); // prettier-ignore
      const f = heap(end);
      f.set(a.subarray(0, R * n), pa / 4);
      x.columnSums(pa, ps, R, n);
      return f.slice(ps / 4, ps / 4 + n);
    },
    gruForward(xp, wHh, bHh, h0, T, B, H, counts) {
      const N = 3 * H;
      if (H % 4 !== 0)
        throw new RangeError(`gruForward (wasm): H must be a multiple of 4, got ${H}`);
      if (
        xp.length !== T * B * N ||
        wHh.length !== N * H ||
        bHh.length !== N ||
        h0.length !== B * H
      )
        throw new RangeError('gruForward (wasm): sizes do not match T, B and H');
      if (counts && (counts.length !== T || counts.some((n) => !(n >= 0 && n <= B))))
        throw new RangeError(`gruForward (wasm): counts must be ${T} row counts in [0, ${B}]`);
      const { offsets, end } = layout(N * H, N, T * B * N, (T + 1) * B * H, T * B * H, B * N, T);
      const [pw, pb, pa, ps, pn, ph, pc] = offsets;
      const f = heap(end);
      f.set(wHh, pw / 4);
      f.set(bHh, pb / 4);
      f.set(xp, pa / 4);
      f.set(h0, ps / 4);
      const ints = new Int32Array(f.buffer, pc, T);
      if (counts) ints.set(counts);
      else ints.fill(B);
      x.gruForward(pw, pb, pa, ps, pn, ph, T, B, H, pc);
      xp.set(f.subarray(pa / 4, pa / 4 + T * B * N));
      return {
        states: f.slice(ps / 4, ps / 4 + (T + 1) * B * H),
        hn: f.slice(pn / 4, pn / 4 + T * B * H),
      };
    },
  };
}
