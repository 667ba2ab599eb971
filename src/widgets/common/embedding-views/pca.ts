/**
 * Two-dimensional PCA of a small set of word vectors, and the alignment that keeps successive
 * projections from jumping. Pure TypeScript (ml-matrix for the SVD), no DOM.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/** The result of {@link pca2d}. */
export interface Pca2d {
  /** Row-major `[n, 2]` coordinates: the centred vectors projected on PC1 and PC2. */
  coords: Float64Array;
  /**
   * Fraction of the total variance (sum of squared singular values of the centred matrix) along
   * PC1 and PC2, each in [0, 1]; 0 for both when every vector is the same (no variance).
   */
  explained: [number, number];
  /** Number of points n. */
  n: number;
}

/**
 * Principal component analysis onto two axes, as scikit-learn's `PCA(n_components=2)
 * .fit_transform(X)` computes it: centre the rows of X (subtract the column means), take the
 * thin SVD X_c = U S V^T, and return the scores U[:, :2] S[:2] (equal to X_c V[:, :2]) with the
 * explained-variance ratios S_i^2 / sum_j S_j^2. Signs of the axes are arbitrary (as in any SVD);
 * use {@link alignProjection} to keep them stable from one call to the next.
 *
 * Cost: one SVD of an `[n, d]` matrix (ml-matrix 6.15 `SingularValueDecomposition`, transposed
 * when n < d): well under a millisecond for 40 words of 100 dimensions.
 *
 * @param vectors row-major `[n, d]` values (e.g. float32 word vectors).
 * @param n number of rows (points), >= 1.
 * @param d dimension of each row, >= 1.
 * @throws RangeError if n or d is not a positive integer or `vectors.length !== n * d`;
 *   Error if a value is NaN or infinite (a diverged run).
 */
export function pca2d(vectors: ArrayLike<number>, n: number, d: number): Pca2d {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(d) || d < 1) {
    throw new RangeError(`pca2d: n and d must be positive integers, got n = ${n}, d = ${d}.`);
  }
  if (vectors.length !== n * d) {
    throw new RangeError(`pca2d: ${vectors.length} values do not make ${n} rows of ${d}.`);
  }
  const X = new Matrix(n, d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) {
      const v = vectors[i * d + k];
      if (!Number.isFinite(v)) {
        throw new Error(`pca2d: row ${i} has a non-finite value (${v}); the vectors diverged.`);
      }
      mean[k] += v / n;
    }
  }
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) X.set(i, k, vectors[i * d + k] - mean[k]);
  const coords = new Float64Array(n * 2);
  let total = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) total += X.get(i, k) ** 2;
  if (n < 2 || !(total > 0)) return { coords, explained: [0, 0], n };
  const svd = new SingularValueDecomposition(X, {
    autoTranspose: true,
    computeLeftSingularVectors: true,
    computeRightSingularVectors: false,
  });
  const S = svd.diagonal;
  const U = svd.leftSingularVectors;
  const comps = Math.min(2, S.length, U.columns);
  for (let c = 0; c < comps; c++) {
    for (let i = 0; i < n; i++) coords[i * 2 + c] = U.get(i, c) * S[c];
  }
  const ratio = (c: number) => (c < comps ? Math.min(1, (S[c] * S[c]) / total) : 0);
  return { coords, explained: [ratio(0), ratio(1)], n };
}

/**
 * Rotates (and possibly reflects) `next`, row-major `[n, 2]`, onto `prev` by orthogonal
 * Procrustes (Schönemann 1966): R = argmin over orthogonal 2x2 R of sum_i ||next_i R - prev_i||^2
 * over the matched points, R = U V^T where U S V^T = next^T prev (both centred on the matched
 * points; no scaling). Sign flips of PCA axes and rotations within the PC1-PC2 plane are exactly
 * what this removes, so a refresh moves points only as much as the vectors really moved.
 *
 * @param next new coordinates `[n, 2]`.
 * @param prev previous coordinates `[m, 2]`.
 * @param pairs `[row in next, row in prev]` for the points present in both (e.g. the same word);
 *   with fewer than 2 pairs, only the signs of the axes are matched (no rotation).
 * @returns new coordinates `[n, 2]` (a new array) and the 2x2 matrix R applied, row-major.
 */
export function alignProjection(
  next: Float64Array,
  prev: Float64Array,
  pairs: readonly (readonly [number, number])[],
): { coords: Float64Array; rotation: [number, number, number, number] } {
  const n = next.length / 2;
  let R: [number, number, number, number] = [1, 0, 0, 1];
  if (pairs.length >= 2) {
    // Cross-covariance M = A^T B of the centred matched points (A from next, B from prev).
    let ax = 0,
      ay = 0,
      bx = 0,
      by = 0;
    for (const [i, j] of pairs) {
      ax += next[2 * i];
      ay += next[2 * i + 1];
      bx += prev[2 * j];
      by += prev[2 * j + 1];
    }
    const m = pairs.length;
    ax /= m;
    ay /= m;
    bx /= m;
    by /= m;
    let m00 = 0,
      m01 = 0,
      m10 = 0,
      m11 = 0;
    for (const [i, j] of pairs) {
      const a0 = next[2 * i] - ax,
        a1 = next[2 * i + 1] - ay;
      const b0 = prev[2 * j] - bx,
        b1 = prev[2 * j + 1] - by;
      m00 += a0 * b0;
      m01 += a0 * b1;
      m10 += a1 * b0;
      m11 += a1 * b1;
    }
    R = orthogonalPolar(m00, m01, m10, m11);
  } else if (pairs.length === 1) {
    const [i, j] = pairs[0];
    const sx = Math.sign(next[2 * i]) * Math.sign(prev[2 * j]) || 1;
    const sy = Math.sign(next[2 * i + 1]) * Math.sign(prev[2 * j + 1]) || 1;
    R = [sx, 0, 0, sy];
  }
  const coords = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const x = next[2 * i],
      y = next[2 * i + 1];
    coords[2 * i] = x * R[0] + y * R[2];
    coords[2 * i + 1] = x * R[1] + y * R[3];
  }
  return { coords, rotation: R };
}

/**
 * The orthogonal factor U V^T of the polar decomposition of the 2x2 matrix [[a, b], [c, d]]: the
 * orthogonal matrix closest to it, a rotation or (when det < 0) a reflection. Closed form: for
 * det >= 0 it is the rotation of angle atan2(b - c, a + d); otherwise the reflection
 * [[cos t, sin t], [sin t, -cos t]] with t = atan2(b + c, a - d).
 */
function orthogonalPolar(
  a: number,
  b: number,
  c: number,
  d: number,
): [number, number, number, number] {
  if (a * d - b * c >= 0) {
    if (a + d === 0 && b - c === 0) return [1, 0, 0, 1];
    const t = Math.atan2(b - c, a + d);
    return [Math.cos(t), Math.sin(t), -Math.sin(t), Math.cos(t)];
  }
  const t = Math.atan2(b + c, a - d);
  return [Math.cos(t), Math.sin(t), Math.sin(t), -Math.cos(t)];
}

/**
 * Pairs `[index in next, index in prev]` of the words present in both lists (for
 * {@link alignProjection}).
 */
export function matchWords(next: readonly string[], prev: readonly string[]): [number, number][] {
  const at = new Map(prev.map((w, j) => [w, j]));
  const out: [number, number][] = [];
  next.forEach((w, i) => {
    const j = at.get(w);
    if (j !== undefined) out.push([i, j]);
  });
  return out;
}
