/**
 * `Slice`, `SplitV` and `Transpose` for the wasm backend that read their input in place and copy
 * only what they output. No React, no DOM.
 *
 * - tfjs-backend-wasm 4.22's Slice kernel first copies its WHOLE input out of the module's heap
 *   (`backend.readSync(x.dataId)`, a fresh ArrayBuffer) and then copies the slice from that copy;
 *   its SplitV calls that Slice once per part, so splitting a tensor in n parts copies it n times
 *   over. Every `tf.slice` / `tf.split`, and the gradient of every `tf.concat`, pays it.
 * - Its Transpose (C++, per element index arithmetic) took 3-7 ns per element on the dense
 *   layers' `[3072, 128]` and `[1408, 256]` operands of chapter 14's date model (headless
 *   Chromium), against about 1 ns for a blocked copy in JavaScript.
 *
 * In that model these cost ~6 ms (slices) and ~8 ms (transposes) of a ~100 ms training step (a
 * CPU profile): the split of the recurrent op's output, the gradients of the concatenations of
 * the encoder's two directions and of [h_t; c_t], and the transposes in the dense layers'
 * gradients. tfjs-wasm's own Concat already reads its inputs in place (`typedArrayFromHeap`);
 * these do the same. The output is allocated first (an allocation may grow the heap, which
 * detaches earlier views), then the input is viewed, not copied. Same results, bit for bit (they
 * are copies). Strings, and transposes that do not reduce to swapping two groups of axes, keep
 * tfjs's own kernels.
 *
 * Registered over tfjs's own wasm kernels by {@link installWasmCopyKernels} (backend.ts, when the
 * wasm backend is activated), through tfjs's public kernel registry.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Typed = Float32Array | Int32Array | Uint8Array;

/**
 * Copies the box `begin`/`size` of a row-major array of shape `shape` into `out` (row-major
 * `size`), one contiguous run (the innermost axes that the box spans whole) at a time.
 */
export function copyBox(
  x: Typed,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  out: Typed,
): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = x[0];
    return;
  }
  const n = size.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  // Merge the trailing axes the box spans whole into one run: axes k+1 ... of the box equal the
  // input's, so a run along axis k is contiguous.
  let k = rank - 1;
  let run = size[k];
  while (k > 0 && size[k] === shape[k] && begin[k] === 0) {
    k--;
    run *= size[k];
  }
  const strides = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) strides[a] = strides[a + 1] * shape[a + 1];
  // Odometer over the axes before k; each position copies `run` elements from its flat offset.
  const idx = new Array<number>(k).fill(0);
  const runs = n / run;
  for (let r = 0; r < runs; r++) {
    let from = begin[k] * strides[k];
    for (let a = 0; a < k; a++) from += (begin[a] + idx[a]) * strides[a];
    out.set(x.subarray(from, from + run), r * run);
    for (let a = k - 1; a >= 0; a--) {
      if (++idx[a] < size[a]) break;
      idx[a] = 0;
    }
  }
}

/**
 * A transpose as a swap of two groups of axes: `perm` merged where consecutive input axes stay
 * consecutive. Returns `{ R, C, w }` when the permutation moves a block of rows `[R, C]` of
 * `w`-element items to `[C, R]` (w = 1 for a plain 2-D transpose, w > 1 when the last axes stay
 * last, e.g. [1, 0, 2]); null for the identity or any other permutation.
 */
export function transposeAsSwap(
  shape: readonly number[],
  perm: readonly number[],
): { R: number; C: number; w: number } | null {
  // Groups of input axes that stay together and in order, in output order.
  const groups: number[][] = [];
  for (const a of perm) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1] + 1 === a) last.push(a);
    else groups.push([a]);
  }
  const size = (g: number[]) => g.reduce((p, a) => p * shape[a], 1);
  // Output groups [B, A] with A before B in the input: a swap of two groups (w = 1).
  if (groups.length === 2 && groups[1][0] === 0) {
    return { R: size(groups[1]), C: size(groups[0]), w: 1 };
  }
  // [B, A, W] with input order A, B, W: a swap of rows of W-blocks.
  if (
    groups.length === 3 &&
    groups[1][0] === 0 &&
    groups[0][0] === groups[1][groups[1].length - 1] + 1 &&
    groups[2][0] === groups[0][groups[0].length - 1] + 1
  ) {
    return { R: size(groups[1]), C: size(groups[0]), w: size(groups[2]) };
  }
  return null;
}

/**
 * out[c, r] = x[r, c] for x `[R, C]` of `w`-element items (row-major), in 16 x 16 tiles so
 * that reads and writes both stay within a few cache lines.
 */
