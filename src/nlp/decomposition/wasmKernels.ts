/**
 * The randomized SVD's WebAssembly SIMD kernels (wasm/kernels.wat: the CSR x dense product, the
 * dense gemm and LU's panels, f64x2) and the one linear memory they work in, laid out here by
 * bump allocation. A fit reserves the memory once ({@link beginWasmFit}: grown with
 * `memory.grow` before anything is placed in it, never during the fit, so the typed-array views
 * on it stay valid), copies the CSR matrix and its transpose in, and allocates its bases and
 * temporaries there ({@link allocF64}); kernels.ts, gemm.ts and lu.ts then call the kernels
 * (wasmCalls.ts) when every operand lives in that memory, and run their TypeScript loops
 * otherwise (no WebAssembly or no SIMD, no fit active, or the memory full). The memory keeps
 * its size after a fit (wasm memory cannot shrink). Instantiated with the global `WebAssembly`
 * (Node, a worker, the page).
 */
import type { CsrMatrixData } from '../vectorize/sparse';
import { instantiateWasm, wasmBytes } from '../wasmModule';
import { WASM_BASE64 as KERNELS_WASM_BASE64 } from './wasm/kernels.wasm';

/** The exports of kernels.wat (byte offsets in, nothing out). */
export interface KernelExports {
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
export interface ResidentCsr {
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

/** The bytes of kernels.wat (decoded from the generated kernels.wasm.ts). */
export function kernelsWasmBytes(): Uint8Array<ArrayBuffer> {
  return wasmBytes(KERNELS_WASM_BASE64);
}

/**
 * Whether the SIMD kernels can run here: `WebAssembly` exists, validates the module (SIMD
 * supported) and instantiates it. Instantiated once, synchronously (the module is 3 kB).
 */
export function wasmKernelsAvailable(): boolean {
  return loadKernels() !== null;
}

function loadKernels(): KernelExports | null {
  if (kernels === undefined) {
    const instance = instantiateWasm(KERNELS_WASM_BASE64);
    kernels = instance ? (instance.exports as unknown as KernelExports) : null;
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

/**
 * The active fit's kernels and the resident copy of A (if {@link putCsr} placed it), for the
 * kernel calls in wasmCalls.ts; null when no fit is active.
 */
export function fitKernels(A?: CsrMatrixData): { k: KernelExports; csr?: ResidentCsr } | null {
  return fit ? { k: fit.k, csr: A ? fit.csr.get(A) : undefined } : null;
}

/** Whether a fit holds the wasm memory and `arr` is a view on it. */
export function owned(arr: Float64Array | Int32Array): boolean {
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
