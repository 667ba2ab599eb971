/**
 * LU with partial pivoting of a tall, thin matrix, the randomized SVD's normalisation between
 * power iterations (scikit-learn's `power_iteration_normalizer='LU'`).
 */
import { gemm } from './gemm';
import { luBlocksWasm, luPanelWasm } from './wasmCalls';
import { allocF64, allocI32, markWasm, releaseTo } from './wasmKernels';

/** Columns per panel, and per block of the working copy. */
const PANEL = 16;
/** Columns per sub-panel: eliminated by row passes, the rest of the panel then by gemm. */
const SUB = 4;

/**
 * `Q, _ = scipy.linalg.lu(Y, permute_l=True)`: the permuted unit lower-trapezoidal factor P L of
 * a row-major `[rows, l]` matrix by Gaussian elimination with partial pivoting (LAPACK's getrf
 * order: panels of 16 columns, whole-row swaps, the first largest |entry| as pivot), a
 * well-conditioned basis of the same column space. A zero pivot leaves its column's
 * multipliers at 0.
 *
 * The working copy is stored in blocks of 16 columns, each block `[rows, 16]` contiguous, so a
 * panel is factored in place over contiguous memory, four columns at a time (one pass over the
 * rows per column: scale the multiplier, update the row's entries to its right within the four,
 * find the next pivot; then the rest of the panel by a matrix product), and each trailing block
 * is updated by a matrix product in register tiles (gemm.ts), with no copies in and out.
 *
 * Y is not modified unless `overwrite`: then the result is written into Y (saves an allocation
 * when Y is a temporary).
 *
 * @returns P L, row-major `[rows, l]` (columns past min(rows, l) are 0).
 */
export function luPermuteL(
  Y: Float64Array,
  rows: number,
  l: number,
  overwrite = false,
): Float64Array {
  const nb = Math.ceil(l / PANEL);
  const width = (b: number): number => Math.min(PANEL, l - b * PANEL);
  const base = (b: number): number => rows * PANEL * b;
  const mark = markWasm();
  // In a fit's wasm memory (when there), so the panels, copies and gemm run in wasm.
  const B = allocF64(rows * l, false);
  const perm = allocI32(rows);
  for (let i = 0; i < rows; i++) perm[i] = i;
  const piv = allocI32(PANEL);
  if (!luBlocksWasm(Y, B, rows, l, perm, false)) {
    for (let r = 0; r < rows; r++) {
      for (let b = 0; b < nb; b++) {
        const wb = width(b);
        const yo = r * l + b * PANEL;
        const o = base(b) + r * wb;
        for (let c = 0; c < wb; c++) B[o + c] = Y[yo + c];
      }
    }
  }
  const steps = Math.min(rows, l);
  for (let pb = 0; pb * PANEL < steps; pb++) {
    const jb = pb * PANEL;
    const w = Math.min(PANEL, steps - jb); // pivot columns in this panel
    const wp = width(pb); // the block's columns (more than w only when rows < l)
    const po = base(pb);
    for (let s0 = 0; s0 < w; s0 += SUB) {
      const s1 = Math.min(s0 + SUB, w);
      if (!luPanelWasm(B, po, wp, rows, jb, s0, s1, perm, piv)) {
        factorSubPanel(B, po, wp, rows, jb, s0, s1, perm, piv);
      }
      const rest = wp - s1;
      if (rest === 0) continue;
      // The rest of the block: U12 = L11^-1 A12 (rows jb + [s0, s1)), then A22 -= L21 U12.
      for (let i = jb + s0 + 1; i < jb + s1; i++) {
        const io = po + i * wp;
        for (let t = jb + s0; t < i; t++) {
          const m = B[io + (t - jb)];
          const to = po + t * wp;
          if (m !== 0) for (let x = s1; x < wp; x++) B[io + x] -= m * B[to + x];
        }
      }
      if (jb + s1 >= rows) continue;
      gemm({
        m: rows - jb - s1,
        n: rest,
        k: s1 - s0,
        a: B,
        aOffset: po + (jb + s1) * wp + s0,
        lda: wp,
        b: B,
        bOffset: po + (jb + s0) * wp + s1,
        ldb: wp,
        c: B,
        cOffset: po + (jb + s1) * wp + s1,
        ldc: wp,
        subtract: true,
      });
    }
    for (let b = 0; b < nb; b++) {
      if (b === pb) continue;
      const wb = width(b);
      const bo = base(b);
      // The panel's row swaps in the other blocks (earlier multipliers, trailing columns).
      for (let c = 0; c < w; c++) {
        const j = jb + c;
        const q = piv[c];
        if (q === j) continue;
        const jo = bo + j * wb;
        const qo = bo + q * wb;
        for (let x = 0; x < wb; x++) {
          const t = B[jo + x];
          B[jo + x] = B[qo + x];
          B[qo + x] = t;
        }
      }
      if (b < pb) continue;
      // U12 = L11^-1 A12 (rows [jb, jb + w) of block b), then A22 -= L21 U12.
      for (let i = jb + 1; i < jb + w; i++) {
        const io = bo + i * wb;
        for (let t = jb; t < i; t++) {
          const m = B[po + i * wp + (t - jb)];
          const to = bo + t * wb;
          if (m !== 0) for (let x = 0; x < wb; x++) B[io + x] -= m * B[to + x];
        }
      }
      if (jb + w >= rows) continue;
      gemm({
        m: rows - jb - w,
        n: wb,
        k: w,
        a: B,
        aOffset: po + (jb + w) * wp,
        lda: wp,
        b: B,
        bOffset: bo + jb * wb,
        ldb: wb,
        c: B,
        cOffset: bo + (jb + w) * wb,
        ldc: wb,
        subtract: true,
      });
    }
  }
  const out = overwrite ? Y : new Float64Array(rows * l);
  if (!luBlocksWasm(out, B, rows, l, perm, true)) {
    for (let r = 0; r < rows; r++) {
      const ro = perm[r] * l;
      for (let b = 0; b < nb; b++) {
        const wb = width(b);
        const o = ro + b * PANEL;
        const io = base(b) + r * wb;
        for (let c = 0; c < wb; c++) {
          const col = b * PANEL + c;
          out[o + c] = col < r ? B[io + c] : col === r ? 1 : 0;
        }
      }
    }
  }
  releaseTo(mark);
  return out;
}

