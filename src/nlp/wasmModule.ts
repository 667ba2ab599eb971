/**
 * Loading the book's hand-written WebAssembly modules (scripts/build-wasm.mjs assembles each
 * `src/**\/wasm/*.wat` into a committed `*.wasm.ts` that exports its bytes as base64): decoding,
 * and one synchronous instantiation that gives null where the module cannot run. No React, no
 * DOM; works in the page, a Web Worker and Node.
 */

/** The bytes of a module from its base64 text. */
export function wasmBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The module instantiated synchronously (the book's modules are a few kB, under the limit that
 * browsers put on synchronous compilation on the main thread), or null where it cannot run: no
 * `WebAssembly`, a module that does not validate (a browser without 128-bit SIMD), or an
 * instantiation that throws. The caller keeps its slower code for null.
 * @param base64 - the module's bytes (a `*.wasm.ts` file's `WASM_BASE64`).
 */
export function instantiateWasm(base64: string): WebAssembly.Instance | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = wasmBytes(base64);
    if (!WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Instance(new WebAssembly.Module(bytes));
  } catch {
    return null;
  }
}