export function swapBlocks(x: Typed, R: number, C: number, w: number, out: Typed): void {
  const T = 16;
  for (let r0 = 0; r0 < R; r0 += T) {
    const r1 = Math.min(r0 + T, R);
    for (let c0 = 0; c0 < C; c0 += T) {
      const c1 = Math.min(c0 + T, C);
      if (w === 1) {
        for (let c = c0; c < c1; c++) {
          const o = c * R;
          for (let r = r0; r < r1; r++) out[o + r] = x[r * C + c];
        }
      } else {
        for (let c = c0; c < c1; c++) {
          for (let r = r0; r < r1; r++) {
            const from = (r * C + c) * w;
            const to = (c * R + r) * w;
            for (let j = 0; j < w; j++) out[to + j] = x[from + j];
          }
        }
      }
    }
  }
}

function sliceInPlace(
  x: tf.TensorInfo,
  begin: number[],
  size: number[],
  backend: BackendWasm,
): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  if (size.some((s) => s === 0)) return out;
  const outVals = backend.typedArrayFromHeap(out) as Typed;
  copyBox(backend.typedArrayFromHeap(x) as Typed, x.shape, begin, size, outVals);
  return out;
}

type Originals = { slice: tf.KernelConfig; splitV: tf.KernelConfig; transpose: tf.KernelConfig };

/** tfjs-wasm's own configs, kept when {@link installWasmCopyKernels} replaces them. */
let original: Originals | null = null;

/**
 * tfjs-wasm's own `Slice`, `SplitV` and `Transpose` kernel configs as they were before
 * {@link installWasmCopyKernels} replaced them (for tests and benchmarks that compare the two);
 * null before that.
 */
export function originalWasmCopyKernels(): Originals | null {
  return original;
}

type WasmArgs<I, A> = { inputs: I; attrs: A; backend: BackendWasm };

/**
 * Replaces the wasm backend's `Slice`, `SplitV` and `Transpose` kernels with the in-place ones
 * above (once; later calls do nothing). Call after `@tensorflow/tfjs-backend-wasm` is imported
 * (its import registers the kernels this replaces). String tensors, and transposes that are not
 * a swap of two groups of axes, go to tfjs's own kernels.
 */
export function installWasmCopyKernels(): void {
  if (original) return;
  const slice = tf.getKernel('Slice', 'wasm');
  const splitV = tf.getKernel('SplitV', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!slice || !splitV || !transpose) return; // the wasm backend is not registered
  original = { slice, splitV, transpose };
  /**
   * Registers `run` as the wasm kernel `own.kernelName`, falling back to `own` (tfjs's) where it
   * returns null and for strings. The replacement keeps own's setup (tfjs-wasm's Transpose binds
   * its C++ function there, which its kernel, still used for the other permutations, needs).
   */
  const replace = <A>(
    own: tf.KernelConfig,
    run: (
      x: tf.TensorInfo,
      attrs: A,
      backend: BackendWasm,
    ) => tf.TensorInfo | tf.TensorInfo[] | null,
  ) => {
    tf.unregisterKernel(own.kernelName, 'wasm');
    tf.registerKernel({
      ...own,
      kernelFunc: (args) => {
        const { inputs, attrs, backend } = args as unknown as WasmArgs<{ x: tf.TensorInfo }, A>;
        const out = inputs.x.dtype === 'string' ? null : run(inputs.x, attrs, backend);
        return out ?? own.kernelFunc(args);
      },
    });
  };
  replace<{ begin: number | number[]; size: number | number[] }>(slice, (x, attrs, backend) => {
    const [b, s] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size);
    return sliceInPlace(x, b, s, backend);
  });
  replace<{ numOrSizeSplits: number | number[]; axis: number | number[] }>(
    splitV,
    (x, attrs, backend) => {
      const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
      const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits, axis);
      const begin = new Array<number>(x.shape.length).fill(0);
      return sizes.map((n) => {
        const size = x.shape.slice();
        size[axis] = n;
        const part = sliceInPlace(x, begin.slice(), size, backend);
        begin[axis] += n;
        return part;
      });
    },
  );
  replace<{ perm: number[] }>(transpose, (x, attrs, backend) => {
    const swap = transposeAsSwap(x.shape, attrs.perm);
    if (!swap) return null;
    const out = backend.makeOutput(
      attrs.perm.map((a) => x.shape[a]),
      x.dtype,
    );
    if (swap.R * swap.C * swap.w === 0) return out;
    const outVals = backend.typedArrayFromHeap(out) as Typed;
    swapBlocks(backend.typedArrayFromHeap(x) as Typed, swap.R, swap.C, swap.w, outVals);
    return out;
  });
}