/**
 * Unblocked partial-pivoting elimination of columns [s0, s1) of a panel block (`[rows, wp]`
 * at `po`, column 0 = global column jb), updating only those columns: a pivot search, then one
 * pass over the rows per column (scale the multiplier, update the row's entries to its right
 * within the sub-panel, find the next column's pivot: the first largest |entry|, as LAPACK's
 * idamax). Swaps whole block rows and records the pivots in `piv[c]` (c from the panel start)
 * and the row order in `perm`.
 */
function factorSubPanel(
  B: Float64Array,
  po: number,
  wp: number,
  rows: number,
  jb: number,
  s0: number,
  s1: number,
  perm: Int32Array,
  piv: Int32Array,
): void {
  let p = jb + s0;
  for (let r = p + 1, best = Math.abs(B[po + p * wp + s0]); r < rows; r++) {
    const v = Math.abs(B[po + r * wp + s0]);
    if (v > best) {
      best = v;
      p = r;
    }
  }
  for (let c = s0; c < s1; c++) {
    const j = jb + c;
    piv[c] = p;
    const jo = po + j * wp;
    if (p !== j) {
      const qo = po + p * wp;
      for (let c2 = 0; c2 < wp; c2++) {
        const t = B[jo + c2];
        B[jo + c2] = B[qo + c2];
        B[qo + c2] = t;
      }
      const t = perm[j];
      perm[j] = perm[p];
      perm[p] = t;
    }
    const pivot = B[jo + c];
    const inv = pivot === 0 ? 0 : 1 / pivot;
    const findNext = c + 1 < s1;
    let best = -1;
    p = j + 1;
    for (let r = j + 1; r < rows; r++) {
      const ro = po + r * wp;
      const mult = B[ro + c] * inv;
      B[ro + c] = mult;
      for (let c2 = c + 1; c2 < s1; c2++) B[ro + c2] -= mult * B[jo + c2];
      if (findNext) {
        const v = Math.abs(B[ro + c + 1]);
        if (v > best) {
          best = v;
          p = r;
        }
      }
    }
  }
}
