/**
 * The randomized SVD's WebAssembly SIMD kernels (wasm/kernels.wat: the CSR x dense product and
 * the dense gemm, f64x2) and the one linear memory they work in, laid out here by bump
 * allocation. A fit reserves the memory once ({@link beginWasmFit}: grown with `memory.grow`
 * before anything is placed in it, never during the fit, so the Float64Array views on it stay
 * valid), copies the CSR matrix and its transpose in, and allocates its bases and temporaries
 * there ({@link allocF64}); kernels.ts and gemm.ts then run in wasm when every operand lives
 * in that memory, and in TypeScript otherwise (no WebAssembly or no SIMD, no fit active, or
 * the memory full). Instantiated with the global `WebAssembly` (Node, a worker, the page).
 */
import type { CsrMatrixData } from '../vectorize/sparse';
import { KERNELS_WASM_BASE64 } from './wasm/kernelsWasm';

interface KernelExports {
  memory: WebAssembly.Memory;
  csrmm(
    indptr: number,
    indices: number,
    data: number,
    rows: number,
    x: number,
    l: number,
    y: number,
  ): void;
  gemm(
    m: number,
    n: number,
    k: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    sub: number,
    cUpper: number,
    bUpper: number,
    acs: number,
  ): void;
  luPanel(
    blk: number,
    wp: number,
    rows: number,
    jb: number,
    s0: number,
    s1: number,
    perm: number,
    piv: number,
  ): void;
  luBlocks(y: number, bk: number, rows: number, l: number, perm: number, back: number): void;
}

/** Byte offsets of a CSR matrix copied into the wasm memory. */
interface ResidentCsr {
  indptr: number;
  indices: number;
  data: number;
  rows: number;
}

const PAGE = 65536;
/** The most memory a fit may use (the kernels' byte offsets are compared as signed i32 in places). */
const MAX_BYTES = 2 ** 31 - PAGE;
/** Bytes reserved below the first allocation (address 0 stays unused). */
const BASE = 16;

let kernels: KernelExports | null | undefined;

