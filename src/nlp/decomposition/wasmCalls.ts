/**
 * The calls into the randomized SVD's wasm kernels (wasm/kernels.wat) on operands that live in
 * the active fit's wasm memory (wasmKernels.ts). Each returns false, having done nothing, when
 * its operands are not there (no fit, another array, no room for a copy): the caller then runs
 * its TypeScript loop, which gives the same bits.
 */
import type { CsrMatrixData } from '../vectorize/sparse';
import { allocF64, fitKernels, markWasm, owned, releaseTo } from './wasmKernels';

/**
 * Y = A X in wasm when A was copied in by wasmKernels.ts's `putCsr` and X (`[cols, l]`) and
 * Y (`[rows, l]`) are views on the wasm memory; Y is overwritten. Returns false (nothing done)
 * otherwise.
 */
export function csrTimesDenseWasm(
  A: CsrMatrixData,
  X: Float64Array,
  l: number,
  Y: Float64Array,
): boolean {
  const f = fitKernels(A);
  const r = f?.csr;
  if (!f || !r || !owned(X) || !owned(Y)) return false;
  f.k.csrmm(r.indptr, r.indices, r.data, r.rows, X.byteOffset, l, Y.byteOffset);
  return true;
}

/** The operands of {@link gemmWasm}, as in gemm.ts's `GemmArgs` (offsets in elements). */
export interface WasmGemmArgs {
  m: number;
  n: number;
  k: number;
  a: Float64Array;
  aOffset: number;
  lda: number;
  b: Float64Array;
  bOffset: number;
  ldb: number;
  c: Float64Array;
  cOffset: number;
  ldc: number;
  subtract: boolean;
  bUpper: boolean;
  cUpper: boolean;
  /** A's column stride (default 1): A[i, t] = a[aOffset + i * lda + t * aColStride]. */
  aColStride?: number;
}

/**
 * C ± A B in wasm when C is a view on the wasm memory. An A or B that is not is copied in for
 * the call (then freed); with `bUpper`, B is always copied, with zeros below its diagonal (the
 * kernel reads the lower triangle of B's 4 x 4 diagonal blocks). Returns false (nothing done)
 * when no fit is active, C is elsewhere or there is no room for the copies.
 */
export function gemmWasm(g: WasmGemmArgs): boolean {
  const f = fitKernels();
  if (!f || !owned(g.c)) return false;
  const mark = markWasm();
  let a = g.a.byteOffset + g.aOffset * 8;
  let lda = g.lda;
  let acs = g.aColStride ?? 1;
  let b = g.b.byteOffset + g.bOffset * 8;
  let ldb = g.ldb;
  if (!owned(g.a)) {
    const copy = allocF64(g.m * g.k, false);
    if (!owned(copy)) return undo(mark);
    for (let i = 0; i < g.m; i++) {
      const o = g.aOffset + i * g.lda;
      for (let t = 0; t < g.k; t++) copy[i * g.k + t] = g.a[o + t * acs];
    }
    a = copy.byteOffset;
    lda = g.k;
    acs = 1;
  }
  if (!owned(g.b) || g.bUpper) {
    const copy = allocF64(g.k * g.n, false);
    if (!owned(copy)) return undo(mark);
    for (let t = 0; t < g.k; t++) {
      const o = g.bOffset + t * g.ldb;
      copy.set(g.b.subarray(o, o + g.n), t * g.n);
      if (g.bUpper) copy.fill(0, t * g.n, t * g.n + Math.min(t, g.n));
    }
    b = copy.byteOffset;
    ldb = g.n;
  }
  const c = g.c.byteOffset + g.cOffset * 8;
  f.k.gemm(g.m, g.n, g.k, a, lda, b, ldb, c, g.ldc, +g.subtract, +g.cUpper, +g.bUpper, acs);
  releaseTo(mark);
  return true;
}

/**
 * lu.ts's `factorSubPanel` in wasm (the same operations) when the working copy B, `perm` and
 * `piv` are views on the wasm memory; the panel block is `[rows, wp]` at element `po` of B.
 * Returns false (nothing done) otherwise.
 */
export function luPanelWasm(
  B: Float64Array,
  po: number,
  wp: number,
  rows: number,
  jb: number,
  s0: number,
  s1: number,
  perm: Int32Array,
  piv: Int32Array,
): boolean {
  const f = fitKernels();
  if (!f || !owned(B) || !owned(perm) || !owned(piv)) return false;
  const blk = B.byteOffset + po * 8;
  f.k.luPanel(blk, wp, rows, jb, s0, s1, perm.byteOffset, piv.byteOffset);
  return true;
}

/**
 * LU's copy of Y (`[rows, l]`) into its 16-column blocks B, or with `back` the permuted P L from
 * the blocks into Y (lu.ts), in wasm when Y, B and `perm` are views on the wasm memory. Returns
 * false (nothing done) otherwise.
 */
export function luBlocksWasm(
  Y: Float64Array,
  B: Float64Array,
  rows: number,
  l: number,
  perm: Int32Array,
  back: boolean,
): boolean {
  const f = fitKernels();
  if (!f || !owned(Y) || !owned(B) || !owned(perm)) return false;
  f.k.luBlocks(Y.byteOffset, B.byteOffset, rows, l, perm.byteOffset, +back);
  return true;
}

function undo(mark: number): false {
  releaseTo(mark);
  return false;
}
