/**
 * WebGL2 fragment programs (GLSL ES 3.00, highp) for the LSTM loops of ./lstm.ts, run through
 * tfjs's webgl backend (`MathBackendWebGL.compileAndRun`). No React, no DOM at module level.
 *
 * Every program reads and writes PACKED textures (one RGBA texel = a 2 x 2 block of a matrix:
 * x = (r, c), y = (r, c+1), z = (r+1, c), w = (r+1, c+1)), like tfjs's own matMul: a packed
 * program fed by a packed matMul output needs no unpack program in between, and its packed output
 * feeds the next matMul with no pack program. `getOutputCoords()` gives the top-left element of
 * the output texel, `getX(...)` the input texel holding that element; 3D inputs `[T, B, N]` are
 * packed per time step, so row b of step t always sits in the same texel half as row b of the
 * output (any B). Gate blocks start at multiples of H, so H must be even (./lstm.ts checks).
 *
 * The time step t is a uniform (`tIndex`), never part of the source: the backend compiles each
 * program once per shape (its cache key is the source + the input shapes) and every step reuses it.
 *
 * Notation (./types.ts): z = x W_ih^T + b_ih + b_hh + h_{t-1} W_hh^T `[B, 4H]` in blocks
 * i, f, g, o; σ the logistic sigmoid; ⊙ elementwise.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';

/** First line of every program's source (tests count our dispatches by it). */
export const TAG = '// src/models/rnn/webgl';

/** `uniform int tIndex;`: the time step a program reads its rows of the time-major inputs at. */
const T_UNIFORM: GPGPUProgram['customUniforms'] = [{ name: 'tIndex', type: 'int' }];

/**
 * A program of this module: packed inputs and output (see the module comment), the source
 * starting with {@link TAG}, and `main`'s body as given.
 */
function packedProgram(
  variableNames: string[],
  outputShape: number[],
  body: string,
  options: { uniforms?: GPGPUProgram['customUniforms']; preamble?: string } = {},
): GPGPUProgram {
  return {
    variableNames,
    outputShape,
    packedInputs: true,
    packedOutput: true,
    ...(options.uniforms ? { customUniforms: options.uniforms } : {}),
    userCode: `${TAG}
  ${options.preamble ?? ''}
  void main() {${body}
  }`,
  };
}

/**
 * Overflow-safe sigmoid and tanh on texels (exp of a large argument gives inf on GPUs, and
 * inf / inf is NaN; these forms only ever take exp of a non-positive number).
 */
const ACTIVATIONS = `
  vec4 lstmSigmoid(vec4 x) {
    vec4 e = exp(-abs(x));
    return mix(e / (1.0 + e), 1.0 / (1.0 + e), step(0.0, x));
  }
  vec4 lstmTanh(vec4 x) {
    vec4 e = exp(-2.0 * abs(x));
    return sign(x) * (1.0 - e) / (1.0 + e);
  }
`;

/**
 * GLSL of `acc += A[b, 0:K] · B[0:K, col]` for the output texel at rows (b, b+1), columns
 * (col, col+1): per pair of shared indices k, k+1 one texel of A and one of B (tfjs's packed
 * matMul kernel; the two swizzled products are added separately, as tfjs does for precision,
 * tensorflow/tfjs#1735).
 */
function matMulLoop(acc: string, getA: string, getB: string, K: number): string {
  return `
    for (int k = 0; k < ${K}; k += 2) {
      vec4 a = ${getA}(b, k);
      vec4 w = ${getB}(k, col);
      ${acc} += a.xxzz * w.xyxy;
      ${acc} += a.yyww * w.zwzw;
    }`;
}

/**
 * Forward, step t, part 1: the gate pre-activations
 *   z_t = xp_t + h_{t-1} W_hh^T   `[B, 4H]`
 * (a matMul reading its bias rows of the whole input projection at step t; z_t is kept for the
 * backward pass, which then needs no second matMul over all steps).
 * Inputs: h `[B, H]` (h_{t-1}), whhT `[H, 4H]`, xp `[T, B, 4H]`.
 */
export function lstmPreactProgram(B: number, H: number): GPGPUProgram {
  return packedProgram(
    ['h', 'whhT', 'xp'],
    [B, 4 * H],
    `
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int col = rc.y;
    vec4 z = getXp(tIndex, b, col);
    ${matMulLoop('z', 'getH', 'getWhhT', H)}
    setOutput(z);`,
    { uniforms: T_UNIFORM },
  );
}

/**
 * Forward, step t, part 2: the cell state
 *   c_t = σ(z_f) ⊙ c_{t-1} + σ(z_i) ⊙ tanh(z_g).
 * Inputs: z `[B, 4H]` (z_t), c `[B, H]` (c_{t-1}); output c_t `[B, H]`.
 */
export function lstmCellProgram(B: number, H: number): GPGPUProgram {
  return packedProgram(
    ['z', 'c'],
    [B, H],
    `
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int j = rc.y;
    vec4 i = lstmSigmoid(getZ(b, j));
    vec4 f = lstmSigmoid(getZ(b, ${H} + j));
    vec4 g = lstmTanh(getZ(b, ${2 * H} + j));
    setOutput(f * getC(b, j) + i * g);`,
    { preamble: ACTIVATIONS },
  );
}

/**
 * Forward, step t, part 3: the hidden state
 *   h_t = σ(z_o) ⊙ tanh(c_t).
 * Inputs: z `[B, 4H]` (z_t), c `[B, H]` (c_t); output h_t `[B, H]`.
 */
