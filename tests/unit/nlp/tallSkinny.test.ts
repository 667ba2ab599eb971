import { describe, expect, it } from 'vitest';
import { standardNormal } from '../../../src/nlp/decomposition/randomizedSvd';
import {
  choleskyQr2,
  luPermuteL,
  orthonormalizeTall,
} from '../../../src/nlp/decomposition/tallSkinny';

/** Unblocked partial-pivoting LU (P L), the textbook loop, as the reference. */
function naiveLu(Y: Float64Array, rows: number, l: number): Float64Array {
  const A = Array.from({ length: rows }, (_, r) => Array.from(Y.subarray(r * l, (r + 1) * l)));
  const perm = A.map((_, i) => i);
  for (let j = 0; j < Math.min(rows, l); j++) {
    let p = j;
    for (let r = j + 1; r < rows; r++) if (Math.abs(A[r][j]) > Math.abs(A[p][j])) p = r;
    [A[j], A[p]] = [A[p], A[j]];
    [perm[j], perm[p]] = [perm[p], perm[j]];
    for (let r = j + 1; r < rows; r++) {
      const m = A[j][j] === 0 ? 0 : A[r][j] / A[j][j];
      A[r][j] = m;
      for (let c = j + 1; c < l; c++) A[r][c] -= m * A[j][c];
    }
  }
  const out = new Float64Array(rows * l);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < l; c++) out[perm[r] * l + c] = c < r ? A[r][c] : c === r ? 1 : 0;
  }
  return out;
}

/** Max |Qᵀ Q − I| over the first `cols` columns. */
function orthoError(Q: Float64Array, rows: number, l: number, cols = l): number {
  let worst = 0;
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b < cols; b++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += Q[i * l + a] * Q[i * l + b];
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/** Residual of projecting Y's columns onto span(Q) (Q orthonormal), relative to ‖Y‖. */
function spanResidual(Y: Float64Array, Q: Float64Array, rows: number, l: number): number {
  let res = 0;
  let norm = 0;
  for (let c = 0; c < l; c++) {
    const coef = new Float64Array(l);
    for (let a = 0; a < l; a++)
      for (let i = 0; i < rows; i++) coef[a] += Q[i * l + a] * Y[i * l + c];
    for (let i = 0; i < rows; i++) {
      let proj = 0;
      for (let a = 0; a < l; a++) proj += Q[i * l + a] * coef[a];
      res += (Y[i * l + c] - proj) ** 2;
      norm += Y[i * l + c] ** 2;
    }
  }
  return Math.sqrt(res / norm);
}

describe('luPermuteL (16-column panels)', () => {
  it('equals the unblocked LU across several panels', () => {
    const rows = 120;
    const l = 37;
    const Y = standardNormal(rows * l, 3);
    const copy = Float64Array.from(Y);
    const got = luPermuteL(Y, rows, l);
    expect(Y).toEqual(copy); // Y is left as it was
    const want = naiveLu(Y, rows, l);
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 10);
    expect(luPermuteL(copy, rows, l, true)).toEqual(got); // overwrite: the same factor
  });

  it('equals the unblocked LU with a zero column (zero pivot) and rows < l', () => {
    for (const [rows, l] of [
      [40, 20],
      [10, 21],
    ]) {
      const Y = standardNormal(rows * l, 4);
      for (let i = 0; i < rows; i++) Y[i * l + 17] = 0;
      const got = luPermuteL(Y, rows, l);
      const want = naiveLu(Y, rows, l);
      for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 10);
    }
  });

  it('matches scipy.linalg.lu(permute_l=True) on [[1, 2], [3, 4], [5, 6]]', () => {
    const got = luPermuteL(Float64Array.from([1, 2, 3, 4, 5, 6]), 3, 2);
    expect(Array.from(got).map((v) => +v.toFixed(12))).toEqual([0.2, 1, 0.6, 0.5, 1, 0]);
  });
});

describe('orthonormalizeTall (CholeskyQR2, Gram-Schmidt fallback)', () => {
  it('orthonormal, same span, for a well-conditioned and an ill-conditioned Y', () => {
    const rows = 300;
    const l = 20;
    for (const spread of [1, 1e6]) {
      const Y = standardNormal(rows * l, 5);
      for (let i = 0; i < rows; i++)
        for (let c = 0; c < l; c++) Y[i * l + c] *= spread ** (c / (l - 1));
      const Q = orthonormalizeTall(Float64Array.from(Y), rows, l);
      expect(orthoError(Q, rows, l)).toBeLessThan(1e-12);
      expect(spanResidual(Y, Q, rows, l)).toBeLessThan(1e-10);
    }
  });

  it('falls back to Gram-Schmidt (a zero column) when Y is rank-deficient', () => {
    const rows = 50;
    const l = 4;
    const Y = standardNormal(rows * l, 9);
    for (let i = 0; i < rows; i++) Y[i * l + 3] = Y[i * l] + 2 * Y[i * l + 1]; // col 3 dependent
    const Q = orthonormalizeTall(Float64Array.from(Y), rows, l);
    expect(orthoError(Q, rows, l, 3)).toBeLessThan(1e-12);
    for (let i = 0; i < rows; i++) expect(Math.abs(Q[i * l + 3])).toBe(0);
    expect(spanResidual(Y, Q, rows, l)).toBeLessThan(1e-10);
  });
});

describe('choleskyQr2 (the factors, Q never formed)', () => {
  it('Y1 R2⁻¹ is orthonormal, R = R2 R1 is upper triangular and Q R = Y', () => {
    const rows = 90;
    const l = 11;
    const Y = standardNormal(rows * l, 12);
    for (let i = 0; i < rows; i++) for (let c = 0; c < l; c++) Y[i * l + c] *= 1e3 ** (c / l);
    const qr = choleskyQr2(Y, rows, l);
    if (!qr) throw new Error('choleskyQr2 failed on a full-rank Y');
    const Q = new Float64Array(rows * l);
    for (let i = 0; i < rows; i++)
      for (let c = 0; c < l; c++)
        for (let t = 0; t <= c; t++) Q[i * l + c] += qr.Y1[i * l + t] * qr.R2inv[t * l + c];
    expect(orthoError(Q, rows, l)).toBeLessThan(1e-12);
    let worst = 0;
    for (let i = 0; i < rows; i++)
      for (let c = 0; c < l; c++) {
        let v = 0;
        for (let t = 0; t < l; t++) v += Q[i * l + t] * qr.R[t * l + c];
        worst = Math.max(worst, Math.abs(v - Y[i * l + c]) / 1e3);
      }
    expect(worst).toBeLessThan(1e-12);
    for (let a = 1; a < l; a++) for (let b = 0; b < a; b++) expect(qr.R[a * l + b]).toBe(0);
  });

  it('returns null for a rank-deficient Y', () => {
    const Y = standardNormal(30 * 3, 2);
    for (let i = 0; i < 30; i++) Y[i * 3 + 2] = Y[i * 3] - Y[i * 3 + 1];
    expect(choleskyQr2(Y, 30, 3)).toBeNull();
  });
});
