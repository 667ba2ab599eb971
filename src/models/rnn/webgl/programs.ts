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

/** `uniform int tIndex;`: the time step a program reads its rows of the time-major inputs at. */
const T_UNIFORM: GPGPUProgram['customUniforms'] = [{ name: 'tIndex', type: 'int' }];

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
 * GLSL accumulating `z += h_{t-1} · W_hh^T` over the H inputs for the gate blocks `gates`, for
 * the output texel at rows (b, b+1), columns (j, j+1) of each block: per pair of inputs k, k+1
 * one texel of h and one of W_hh^T per gate (tfjs's 2 x 2 matMul kernel; the two swizzled
 * products are added separately, as tfjs does for precision, tensorflow/tfjs#1735).
 */
function recurrentProduct(H: number, gates: ReadonlyArray<readonly [string, number]>): string {
  const fetches = gates.map(([, k]) => `vec4 w${k} = getWhhT(k, ${k * H} + j);`).join('\n      ');
  const sums = gates
    .map(([z, k]) => `${z} += h.xxzz * w${k}.xyxy;\n      ${z} += h.yyww * w${k}.zwzw;`)
    .join('\n      ');
  return `
    for (int k = 0; k < ${H}; k += 2) {
      vec4 h = getH(b, k);
      ${fetches}
      ${sums}
    }`;
}

/**
 * Forward, part 1 of a step: the cell state.
 *   [z_i, z_f, z_g] = xp_t + h_{t-1} W_hh^T (blocks i, f, g);
 *   c_t = σ(z_f) ⊙ c_{t-1} + σ(z_i) ⊙ tanh(z_g).
 * Inputs: h `[B, H]` (h_{t-1}), c `[B, H]` (c_{t-1}), whhT `[H, 4H]`, xp `[T, B, 4H]`; output
 * c_t `[B, H]`.
 */
export function lstmCellProgram(B: number, H: number): GPGPUProgram {
  return {
    variableNames: ['h', 'c', 'whhT', 'xp'],
    outputShape: [B, H],
    packedInputs: true,
    packedOutput: true,
    customUniforms: T_UNIFORM,
    userCode: `
  ${ACTIVATIONS}
  void main() {
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int j = rc.y;
    vec4 zi = getXp(tIndex, b, j);
    vec4 zf = getXp(tIndex, b, ${H} + j);
    vec4 zg = getXp(tIndex, b, ${2 * H} + j);
    ${recurrentProduct(H, [
      ['zi', 0],
      ['zf', 1],
      ['zg', 2],
    ])}
    setOutput(lstmSigmoid(zf) * getC(b, j) + lstmSigmoid(zi) * lstmTanh(zg));
  }`,
  };
}

/**
 * Forward, part 2 of a step: the hidden state.
 *   z_o = xp_t + h_{t-1} W_hh^T (block o);  h_t = σ(z_o) ⊙ tanh(c_t).
 * Inputs: h `[B, H]` (h_{t-1}), c `[B, H]` (c_t, from {@link lstmCellProgram}), whhT, xp; output
 * h_t `[B, H]`.
 */
export function lstmHiddenProgram(B: number, H: number): GPGPUProgram {
  return {
    variableNames: ['h', 'c', 'whhT', 'xp'],
    outputShape: [B, H],
    packedInputs: true,
    packedOutput: true,
    customUniforms: T_UNIFORM,
    userCode: `
  ${ACTIVATIONS}
  void main() {
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int j = rc.y;
    vec4 zo = getXp(tIndex, b, ${3 * H} + j);
    ${recurrentProduct(H, [['zo', 3]])}
    setOutput(lstmSigmoid(zo) * lstmTanh(getC(b, j)));
  }`,
  };
}

/**
 * Backward, one step t (from T-1 down to 0), elementwise. With the gates recomputed from the
 * saved pre-activations (z_t = xp_t + zr_t, zr = H_prev W_hh^T for all steps at once):
 *   dh_t = dy_t + dhRec            (dhRec = dz_{t+1} W_hh, zero at t = T-1)
 *   dc_t = dh_t ⊙ o ⊙ (1 - tanh²(c_t)) + dcCarry   (dcCarry = dc_{t+1} ⊙ f_{t+1}; + dy_T at T-1)
 *   dz_t = [dc_t ⊙ g ⊙ σ'(i), dc_t ⊙ c_{t-1} ⊙ σ'(f), dc_t ⊙ i ⊙ (1 - g²), dh_t ⊙ tanh(c_t) ⊙ σ'(o)]
 * with σ'(a) = a (1 - a) of the activated gate. Output `[B, 5H]` = [dz_t (4H) | dc_t ⊙ f_t (H)]:
 * the next step's dcCarry rides along as a fifth block, so the recurrent product
 * dz_t W_hh = [dz_t | dcCarry] · [W_hh; 0] is ONE matMul of this output with zero rows under W_hh,
 * and the step needs no second program.
 * Inputs: dy `[T + 1, B, H]` (row T: dLoss/dc_T), dhRec `[B, H]`, carry `[B, 5H]` (the previous
 * step's output; zeros at T-1), xp, zr `[T, B, 4H]`, cs `[T + 1, B, H]` (c_0 ... c_T).
 */
export function lstmBackwardProgram(B: number, H: number, T: number): GPGPUProgram {
  return {
    variableNames: ['dy', 'dhRec', 'carry', 'xp', 'zr', 'cs'],
    outputShape: [B, 5 * H],
    packedInputs: true,
    packedOutput: true,
    customUniforms: T_UNIFORM,
    userCode: `
  ${ACTIVATIONS}
  vec4 preact(int b, int col) {
    return getXp(tIndex, b, col) + getZr(tIndex, b, col);
  }
  void main() {
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int block = rc.y / ${H};
    int j = rc.y - block * ${H};
    vec4 i = lstmSigmoid(preact(b, j));
    vec4 f = lstmSigmoid(preact(b, ${H} + j));
    vec4 g = lstmTanh(preact(b, ${2 * H} + j));
    vec4 o = lstmSigmoid(preact(b, ${3 * H} + j));
    vec4 tc = lstmTanh(getCs(tIndex + 1, b, j));
    vec4 dh = getDy(tIndex, b, j) + getDhRec(b, j);
    vec4 dc = dh * o * (1.0 - tc * tc) + getCarry(b, ${4 * H} + j);
    if (tIndex == ${T - 1}) dc += getDy(${T}, b, j);
    vec4 r;
    if (block == 0) r = dc * g * i * (1.0 - i);
    else if (block == 1) r = dc * getCs(tIndex, b, j) * f * (1.0 - f);
    else if (block == 2) r = dc * i * (1.0 - g * g);
    else if (block == 3) r = dh * tc * o * (1.0 - o);
    else r = dc * f;
    setOutput(r);
  }`,
  };
}

/** Copies a tensor into a packed texture (a no-op program; the backend packs its input first). */
export function packedCopyProgram(shape: number[]): GPGPUProgram {
  const rank = shape.length;
  const coords = ['rc', 'rc.x, rc.y', 'rc.x, rc.y, rc.z', 'rc.x, rc.y, rc.z, rc.w'][rank - 1];
  return {
    variableNames: ['x'],
    outputShape: shape,
    packedInputs: true,
    packedOutput: true,
    userCode: `
  void main() {
    ${rank === 1 ? 'int' : `ivec${rank}`} rc = getOutputCoords();
    setOutput(getX(${coords}));
  }`,
  };
}
