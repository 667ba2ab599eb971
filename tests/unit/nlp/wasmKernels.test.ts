import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';
import { afterEach, describe, expect, it } from 'vitest';
import { gemm, type GemmArgs } from '../../../src/nlp/decomposition/gemm';
import { csrTimesDense, csrTimesDenseOnce } from '../../../src/nlp/decomposition/kernels';
import { TruncatedSVD } from '../../../src/nlp/decomposition/truncatedSvd';
import {
  luPermuteL,
  randomizedSvdCsr,
  standardNormal,
  type RandomizedSvdResult,
} from '../../../src/nlp/decomposition/randomizedSvd';
import { csrTimesDenseWasm, gemmWasm } from '../../../src/nlp/decomposition/wasmCalls';
import {
  allocF64,
  beginWasmFit,
  endWasmFit,
  kernelsWasmBytes,
  putCsr,
  wasmKernelsAvailable,
} from '../../../src/nlp/decomposition/wasmKernels';
import { CsrMatrix } from '../../../src/nlp/vectorize/sparse';

const WAT = new URL('../../../src/nlp/decomposition/wasm/kernels.wat', import.meta.url);

/** A random sparse `[rows, cols]` matrix whose row i has i % 21 stored entries (at most cols). */
function randomCsr(rows: number, cols: number, seed: number): CsrMatrix {
  const draws = standardNormal(rows * cols, seed);
  const dense = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) =>
      (i * 5 + j * 7) % cols < i % 21 ? draws[i * cols + j] : 0,
    ),
  );
  return CsrMatrix.fromDense(dense);
}

/** A copy of `src` in the wasm memory of the active fit. */
function inWasm(src: Float64Array): Float64Array {
  const view = allocF64(src.length, false);
  view.set(src);
  return view;
}

afterEach(() => endWasmFit());

