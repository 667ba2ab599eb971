/**
 * LU with partial pivoting of a tall, thin matrix, the randomized SVD's normalisation between
 * power iterations (scikit-learn's `power_iteration_normalizer='LU'`).
 */
import { gemm } from './gemm';

/** Columns per panel, and per block of the working copy. */
const PANEL = 16;

/**
 * `Q, _ = scipy.linalg.lu(Y, permute_l=True)`: the permuted unit lower-trapezoidal factor P L of
 * a row-major `[rows, l]` matrix by Gaussian elimination with partial pivoting (LAPACK's getrf
 * order: panels of 16 columns, whole-row swaps, the first largest |entry| as pivot), a
 * well-conditioned basis of the same column space. A zero pivot leaves its column's
 * multipliers at 0.
 *
 * The working copy is stored in blocks of 16 columns, each block `[rows, 16]` contiguous, so a
 * panel is factored in place over contiguous memory (one pass over its rows per column: scale
 * the multiplier, update the row's entries to its right, find the next pivot), and each trailing
 * block is updated by a matrix product in register tiles (gemm.ts), with no copies in and out.
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
  const B = new Float64Array(rows * l);
  for (let b = 0; b < nb; b++) {
    const wb = width(b);
    const bo = base(b);
    for (let r = 0; r < rows; r++) {
      const yo = r * l + b * PANEL;
      const o = bo + r * wb;
      for (let c = 0; c < wb; c++) B[o + c] = Y[yo + c];
    }
  }
  const perm = Int32Array.from({ length: rows }, (_, i) => i);
  const steps = Math.min(rows, l);
  const piv = new Int32Array(PANEL);
  for (let pb = 0; pb * PANEL < steps; pb++) {
    const jb = pb * PANEL;
    const w = Math.min(PANEL, steps - jb); // pivot columns in this panel
    const wp = width(pb); // the block's columns (more than w only when rows < l)
    const po = base(pb);
    let p = jb;
    for (let r = jb + 1, best = Math.abs(B[po + jb * wp]); r < rows; r++) {
      const v = Math.abs(B[po + r * wp]);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    for (let c = 0; c < w; c++) {
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
      const findNext = c + 1 < w;
      let best = -1;
      p = j + 1;
      for (let r = j + 1; r < rows; r++) {
        const ro = po + r * wp;
        const mult = B[ro + c] * inv;
        B[ro + c] = mult;
        for (let c2 = c + 1; c2 < wp; c2++) B[ro + c2] -= mult * B[jo + c2];
        if (findNext) {
          const v = Math.abs(B[ro + c + 1]);
          if (v > best) {
            best = v;
            p = r;
          }
        }
      }
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
  for (let b = 0; b < nb; b++) {
    const wb = width(b);
    const bo = base(b);
    for (let r = 0; r < rows; r++) {
      const o = perm[r] * l + b * PANEL;
      const io = bo + r * wb;
      for (let c = 0; c < wb; c++) {
        const col = b * PANEL + c;
        out[o + c] = col < r ? B[io + c] : col === r ? 1 : 0;
      }
    }
  }
  return out;
}