export function lstmHiddenProgram(B: number, H: number): GPGPUProgram {
  return packedProgram(
    ['z', 'c'],
    [B, H],
    `
    ivec2 rc = getOutputCoords();
    setOutput(lstmSigmoid(getZ(rc.x, ${3 * H} + rc.y)) * lstmTanh(getC(rc.x, rc.y)));`,
    { preamble: ACTIVATIONS },
  );
}

/**
 * Backward, step t (from T-1 down to 0), elementwise. With the gates recomputed from the saved
 * pre-activations z_t (i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)):
 *   dh_t = dy_t + dhRec            (dhRec = dz_{t+1} W_hh, zero at t = T-1)
 *   dc_t = dh_t ⊙ o ⊙ (1 - tanh²(c_t)) + dcCarry   (dcCarry = dc_{t+1} ⊙ f_{t+1}; dy_T at T-1)
 *   dz_t = [dc_t ⊙ g ⊙ σ'(i), dc_t ⊙ c_{t-1} ⊙ σ'(f), dc_t ⊙ i ⊙ (1 - g²), dh_t ⊙ tanh(c_t) ⊙ σ'(o)]
 * with σ'(a) = a (1 - a) of the activated gate. Output `[B, 5H]` = [dz_t (4H) | dc_t ⊙ f_t (H)]:
 * the next step's dcCarry rides along as a fifth block, so one program serves the step.
 * Inputs: dy `[T + 1, B, H]` (row T: dLoss/dc_T), dhRec `[B, H]`, carry `[B, 5H]` (the previous
 * output; zeros at T-1), z `[B, 4H]` (z_t), cPrev `[B, H]` (c_{t-1}), c `[B, H]` (c_t).
 */
export function lstmBackwardProgram(B: number, H: number, T: number): GPGPUProgram {
  return packedProgram(
    ['dy', 'dhRec', 'carry', 'z', 'cPrev', 'c'],
    [B, 5 * H],
    `
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int block = rc.y / ${H};
    int j = rc.y - block * ${H};
    vec4 i = lstmSigmoid(getZ(b, j));
    vec4 f = lstmSigmoid(getZ(b, ${H} + j));
    vec4 g = lstmTanh(getZ(b, ${2 * H} + j));
    vec4 o = lstmSigmoid(getZ(b, ${3 * H} + j));
    vec4 tc = lstmTanh(getC(b, j));
    vec4 dh = getDy(tIndex, b, j) + getDhRec(b, j);
    vec4 dc = dh * o * (1.0 - tc * tc) + getCarry(b, ${4 * H} + j);
    if (tIndex == ${T - 1}) dc += getDy(${T}, b, j);
    vec4 r;
    if (block == 0) r = dc * g * i * (1.0 - i);
    else if (block == 1) r = dc * getCPrev(b, j) * f * (1.0 - f);
    else if (block == 2) r = dc * i * (1.0 - g * g);
    else if (block == 3) r = dh * tc * o * (1.0 - o);
    else r = dc * f;
    setOutput(r);`,
    { uniforms: T_UNIFORM, preamble: ACTIVATIONS },
  );
}

/**
 * Backward, step t, the recurrent product
 *   dh_{t-1} (recurrent part) = dz_t W_hh   `[B, H]`
 * reading only the dz columns [0, 4H) of the `[B, 5H]` output of {@link lstmBackwardProgram}.
 * Inputs: dz `[B, 5H]`, whh `[4H, H]`.
 */
export function lstmRecurrentGradProgram(B: number, H: number): GPGPUProgram {
  return packedProgram(
    ['dz', 'whh'],
    [B, H],
    `
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int col = rc.y;
    vec4 r = vec4(0.0);
    ${matMulLoop('r', 'getDz', 'getWhh', 4 * H)}
    setOutput(r);`,
  );
}

/**
 * Stacks the first `cols` columns of several packed tensors along a new leading axis:
 *   out[k] = x_i[k - offset_i, :, 0:cols]   `[Σ n_i, B, cols]`
 * where input i is `[B, W]` (n_i = 1) or `[n_i, B, W]` (W >= cols, cols even). One texel read
 * per output texel (tfjs's packed concat unpacks every element: 3-10x slower here).
 * @param counts - n_i per input, 0 for a 2D input (at most the backend's texture-unit limit).
 */
export function stackColumnsProgram(counts: number[], B: number, cols: number): GPGPUProgram {
  let offset = 0;
  const branches = counts.map((n, i) => {
    const from = offset;
    offset += Math.max(n, 1);
    const read = n === 0 ? `getX${i}(b, col)` : `getX${i}(k - ${from}, b, col)`;
    return `${i === 0 ? '' : 'else '}if (k < ${offset}) v = ${read};`;
  });
  return packedProgram(
    counts.map((_, i) => `x${i}`),
    [offset, B, cols],
    `
    ivec3 rc = getOutputCoords();
    int k = rc.x;
    int b = rc.y;
    int col = rc.z;
    vec4 v = vec4(0.0);
    ${branches.join('\n    ')}
    setOutput(v);`,
  );
}

/** Copies a tensor into a packed texture (a no-op program; the backend packs its input first). */
export function packedCopyProgram(shape: number[]): GPGPUProgram {
  const rank = shape.length;
  const coords = ['rc', 'rc.x, rc.y', 'rc.x, rc.y, rc.z', 'rc.x, rc.y, rc.z, rc.w'][rank - 1];
  return packedProgram(
    ['x'],
    shape,
    `
    ${rank === 1 ? 'int' : `ivec${rank}`} rc = getOutputCoords();
    setOutput(getX(${coords}));`,
  );
}
