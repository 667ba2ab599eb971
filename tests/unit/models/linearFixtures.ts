/**
 * Test data for the linear classifier: small CSR matrices built by hand and a seeded synthetic
 * sparse task whose class is decided by a few indicative features (like spam words).
 */
import seedrandom from 'seedrandom';
import type { CsrMatrixLike } from '../../../src/models';

/** A CSR matrix from dense rows (zeros dropped). */
export function csrFromDense(rows: number[][], cols = rows[0]?.length ?? 0): CsrMatrixLike {
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (const row of rows) {
    row.forEach((v, j) => {
      if (v !== 0) {
        indices.push(j);
        data.push(v);
      }
    });
    indptr.push(indices.length);
  }
  return {
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
    shape: [rows.length, cols],
  };
}

/** Dense rows of a CSR matrix. */
export function denseFromCsr(x: CsrMatrixLike): number[][] {
  const [n, v] = x.shape;
  return Array.from({ length: n }, (_, r) => {
    const row = new Array<number>(v).fill(0);
    for (let p = x.indptr[r]; p < x.indptr[r + 1]; p++) row[x.indices[p]] += x.data[p];
    return row;
  });
}

/**
 * `n` documents over `vocab` features, K classes: each document has ~`perDoc` random "noise" words
 * and two words drawn from its class's own block of indicative features; rows are L2-normalised
 * like tf-idf vectors. Seeded: the same arguments give the same data.
 */
export function syntheticSparse(n: number, vocab: number, k: number, seed = 'lin', perDoc = 8) {
  const rng = seedrandom.alea(seed);
  const block = 5;
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = Math.floor(rng() * k);
    const row = new Array<number>(vocab).fill(0);
    for (let t = 0; t < perDoc; t++) row[k * block + Math.floor(rng() * (vocab - k * block))] += 1;
    for (let t = 0; t < 2; t++) row[y * block + Math.floor(rng() * block)] += 1;
    const norm = Math.hypot(...row);
    rows.push(row.map((v) => v / norm));
    labels.push(y);
  }
  return { x: csrFromDense(rows, vocab), y: Int32Array.from(labels) };
}
