/**
 * src/nlp/wasmModule.ts: base64 decoding and the synchronous instantiation that gives null (the
 * caller's fallback) for a module that cannot run.
 */
import { describe, expect, it } from 'vitest';
import { WASM_BASE64 as RNN_WASM } from '../../../src/models/rnn/wasm/rnn.wasm';
import { WASM_BASE64 as SVD_WASM } from '../../../src/nlp/decomposition/wasm/kernels.wasm';
import { instantiateWasm, wasmBytes } from '../../../src/nlp/wasmModule';

describe('wasmModule', () => {
  it('decodes base64 to the module bytes (the wasm magic number first)', () => {
    expect(Array.from(wasmBytes(btoa('\0asm\x01\0\0\0')))).toEqual([0, 97, 115, 109, 1, 0, 0, 0]);
    expect(Array.from(wasmBytes(RNN_WASM).subarray(0, 4))).toEqual([0, 97, 115, 109]);
  });

  it("instantiates the book's modules, with their exports", () => {
    expect(Object.keys(instantiateWasm(RNN_WASM)!.exports)).toContain('gemmNT');
    expect(Object.keys(instantiateWasm(SVD_WASM)!.exports)).toContain('gemm');
  });

  it('gives null, not an error, for bytes that are not a valid module', () => {
    expect(instantiateWasm(btoa('not a module'))).toBeNull();
    expect(instantiateWasm(btoa('\0asm\x01\0\0\0\x01'))).toBeNull();
  });
});