describe('WebAssembly SIMD kernels of the randomized SVD', () => {
  it('the committed bytes are kernels.wat assembled by wabt (build:wasm is up to date)', async () => {
    const wabt = await wabtInit();
    const mod = wabt.parseWat('kernels.wat', readFileSync(WAT, 'utf8'), { simd: true });
    const { buffer } = mod.toBinary({});
    mod.destroy();
    expect(Array.from(kernelsWasmBytes())).toEqual(Array.from(buffer));
  });

  it('run in Node (WebAssembly validates the SIMD module)', () => {
    expect(WebAssembly.validate(kernelsWasmBytes())).toBe(true);
    expect(wasmKernelsAvailable()).toBe(true);
  });

  it('csrTimesDense: the wasm kernel gives the same bits as TypeScript (l odd and even)', () => {
    const A = randomCsr(45, 31, 3);
    for (const l of [1, 2, 7, 16, 33, 110]) {
      const X = standardNormal(31 * l, l);
      const want = csrTimesDense(A, X, l); // no fit active: TypeScript
      expect(beginWasmFit(1 << 20)).toBe(true);
      expect(putCsr(A)).toBe(true);
      const Y = allocF64(45 * l);
      Y.fill(7); // overwritten, not accumulated into
      expect(csrTimesDenseWasm(A, inWasm(X), l, Y)).toBe(true);
      expect(Array.from(Y)).toEqual(Array.from(want));
      endWasmFit();
      expect(Array.from(csrTimesDenseOnce(A, X, l))).toEqual(Array.from(want));
    }
  });

  it('gemm: the wasm kernel gives the same bits as TypeScript on blocks, with every option', () => {
    for (const [m, n, k] of [
      [7, 9, 5],
      [8, 8, 8],
      [1, 3, 2],
      [6, 11, 13],
      [13, 13, 17],
      [23, 23, 64],
      [5, 110, 110],
    ]) {
      const lda = k + 2;
      const ldb = n + 1;
      const ldc = n + 3;
      const a = standardNormal(3 + m * lda, m);
      const b = standardNormal(5 + k * ldb, n).map((v) => (v > 1.5 ? 1e6 : v)); // some junk
      const c0 = standardNormal(2 + m * ldc, k);
      for (const subtract of [false, true]) {
        for (const tri of ['none', 'bUpper', 'cUpper'] as const) {
          if (tri === 'cUpper' && m !== n) continue;
          const opts = { subtract, bUpper: tri === 'bUpper', cUpper: tri === 'cUpper' };
          const args = (x: Float64Array, y: Float64Array, z: Float64Array): GemmArgs => ({
            ...{ m, n, k, a: x, aOffset: 3, lda, b: y, bOffset: 5, ldb },
            ...{ c: z, cOffset: 2, ldc, ...opts },
          });
          const want = Float64Array.from(c0);
          gemm(args(a, b, want)); // TypeScript
          // All three operands in the wasm memory, then A and B outside it (copied in).
          for (const copied of [false, true]) {
            expect(beginWasmFit(1 << 20)).toBe(true);
            const c = inWasm(c0);
            const g = args(copied ? a : inWasm(a), copied ? b : inWasm(b), c);
            const ok = gemmWasm({ ...g, aOffset: 3, bOffset: 5, cOffset: 2, ...opts });
            expect(ok).toBe(true);
            for (let i = 0; i < m; i++) {
              for (let j = 0; j < ldc && 2 + i * ldc + j < c.length; j++) {
                const at = 2 + i * ldc + j;
                // With cUpper only the upper triangle is specified (and padding untouched).
                if (tri !== 'cUpper' || j >= i || j >= n) expect(c[at]).toBe(want[at]);
              }
            }
            endWasmFit();
          }
        }
      }
    }
  });

  it('luPermuteL: panels, copies and updates in wasm give the same bits (3 panels, l odd)', () => {
    for (const [rows, l] of [
      [101, 37],
      [20, 33], // rows < l
    ]) {
      const Y = standardNormal(rows * l, rows);
      const want = luPermuteL(Y, rows, l); // TypeScript
      expect(beginWasmFit(1 << 20)).toBe(true);
      const y = inWasm(Y);
      expect(Array.from(luPermuteL(y, rows, l, true))).toEqual(Array.from(want));
      endWasmFit();
    }
  });

  it('randomizedSvdCsr: kernels wasm and typescript give the same bits', () => {
    const same = (x: RandomizedSvdResult, y: RandomizedSvdResult) => {
      expect(Array.from(x.s)).toEqual(Array.from(y.s));
      expect(Array.from(x.U)).toEqual(Array.from(y.U));
      expect(Array.from(x.Vt)).toEqual(Array.from(y.Vt));
    };
    for (const [rows, cols, k] of [
      [83, 41, 9], // m > n
      [37, 90, 5], // m < n: works on Mᵀ
    ]) {
      const M = randomCsr(rows, cols, rows);
      for (const how of ['LU', 'QR', 'none'] as const) {
        const opts = { nIter: 3, nOversamples: 6, powerIterationNormalizer: how, randomState: 4 };
        const ts = randomizedSvdCsr(M, k, { ...opts, kernels: 'typescript' });
        const wasm = randomizedSvdCsr(M, k, { ...opts, kernels: 'wasm' });
        same(wasm, ts);
        expect(wasm.U.buffer).not.toBe(wasm.Vt.buffer); // plain arrays, not wasm views
      }
    }
  });

  it('a fit started inside another (from onProgress) runs in TypeScript, with the same result', () => {
    const M = randomCsr(60, 30, 8);
    const inner: RandomizedSvdResult[] = [];
    const outer = randomizedSvdCsr(M, 4, {
      nIter: 2,
      onProgress: (done) => {
        if (done === 1) inner.push(randomizedSvdCsr(M, 4, { nIter: 2 }));
      },
    });
    expect(inner).toHaveLength(1);
    expect(Array.from(inner[0].s)).toEqual(Array.from(outer.s));
    expect(Array.from(inner[0].U)).toEqual(Array.from(outer.U));
  });

  it('rejects a bad kernels option', () => {
    const M = randomCsr(20, 10, 1);
    // @ts-expect-error: not a kernels value
    expect(() => randomizedSvdCsr(M, 2, { kernels: 'gpu' })).toThrow(/kernels must be/);
    // @ts-expect-error: not a kernels value
    expect(() => new TruncatedSVD({ kernels: 'gpu' })).toThrow(/TruncatedSVD: kernels must be/);
  });
});
