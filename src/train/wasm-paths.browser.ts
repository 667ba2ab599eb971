/**
 * Browser-only: the URLs of the tfjs WASM binaries, as emitted by Vite (`?url` imports), so the
 * wasm backend fetches them from this site rather than from a CDN.
 *
 * Loaded only by `backend.ts` through a dynamic import on the browser path; Node never loads
 * it (under Node, `@tensorflow/tfjs-backend-wasm` finds its `.wasm` files in node_modules).
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** File map for `setWasmPaths` from `@tensorflow/tfjs-backend-wasm`. */
export const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
} as const;
