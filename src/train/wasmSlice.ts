/**
 * `Slice` and `SplitV` for the wasm backend that read their input in place. No React, no DOM.
 *
 * tfjs-backend-wasm 4.22's Slice kernel first copies its WHOLE input out of the module's heap
 * (`backend.readSync(x.dataId)`, a fresh ArrayBuffer) and then copies the slice from that copy;
 * its SplitV calls that Slice once per part, so splitting a tensor in n parts copies it n times
 * over. Every `tf.slice` / `tf.split`, and the gradient of every `tf.concat`, pays it. In chapter
 * 14's date model that was ~6 ms of a ~100 ms training step (a CPU profile in headless Chromium:
 * the split of the recurrent op's output and the gradients of the concatenations of the encoder's
 * two directions and of [h_t; c_t]). Its Concat kernel already reads its inputs in place
 * (`typedArrayFromHeap`), so these two do the same: the output is allocated first (an allocation
 * may grow the heap, which detaches earlier views), then the input is viewed, not copied, and
 * only the slice's elements are copied, one contiguous run of the innermost sliced axis at a time.
 * Same results, bit for bit (a copy). Strings keep tfjs's own kernels.
 *
 * Registered over tfjs's own wasm kernels by {@link installInPlaceWasmSlice} (backend.ts, when the
 * wasm backend is activated), through tfjs's public kernel registry.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Typed = Float32Array | Int32Array | Uint8Array;

/**
 * Copies the box `begin`/`size` of a row-major array of shape `shape` into `out` (row-major
 * `size`), a contiguous run of the innermost axes that are taken whole at a time.
 */
export function copyBox(
  x: Typed,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  out: Typed,
): void {
  const rank = shape.length;
  const n = size.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  // Merge the trailing axes the box spans whole into one run: axes k+1 ... of the box equal the
  // input's, so axis k's run is contiguous.
  let k = rank - 1;
  let run = size[k] ?? 1;
  while (k > 0 && size[k] === shape[k] && begin[k] === 0) {
    k--;
    run *= size[k];
  }
  const strides = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) strides[a] = strides[a + 1] * shape[a + 1];
  if (rank === 0) {
    out[0] = x[0];
    return;
  }
  // Odometer over the axes before k; each position copies `run` elements from the flat offset.
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

interface SliceArgs {
  inputs: { x: tf.TensorInfo };
  attrs: { begin: number | number[]; size: number | number[] };
  backend: BackendWasm;
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

/** tfjs-wasm's own Slice and SplitV configs, kept when {@link installInPlaceWasmSlice} replaces them. */
let original: { slice: tf.KernelConfig; splitV: tf.KernelConfig } | null = null;

/**
 * tfjs-wasm's own `Slice` and `SplitV` kernel configs as they were before
 * {@link installInPlaceWasmSlice} replaced them (for tests and benchmarks that compare the two);
 * null before that.
 */
export function originalWasmSliceKernels(): {
  slice: tf.KernelConfig;
  splitV: tf.KernelConfig;
} | null {
  return original;
}

/**
 * Replaces the wasm backend's `Slice` and `SplitV` kernels with the in-place ones above (once;
 * later calls do nothing). Call after `@tensorflow/tfjs-backend-wasm` is imported (its import
 * registers the kernels this replaces). String tensors go to tfjs's own kernels.
 */
export function installInPlaceWasmSlice(): void {
  if (original) return;
  const slice0 = tf.getKernel('Slice', 'wasm');
  const split0 = tf.getKernel('SplitV', 'wasm');
  if (!slice0 || !split0) return; // the wasm backend is not registered: nothing to replace
  original = { slice: slice0, splitV: split0 };
  tf.unregisterKernel('Slice', 'wasm');
  tf.registerKernel({
    kernelName: 'Slice',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { inputs, attrs, backend } = args as unknown as SliceArgs;
      const { x } = inputs;
      if (x.dtype === 'string') return slice0.kernelFunc(args);
      const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size);
      return sliceInPlace(x, begin, size, backend);
    },
  });
  tf.unregisterKernel('SplitV', 'wasm');
  tf.registerKernel({
    kernelName: 'SplitV',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { inputs, attrs, backend } = args as unknown as {
        inputs: { x: tf.TensorInfo };
        attrs: { numOrSizeSplits: number | number[]; axis: number | number[] };
        backend: BackendWasm;
      };
      const { x } = inputs;
      if (x.dtype === 'string') return split0.kernelFunc(args);
      const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
      const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits, axis);
      const begin = new Array<number>(x.shape.length).fill(0);
      return sizes.map((s) => {
        const size = x.shape.slice();
        size[axis] = s;
        const part = sliceInPlace(x, begin.slice(), size, backend);
        begin[axis] += s;
        return part;
      });
    },
  });
}