/** The bytes of kernels.wat (decoded from the generated kernelsWasm.ts). */
export function kernelsWasmBytes(): Uint8Array<ArrayBuffer> {
  const bin = atob(KERNELS_WASM_BASE64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * Whether the SIMD kernels can run here: `WebAssembly` exists, validates the module (SIMD
 * supported) and instantiates it. Instantiated once, synchronously (the module is 3 kB).
 */
export function wasmKernelsAvailable(): boolean {
  return loadKernels() !== null;
}

function loadKernels(): KernelExports | null {
  if (kernels !== undefined) return kernels;
  kernels = null;
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = kernelsWasmBytes();
    if (!WebAssembly.validate(bytes)) return null;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    kernels = instance.exports as unknown as KernelExports;
  } catch {
    kernels = null;
  }
  return kernels;
}

/** The state of the fit that holds the wasm memory (at most one at a time). */
interface Fit {
  k: KernelExports;
  buffer: ArrayBuffer;
  top: number;
  end: number;
  csr: WeakMap<CsrMatrixData, ResidentCsr>;
}

let fit: Fit | null = null;

/**
 * Starts a fit on the wasm kernels: resets the bump allocator and grows the memory to at least
 * `bytes` (plus its base). Returns false, and the kernels stay off, when they are unavailable,
 * when another fit holds the memory (a nested call, e.g. from a progress callback) or when the
 * memory cannot grow (past 2 GB, or the host refuses). Pair with {@link endWasmFit} (in a
 * `finally`).
 */
export function beginWasmFit(bytes: number): boolean {
  const k = loadKernels();
  if (!k || fit) return false;
  const need = Math.ceil((BASE + bytes) / PAGE) * PAGE;
  if (!(need <= MAX_BYTES)) return false;
  try {
    const have = k.memory.buffer.byteLength;
    if (need > have) k.memory.grow((need - have) / PAGE);
  } catch {
    return false;
  }
  const buffer = k.memory.buffer;
  fit = { k, buffer, top: BASE, end: buffer.byteLength, csr: new WeakMap() };
  return true;
}

/** Ends the fit begun by {@link beginWasmFit}: its views must not be used any more. */
export function endWasmFit(): void {
  fit = null;
}

/** Whether a fit holds the wasm memory and `arr` is a view on it. */
function owned(arr: Float64Array | Int32Array): boolean {
  return fit !== null && arr.buffer === fit.buffer;
}

function bump(bytes: number): number {
  if (!fit) return -1;
  const at = fit.top;
  const top = at + Math.ceil(bytes / 16) * 16;
  if (top > fit.end) return -1;
  fit.top = top;
  return at;
}

/**
 * `n` float64s for a kernel operand: a view on the wasm memory while a fit is active and it has
 * room, else a new Float64Array. Zeroed unless `zero` is false (the caller overwrites it all).
 */
export function allocF64(n: number, zero = true): Float64Array {
  const at = bump(n * 8);
  if (at < 0 || !fit) return new Float64Array(n);
  const view = new Float64Array(fit.buffer, at, n);
  if (zero) view.fill(0);
  return view;
}

/** `n` int32s, zeroed: a view on the wasm memory during a fit with room, else an Int32Array. */
export function allocI32(n: number): Int32Array {
  const at = bump(n * 4);
  if (at < 0 || !fit) return new Int32Array(n);
  return new Int32Array(fit.buffer, at, n).fill(0);
}

/** The allocator's position, to free everything allocated after it with {@link releaseTo}. */
export function markWasm(): number {
  return fit ? fit.top : 0;
}

/** Frees the wasm allocations made since `mark` (their views must not be used any more). */
export function releaseTo(mark: number): void {
  if (fit && mark >= BASE && mark <= fit.top) fit.top = mark;
}

/**
 * Copies a CSR matrix into the wasm memory for the rest of the fit ({@link csrTimesDenseWasm}
 * then uses it). Returns false when no fit is active or the memory is full.
 */
export function putCsr(A: CsrMatrixData): boolean {
  if (!fit) return false;
  const rows = A.shape[0];
  const nnz = A.indptr[rows];
  const mark = fit.top;
  const ip = bump((rows + 1) * 4);
  const ix = bump(nnz * 4);
  const dt = bump(nnz * 8);
  if (ip < 0 || ix < 0 || dt < 0) {
    fit.top = mark;
    return false;
  }
  new Int32Array(fit.buffer, ip, rows + 1).set(A.indptr.subarray(0, rows + 1));
  new Int32Array(fit.buffer, ix, nnz).set(A.indices.subarray(0, nnz));
  new Float64Array(fit.buffer, dt, nnz).set(A.data.subarray(0, nnz));
  fit.csr.set(A, { indptr: ip, indices: ix, data: dt, rows });
  return true;
}

/** Bytes that {@link putCsr} takes for A. */
export function csrBytes(A: CsrMatrixData): number {
  const rows = A.shape[0];
  const nnz = A.indptr[rows];
  return 16 * 3 + (rows + 1) * 4 + nnz * 12;
}

/**
 * Y = A X in wasm when A was copied in by {@link putCsr} and X (`[cols, l]`) and Y (`[rows, l]`)
 * are views on the wasm memory; Y is overwritten. Returns false (nothing done) otherwise.
 */
export function csrTimesDenseWasm(
  A: CsrMatrixData,
  X: Float64Array,
  l: number,
  Y: Float64Array,
): boolean {
  const r = fit?.csr.get(A);
  if (!fit || !r || !owned(X) || !owned(Y)) return false;
  fit.k.csrmm(r.indptr, r.indices, r.data, r.rows, X.byteOffset, l, Y.byteOffset);
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
  if (!fit || !owned(g.c)) return false;
  const mark = fit.top;
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
  fit.k.gemm(g.m, g.n, g.k, a, lda, b, ldb, c, g.ldc, +g.subtract, +g.cUpper, +g.bUpper, acs);
  fit.top = mark;
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
  if (!fit || !owned(B) || !owned(perm) || !owned(piv)) return false;
  const blk = B.byteOffset + po * 8;
  fit.k.luPanel(blk, wp, rows, jb, s0, s1, perm.byteOffset, piv.byteOffset);
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
  if (!fit || !owned(Y) || !owned(B) || !owned(perm)) return false;
  fit.k.luBlocks(Y.byteOffset, B.byteOffset, rows, l, perm.byteOffset, +back);
  return true;
}

function undo(mark: number): false {
  if (fit) fit.top = mark;
  return false;
}
